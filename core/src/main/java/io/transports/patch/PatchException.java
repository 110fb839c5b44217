package io.transports.patch;

/**
 * A patch that cannot be applied. The message names the op (its position and kind), the path and the
 * reason; the value it was applied to is left exactly as it was.
 */
public class PatchException extends IllegalArgumentException {
    private final int opIndex;

    public PatchException(int opIndex, String message) {
        super(message);
        this.opIndex = opIndex;
    }

    /** Position of the failing op in the patch, or -1 when the patch itself is malformed. */
    public int opIndex() { return opIndex; }
}
