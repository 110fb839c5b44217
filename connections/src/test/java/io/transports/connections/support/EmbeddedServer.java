package io.transports.connections.support;

import io.transports.connections.Fanout;
import io.transports.connections.SseServlet;
import io.transports.connections.WebSocketEndpoint;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12 (ee10) on loopback serving a {@link Fanout}: the WebSocket endpoint at
 * {@code /transports}, the SSE servlet at {@code /transports/events}, and optionally static files
 * from directories mounted at URL prefixes. Port 0 picks a free port. Used by the tests, the demo and the benchmark.
 */
public final class EmbeddedServer implements AutoCloseable {
    public static final String WS_PATH = "/transports";
    public static final String SSE_PATH = "/transports/events";

    private final Server jetty;
    private final ServerConnector connector;

    private EmbeddedServer(Server jetty, ServerConnector connector) {
        this.jetty = jetty;
        this.connector = connector;
    }

    public static EmbeddedServer start(Fanout fanout, int port) throws Exception { return start(fanout, port, Map.of()); }

    /** Start on 127.0.0.1:{@code port}, also serving files from directories mounted at URL prefixes. */
    public static EmbeddedServer start(Fanout fanout, int port, Map<String, Path> files) throws Exception {
        return start(fanout, port, files, Map.of());
    }

    /** As above, plus the application's own servlets by exact path. */
    public static EmbeddedServer start(Fanout fanout, int port, Map<String, Path> files, Map<String, HttpServlet> servlets)
            throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setReuseAddress(true);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> container.addEndpoint(WebSocketEndpoint.config(fanout, WS_PATH)));
        ServletHolder sse = new ServletHolder("transports-sse", new SseServlet(fanout));
        sse.setAsyncSupported(true);
        context.addServlet(sse, SSE_PATH);
        servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        if (!files.isEmpty()) context.addServlet(new ServletHolder("static", new StaticFiles(files)), "/");
        jetty.setHandler(context);
        jetty.start();
        return new EmbeddedServer(jetty, connector);
    }

    public int port() { return connector.getLocalPort(); }

    public String wsUrl() { return "ws://127.0.0.1:" + port() + WS_PATH; }

    public String sseUrl() { return "http://127.0.0.1:" + port() + SSE_PATH; }

    public String httpUrl() { return "http://127.0.0.1:" + port() + "/"; }

    @Override public void close() throws Exception { jetty.stop(); }
}
