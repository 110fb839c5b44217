package io.transports.backplane;

/**
 * A model's revision is taken in the backplane's log, but the patches that took it are no longer there
 * (trimmed, or the store lost its data and was re-seeded by another process): the process must reload
 * the model from the stored snapshot.
 */
public final class LogGapException extends BackplaneException {
    public LogGapException(String message) { super(message); }
}
