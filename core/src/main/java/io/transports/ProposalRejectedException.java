package io.transports;

import io.transports.protocol.Reject;

/** How a {@link Proposal} fails when the server refused it: the reject, with the server's reason. */
public final class ProposalRejectedException extends RuntimeException {
    private final transient Reject reject;

    ProposalRejectedException(Reject reject) {
        super("proposal " + reject.proposal() + " for model " + reject.id() + " was refused: " + reject.error(), null, false, false);
        this.reject = reject;
    }

    /** The reject frame: model id, the model's current revision, the reason and the proposal id. */
    public Reject reject() { return reject; }

    /** The server's reason, in words a person can act on. */
    public String reason() { return reject.error(); }
}
