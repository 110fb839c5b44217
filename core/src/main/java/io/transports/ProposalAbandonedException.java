package io.transports;

/**
 * How a {@link Proposal} fails when no answer can come any more: the connection went away (or the frame
 * was never sent) before the server accepted or refused it. The server may or may not have applied it;
 * after a reconnect the mirror shows which.
 */
public final class ProposalAbandonedException extends RuntimeException {
    private final String proposal;

    ProposalAbandonedException(String proposal, String why) {
        super("proposal " + proposal + " was abandoned: " + why, null, false, false);
        this.proposal = proposal;
    }

    /** The abandoned proposal's id. */
    public String proposal() { return proposal; }
}
