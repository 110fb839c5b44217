package io.transports.backplane.support;

import io.transports.connections.Fanout;
import io.transports.connections.WebSocketEndpoint;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty serving a fanout's WebSocket endpoint on a free loopback port: the web tier of the
 * processes the fault tests and the benchmark start in their own JVMs (and of the in-JVM failover test).
 */
public final class LoopbackWebSocket {
    private LoopbackWebSocket() {}

    public static int serve(Fanout fanout, String path) throws Exception { return port(start(fanout, path)); }

    /** The port a server made by {@link #start} listens on. */
    public static int port(Server jetty) { return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort(); }

    /** As {@link #serve}, returning the running Jetty so a test can stop it (a server going away). */
    public static Server start(Fanout fanout, String path) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> container.addEndpoint(WebSocketEndpoint.config(fanout, path)));
        jetty.setHandler(context);
        jetty.start();
        return jetty;
    }
}
