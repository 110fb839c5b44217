package io.transports.protocol;

import java.util.Objects;

/**
 * {@code {"t":"ack","id":1,"rev":4,"proposal":"auto-1"}}: the server accepted the proposal with this id
 * but it changed nothing, so no patch carries the answer; {@code rev} is the model's current revision.
 * Sent to the proposer only. It never changes a mirror; a client ignores an ack it does not know.
 */
public record Ack(long id, long rev, String proposal) implements Message {
    public Ack { Objects.requireNonNull(proposal, "proposal"); }

    @Override public String t() { return "ack"; }
}
