/**
 * Serving a {@link io.transports.Session} or a multi-tenant {@link io.transports.Hub} over the network,
 * and mirroring one from Java.
 *
 * <p>Server side: a {@link io.transports.connections.Fanout} serves one {@link io.transports.Broadcaster}
 * (a core {@link io.transports.Server} or {@link io.transports.Hub}) with one bounded outbound queue per
 * connection; {@link io.transports.connections.WebSocketEndpoint}
 * (Jakarta WebSocket API) and {@link io.transports.connections.SseServlet} (Jakarta Servlet API) attach
 * connections to it; a {@link io.transports.connections.SyncLoop} flushes on an interval and
 * fans the frames out. {@link io.transports.connections.ConnectionAccess} is the application's say over
 * each connection. Client side: {@link io.transports.connections.TransportsClient} over
 * {@code java.net.http}, with reconnect and resume.
 */
package io.transports.connections;
