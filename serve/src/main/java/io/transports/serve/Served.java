package io.transports.serve;

import io.transports.connections.Fanout;
import io.transports.connections.SseServlet;
import io.transports.connections.SyncLoop;
import io.transports.connections.WebSocketEndpoint;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A running {@link Serve}: embedded Jetty with the widget page, the WebSocket and SSE endpoints and the
 * sync loop. {@link #url()} is the page; {@link #close()} stops all of it and frees the port (the session
 * or hub stays yours and open). In JShell the value prints as its URL.
 */
public final class Served implements AutoCloseable {
    /** Where the WebSocket endpoint listens. */
    public static final String WS_PATH = "/transports";
    /** Where the SSE endpoint listens. */
    public static final String SSE_PATH = "/transports/events";
    /** Where the page finds the widget-js client bundle (connect, connectSSE, renderModels). */
    static final String WIDGET_BUNDLE = "io/transports/serve/web/widget/client.js";

    private final Server jetty;
    private final Fanout fanout;
    private final SyncLoop loop;
    private final String host;
    private final int port;

    private Served(Server jetty, ServerConnector connector, Fanout fanout, SyncLoop loop, String host) {
        this.jetty = jetty;
        this.port = connector.getLocalPort();
        this.fanout = fanout;
        this.loop = loop;
        this.host = host;
    }

    static Served start(Serve options, Fanout fanout) {
        SyncLoop loop = null;
        Server jetty = new Server();
        try {
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(options.host());
            connector.setPort(options.port());
            connector.setReuseAddress(true); // a restart on the same port does not wait out TIME_WAIT
            jetty.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            JakartaWebSocketServletContainerInitializer.configure(context,
                    (servletContext, container) -> container.addEndpoint(WebSocketEndpoint.config(fanout, WS_PATH)));
            ServletHolder sse = new ServletHolder("transports-sse", new SseServlet(fanout));
            sse.setAsyncSupported(true);
            context.addServlet(sse, SSE_PATH);
            options.routes().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
            List<String> files = new ArrayList<>(options.pages());
            files.add(ClasspathFiles.directory("io/transports/serve/web"));
            context.addServlet(new ServletHolder("pages", new ClasspathFiles(files)), "/");
            jetty.setHandler(new SameOriginOnly(context, options.loopback(), List.of(WS_PATH)));

            if (Served.class.getClassLoader().getResource(WIDGET_BUNDLE) == null) {
                System.err.println("transports serve: this jar has no widget bundle (" + WIDGET_BUNDLE + "), so the page cannot load;"
                        + " the endpoints work. Build widget-js (cd widget-js && npm ci && npm run build), then this module again.");
            }
            loop = new SyncLoop(fanout, options.syncEvery()).start();
            jetty.start();
            return new Served(jetty, connector, fanout, loop, options.host());
        } catch (Exception e) {
            if (loop != null) loop.close();
            fanout.close();
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // already failing; the cause below is what matters
            }
            BindException bind = bindException(e);
            if (bind != null) {
                String where = options.host() + ":" + options.port();
                String why = String.valueOf(bind.getMessage());
                if (why.toLowerCase(Locale.ROOT).contains("in use")) {
                    throw new UncheckedIOException("cannot serve on " + where + ": port " + options.port()
                            + " is in use (" + why + "); pick another with port(N), or port(0) for a free one", bind);
                }
                throw new UncheckedIOException("cannot serve on " + where + ": " + why + " (is " + options.host() + " an address of this machine?)", bind);
            }
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException("cannot start serving on " + options.host() + ":" + options.port() + ": " + e, e);
        }
    }

    private static BindException bindException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof BindException b) return b;
        return null;
    }

    /** The port it listens on (the one picked when asked for port 0). */
    public int port() { return port; }

    /** The widget page, e.g. {@code http://127.0.0.1:41234/}; for a hub add {@code ?tenant=NAME}. */
    public String url() { return "http://" + authority() + "/"; }

    /** The WebSocket endpoint, e.g. {@code ws://127.0.0.1:41234/transports}. */
    public String webSocketUrl() { return "ws://" + authority() + WS_PATH; }

    /** The SSE endpoint, e.g. {@code http://127.0.0.1:41234/transports/events}. */
    public String sseUrl() { return "http://" + authority() + SSE_PATH; }

    /** The fanout serving the connections (access hook, limits, connection count). */
    public Fanout fanout() { return fanout; }

    /** Stop the sync loop, close every connection (1001), stop Jetty and free the port. Safe to call twice. */
    @Override public void close() {
        loop.close();
        fanout.close();
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the server on port " + port() + " failed: " + e, e);
        }
    }

    @Override public String toString() { return url(); }

    /** host:port for URLs: a wildcard bind is reached on 127.0.0.1, an IPv6 literal goes in brackets. */
    private String authority() {
        String h = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
        if (h.contains(":") && !h.startsWith("[")) h = "[" + h + "]";
        return h + ":" + port();
    }
}
