package io.transports.bridge;

import io.transports.value.Path;

/**
 * A Java object that cannot become a Value, or a Value that cannot become the requested Java type.
 * The message names the path and the reason, e.g. {@code at items[2].price: NaN cannot travel}.
 */
public class BridgeException extends IllegalArgumentException {
    private final Path path;
    private final String reason;

    public BridgeException(Path path, String reason) { this(path, reason, null); }

    public BridgeException(Path path, String reason, Throwable cause) {
        super("at " + path.display() + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    public Path path() { return path; }

    public String reason() { return reason; }
}
