package io.transports.backplane;

/** The backplane's store cannot be reached or answered with an error; the message says which and why. */
public class BackplaneException extends RuntimeException {
    public BackplaneException(String message, Throwable cause) { super(message, cause); }

    public BackplaneException(String message) { super(message); }
}
