package io.transports.connections.interop;

import io.transports.Session;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import io.transports.connections.support.Board;
import io.transports.connections.support.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Interop, Java side as host for batch frames: three boards whose {@code tick} all advance together
 * every 20 ms, so every flush holds three patches and a connection that asks with {@code batch=1} gets
 * batch frames. Argument: PORT (0: any free one). Prints {@code ready <ws url>}; runs until killed.
 */
public final class BatchHost {
    private BatchHost() {}

    public static void main(String[] args) throws Exception {
        Session session = new Session();
        List<Board> boards = new ArrayList<>();
        for (String name : List.of("first", "second", "third")) {
            Board b = new Board(name);
            boards.add(b);
            session.host(b);
        }
        Fanout hub = new Fanout(session);
        EmbeddedServer server = EmbeddedServer.start(hub, Integer.parseInt(args[0]));
        System.out.println("ready " + server.wsUrl());
        System.out.flush();
        for (long tick = 1; ; tick++) {
            for (Board b : boards) b.tick = tick;
            hub.sync(); // one flush with the three patches
            Thread.sleep(20);
        }
    }
}
