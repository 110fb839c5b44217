package io.transports;

import java.util.List;

/**
 * A flush found hosted objects whose state cannot travel (a NaN, a cycle, an unsupported type). The
 * other models' patches were emitted as usual; these models keep their last good value until fixed.
 */
public final class UnsyncableException extends RuntimeException {
    private final List<RuntimeException> causes;

    UnsyncableException(List<RuntimeException> causes) {
        super(message(causes), causes.get(0));
        this.causes = List.copyOf(causes);
    }

    /** One cause per model that could not be synced; each message names the model and the path. */
    public List<RuntimeException> causes() { return causes; }

    private static String message(List<RuntimeException> causes) {
        StringBuilder b = new StringBuilder();
        for (RuntimeException e : causes) {
            if (b.length() > 0) b.append("; ");
            b.append(e.getMessage());
        }
        return b.toString();
    }
}
