package io.transports.connections.support;

import io.transports.Session;
import io.transports.connections.Fanout;
import io.transports.connections.Limits;
import io.transports.connections.SyncLoop;
import io.transports.connections.TransportsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One live server for a test: a session hosting a {@link Board}, a fanout, embedded Jetty on a free
 * loopback port and a fast sync loop; plus the clients the test makes, all closed together.
 */
public final class Fixture implements AutoCloseable {
    public final Session session;
    public final Board board;
    public final long id;
    public final Fanout fanout;
    public final EmbeddedServer server;
    public final SyncLoop loop;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private Fixture(Session session, Limits limits) throws Exception {
        this.session = session;
        this.board = new Board("lobby");
        this.id = session.host(board);
        this.fanout = new Fanout(session).setLimits(limits);
        this.server = EmbeddedServer.start(fanout, 0);
        this.loop = new SyncLoop(fanout, Duration.ofMillis(10)).start();
    }

    public static Fixture start() throws Exception { return new Fixture(new Session(), Limits.DEFAULT); }

    public static Fixture start(Session session, Limits limits) throws Exception { return new Fixture(session, limits); }

    /** A client (closed with the fixture), backing off briefly so reconnect tests run fast. */
    public TransportsClient client(String codec) {
        TransportsClient c = new TransportsClient(codec).withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
        toClose.add(c);
        return c;
    }

    public <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    /** Whether this client's mirror holds the host's current revision of the board. */
    public boolean converged(TransportsClient c) {
        return c.mirror().revisions().getOrDefault(id, -1L) == session.rev(id) && c.value(id).equals(session.value(id));
    }

    @Override public void close() throws Exception {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception ignored) {
                // keep closing the rest
            }
        }
        loop.close();
        fanout.close();
        server.close();
    }
}
