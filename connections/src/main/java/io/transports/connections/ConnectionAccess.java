package io.transports.connections;

import io.transports.Permissions;

/**
 * The application's access hook: given what a connection presented at its handshake (headers, query,
 * user), decide what it may do. Called once per connection, on the container's thread, before any
 * frame is sent; an exception refuses the connection with a server error.
 *
 * <pre>{@code
 * fanout.setAccess(h -> h.header("X-Role").orElse("").equals("editor")
 *         ? Permissions.all()
 *         : Permissions.all().readOnly("only editors may change the dashboard"));
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionAccess {
    /** Everyone sees and edits everything. */
    ConnectionAccess ALL = handshake -> Permissions.all();

    Permissions decide(Handshake handshake);
}
