package io.transports.serve.demo;

import io.transports.Broadcaster;
import io.transports.Connection;
import io.transports.Frame;
import io.transports.Hub;
import io.transports.bridge.CrdtSpecs;
import io.transports.crdt.CrdtSequence;
import io.transports.serve.Serve;
import io.transports.serve.Served;
import io.transports.value.MapValue;
import io.transports.value.StrValue;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The collaborative-notes demo: {@link Serve} on loopback serving a {@link Hub} with one CRDT-backed
 * shared {@link Note} that every tenant (the page's {@code ?tenant=} parameter) may write, and the page
 * notes.html, where its {@code text} is a collaborative text input. {@code GET /note} returns the
 * hub's current text (plain UTF-8), so a test can check that what the pages show is what the host holds.
 *
 * <p>Arguments as {@link DemoServer}: {@code --port N} (default 8080; 0 picks a free port).
 */
public final class NotesServer {
    private NotesServer() {}

    /** The shared note: a title register and a collaborative text (a CRDT string sequence). */
    public record Note(String title, @CrdtSequence String text) {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(DemoServer.arg(args, "--port", "8080"));
        // Every tenant that connects is subscribed WRITE to the one note on its first connection.
        Hub hub = new Hub(c -> c.param("tenant").orElseThrow(() -> new IllegalArgumentException("add ?tenant=<name> to the page URL")));
        long note = hub.shareCrdt(new Note("Shared note", "Notes:"), CrdtSpecs.of(Note.class));
        Served server = new Serve().port(port).syncEvery(Duration.ofMillis(20)).pages(DemoServer.PAGES)
                .route("/note", new NoteServlet(hub, note)).start(new EveryTenantWrites(hub, note));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            hub.close();
        }));
        System.out.println("transports notes: " + server.url() + "notes.html?tenant=alice"
                + "  (shared note " + note + "; WebSocket " + server.webSocketUrl() + "?tenant=NAME; Ctrl-C stops)");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The hub, with each connecting tenant first subscribed WRITE to the note (the demo has no sign-up). */
    static final class EveryTenantWrites implements Broadcaster {
        private final Hub hub;
        private final long note;

        EveryTenantWrites(Hub hub, long note) {
            this.hub = hub;
            this.note = note;
        }

        @Override public List<Frame> connect(Connection conn, Map<Long, Long> since) {
            conn.param("tenant").ifPresent(t -> hub.subscribe(t, note, Hub.Mode.WRITE));
            return hub.connect(conn, since);
        }

        @Override public Map<Connection, List<Frame>> receive(Connection conn, Frame frame) { return hub.receive(conn, frame); }
        @Override public Map<Connection, List<Frame>> sync() { return hub.sync(); }
        @Override public Map<Connection, List<Frame>> disconnect(Connection conn) { return hub.disconnect(conn); }
        @Override public void onError(Consumer<RuntimeException> handler) { hub.onError(handler); }
        @Override public Set<Connection> connections() { return hub.connections(); }
        @Override public void close() { hub.close(); }
    }

    /** The note's text as the host holds it, read from the hub. */
    static final class NoteServlet extends HttpServlet {
        private final transient Hub hub;
        private final long note;

        NoteServlet(Hub hub, long note) {
            this.hub = hub;
            this.note = note;
        }

        @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain; charset=utf-8");
            resp.setHeader("Cache-Control", "no-store");
            String text = ((StrValue) ((MapValue) hub.shared(note)).get("text")).value();
            resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
