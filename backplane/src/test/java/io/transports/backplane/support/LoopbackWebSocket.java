package io.transports.backplane.support;

import io.transports.connections.Fanout;
import io.transports.connections.WebSocketEndpoint;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty serving a fanout's WebSocket endpoint on a free loopback port: the web tier of the
 * processes the fault tests and the benchmark start in their own JVMs. Returns the port.
 */
public final class LoopbackWebSocket {
    private LoopbackWebSocket() {}

    public static int serve(Fanout fanout, String path) throws Exception {
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
        return connector.getLocalPort();
    }
}
