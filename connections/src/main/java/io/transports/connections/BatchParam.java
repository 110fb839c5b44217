package io.transports.connections;

import java.util.Optional;

/**
 * Reads the {@code batch} query parameter (docs/protocol.md "Batch frames"): {@code 1} or {@code true}
 * asks for batch frames, {@code 0}, {@code false} or no parameter does not; anything else is refused
 * with a reason (the endpoints close with 1008, or answer HTTP 400 on SSE), so a typo is not silently
 * taken as "no".
 */
final class BatchParam {
    private BatchParam() {}

    /** @throws IllegalArgumentException saying what is wrong */
    static boolean parse(String text) {
        if (text == null || text.isEmpty() || text.equals("0") || text.equals("false")) return false;
        if (text.equals("1") || text.equals("true")) return true;
        String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        throw new IllegalArgumentException("bad batch: \"" + shown + "\" (want 1 or true to receive batch frames, 0 or false not to)");
    }

    /** Whether this connection asked for batches; a value {@link #parse} refuses counts as no (the endpoints refuse it first). */
    static boolean wanted(Handshake handshake) {
        Optional<String> v = handshake.param("batch");
        try {
            return parse(v.orElse(null));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
