package io.transports.connections.demo;

import io.transports.Session;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import io.transports.connections.support.EmbeddedServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runnable demo: embedded Jetty on loopback hosting a {@link Lamp} whose uptime and temperature
 * change every second, the WebSocket and SSE endpoints, and a page that mirrors and edits the lamp with
 * the widget's default view. {@code GET /state} reads the Java object's fields directly, so anyone can
 * check that an edit on the page reached it.
 *
 * <p>Arguments: {@code --port N} (default 8080; 0 picks a free port), {@code --widget DIR} (the widget
 * bundle, default {@code widget-js/dist} found from the working directory).
 */
public final class DemoServer {
    private DemoServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(arg(args, "--port", "8080"));
        Path widget = widgetDir(arg(args, "--widget", null));
        Path page = pageDir();

        Session session = new Session();
        Lamp lamp = new Lamp();
        long id = session.host(lamp);
        Fanout fanout = new Fanout(session);
        SyncLoop loop = new SyncLoop(fanout).start();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-timer");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            double s = (System.nanoTime() - started) / 1e9;
            lamp.uptime = Math.round(s);
            lamp.temperature = Math.round((21 + 1.5 * Math.sin(s / 5)) * 10) / 10.0;
        }, 1, 1, TimeUnit.SECONDS);

        EmbeddedServer server = EmbeddedServer.start(fanout, port,
                Map.of("/", page, "/widget/", widget),
                Map.of("/state", new StateServlet(lamp)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            loop.close();
            fanout.close();
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        System.out.println("transports demo: " + server.httpUrl()
                + "  (model " + id + "; WebSocket " + server.wsUrl() + ", SSE " + server.sseUrl() + "; Ctrl-C stops)");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The lamp's fields as JSON, read straight from the Java object. */
    static final class StateServlet extends HttpServlet {
        private final transient Lamp lamp;

        StateServlet(Lamp lamp) { this.lamp = lamp; }

        @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/json");
            resp.setHeader("Cache-Control", "no-store");
            resp.getWriter().printf(Locale.ROOT, "{\"name\":\"%s\",\"on\":%b,\"brightness\":%d,\"temperature\":%s,\"uptime\":%d}%n",
                    lamp.name.replace("\\", "\\\\").replace("\"", "\\\""), lamp.on, lamp.brightness, lamp.temperature, lamp.uptime);
        }
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }

    static Path widgetDir(String given) {
        if (given != null) return Path.of(given);
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dist = p.resolve("widget-js/dist");
            if (Files.isRegularFile(dist.resolve("widget.js"))) return dist;
        }
        throw new IllegalStateException("widget-js/dist/widget.js not found: build it (cd widget-js && npm ci && npm run build) or pass --widget DIR");
    }

    static Path pageDir() throws URISyntaxException {
        var url = DemoServer.class.getResource("/demo/index.html");
        if (url == null) throw new IllegalStateException("the demo page is not on the classpath (run mvn test-compile)");
        return Path.of(url.toURI()).getParent();
    }
}
