package io.transports.protocol;

import java.util.Objects;

/** {@code {"t":"reject","id":1,"rev":4,"error":"..."}}: the server refused a proposal; sent to the proposer only. */
public record Reject(long id, long rev, String error) implements Message {
    public Reject { Objects.requireNonNull(error, "error"); }
    @Override public String t() { return "reject"; }
}
