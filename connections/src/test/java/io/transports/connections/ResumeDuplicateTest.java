package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transports.Client;
import io.transports.Frame;
import io.transports.Server;
import io.transports.Session;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, severe 1, reproduced without sockets: a connection re-opens with {@code since} while a host
 * change is pending. The opening replay already carries that change; the next flush must not queue it
 * again for this connection, and the connection's queue (where the replay still waits) must never fold
 * a revision into itself twice. Before the fix the list {@code [10, 20]} arrived as {@code [10, 20, 20]}.
 */
class ResumeDuplicateTest {
    /** The hosted model: one list. */
    public static class Numbers {
        public List<Integer> items = new ArrayList<>();
    }

    private final Codec json = Codecs.forName("json");

    @Test void aPatchPendingAtResumeIsDeliveredOnce() {
        Session session = new Session();
        Numbers numbers = new Numbers();
        long id = session.host(numbers);
        Server server = new Server(session);
        Client mirror = new Client();
        for (Frame f : server.open("a")) mirror.recv(f);

        numbers.items.add(10);
        server.flush().getOrDefault("a", List.of()).forEach(mirror::recv); // rev 1: [10]
        server.close("a");                                                  // the connection drops
        numbers.items.add(20);                                              // pending, not flushed

        // The re-opened connection's queue, as the fanout keeps it: the replay waits in it (not yet sent)
        // when the next flush arrives, so that flush's frames may merge into the waiting ones.
        PendingFrames queue = new PendingFrames(json);
        for (Frame f : server.open("a", "json", mirror.revisions())) queue.add(f, f.size());
        for (Frame f : server.flush().getOrDefault("a", List.of())) queue.add(f, f.size(), true);
        for (Frame f; (f = queue.poll()) != null; ) mirror.recv(f);

        assertEquals(2, session.rev(id));
        assertEquals(2, mirror.rev(id));
        assertEquals(Value.list(List.of(Value.of(10), Value.of(20))), ((io.transports.value.MapValue) mirror.value(id)).get("items"),
                "each revision is applied once");
        assertEquals(session.value(id), mirror.value(id));
    }

    @Test void theNextFlushSendsARevisionTheOpeningAlreadyCoveredToNoOne() {
        Session session = new Session();
        Numbers numbers = new Numbers();
        session.host(numbers);
        Server server = new Server(session);
        server.open("other");
        numbers.items.add(10);
        List<Frame> opening = server.open("late", "json", Map.of(1L, 0L)); // replays rev 1
        assertEquals(1, opening.size());
        Map<Object, List<Frame>> flushed = server.flush();
        assertEquals(1, flushed.get("other").size(), "the connection open before the change gets it");
        assertEquals(List.of(), flushed.getOrDefault("late", List.of()), "the late one had it in its opening");
    }
}
