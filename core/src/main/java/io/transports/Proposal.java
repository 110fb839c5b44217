package io.transports;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A proposal a {@link Client} made: its id (sent as {@code "proposal"}, returned by the server to this
 * client alone), the model, the frame to send, and its outcome. {@link #accepted()} completes with the
 * revision at which the server accepted it (the rev of its echo, or of the ack when it changed
 * nothing); it fails with {@link ProposalRejectedException} when the server refused it, and with
 * {@link ProposalAbandonedException} when the connection went away (or the frame never went out)
 * before an answer came. The mirror itself changes only with the echo, as for any patch.
 *
 * <pre>{@code
 * Proposal p = client.propose(1, Transports.toValue(new Device("desk lamp", true)));
 * channel.send(p.frame());
 * long rev = p.accepted().get(5, TimeUnit.SECONDS); // or p.accepted().thenAccept(...)
 * }</pre>
 */
public final class Proposal {
    private final String id;
    private final long model;
    private final Frame frame;
    private final CompletableFuture<Long> accepted;

    Proposal(String id, long model, Frame frame, CompletableFuture<Long> accepted) {
        this.id = Objects.requireNonNull(id, "id");
        this.model = model;
        this.frame = Objects.requireNonNull(frame, "frame");
        this.accepted = accepted;
    }

    /** The proposal id carried on the wire. */
    public String id() { return id; }

    /** The model the proposal is for. */
    public long model() { return model; }

    /** The proposal frame to send. */
    public Frame frame() { return frame; }

    /**
     * Completes with the revision the server accepted it at; fails with {@link ProposalRejectedException}
     * or {@link ProposalAbandonedException}. A dependent stage runs on the thread that received the answer.
     */
    public CompletableFuture<Long> accepted() { return accepted; }

    @Override public String toString() { return "proposal " + id + " for model " + model; }
}
