package io.transports.serve.demo;

import io.transports.Session;
import io.transports.serve.Serve;
import io.transports.serve.Served;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runnable demo: {@link Serve} on loopback hosting a {@link Lamp} whose uptime and temperature
 * change every second, with the WebSocket and SSE endpoints and the demo's own page (index.html and
 * demo.js beside this class's resources) that mirrors and edits the lamp with the widget's default view.
 * {@code GET /state} reads the Java object's fields directly, so anyone can check that an edit on the
 * page reached it.
 *
 * <p>Arguments: {@code --port N} (default 8080; 0 picks a free port).
 */
public final class DemoServer {
    /** The class-path directory of the demo pages (index.html, demo.js, notes.html, notes.js). */
    static final String PAGES = "io/transports/serve/demo";

    private DemoServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(arg(args, "--port", "8080"));
        Session session = new Session();
        Lamp lamp = new Lamp();
        long id = session.host(lamp);
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

        Served server = new Serve().port(port).pages(PAGES).route("/state", new StateServlet(lamp)).start(session);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            server.close();
        }));
        System.out.println("transports demo: " + server.url()
                + "  (model " + id + "; WebSocket " + server.webSocketUrl() + ", SSE " + server.sseUrl() + "; Ctrl-C stops)");
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
}
