package io.transports;

/**
 * The application's say over each connection: which models it may see and whether it may propose.
 * Installed with {@link Server#setAccess}; the default lets every connection see and edit everything.
 *
 * @deprecated one {@link Permissions} value per {@link Connection}, decided when the connection is made
 */
@Deprecated
public interface Access {
    /** Everything visible, every proposal allowed (subject to the connection's read-only flag). */
    Access ALL = new Access() {};

    /** Whether this connection may see model {@code id} (snapshots, patches, and proposing to it). */
    default boolean canSee(Object conn, long id) { return true; }

    /** Null to allow a proposal from this connection to model {@code id}, else the reason it is refused. */
    default String refuseProposal(Object conn, long id) { return null; }
}
