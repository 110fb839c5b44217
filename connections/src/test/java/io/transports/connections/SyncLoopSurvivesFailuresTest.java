package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Session;
import io.transports.connections.support.Await;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sync loop survives any Throwable it can survive (issue 9, severe 4): before, a tick caught only
 * RuntimeException, and an Error cancelled the scheduled task for good without a log line. Two ways a
 * flush can fail are tried for each kind of Throwable: one model's walk throws it (the session reports
 * that model and flushes the others), and the flush as a whole throws it (here the server's error
 * handler does); either way a log line says so and the other model keeps syncing, tick after tick.
 */
class SyncLoopSurvivesFailuresTest {
    /** A list whose reads throw what it is given (a collection that fails while it is walked). */
    static final class Failing extends AbstractList<Integer> {
        final Supplier<Throwable> failure;

        Failing(Supplier<Throwable> failure) { this.failure = failure; }

        @Override public Integer get(int i) { throw Failing.<RuntimeException>sneaky(failure.get()); }

        @Override public int size() { return 1; }

        @SuppressWarnings("unchecked")
        static <T extends Throwable> T sneaky(Throwable t) throws T { throw (T) t; }
    }

    public static class Broken {
        public List<Integer> items = List.of();
    }

    public static class Counter {
        public volatile int n;
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("RuntimeException", (Supplier<Throwable>) () -> new IllegalStateException("bad state")),
                Arguments.of("StackOverflowError", (Supplier<Throwable>) StackOverflowError::new),
                Arguments.of("AssertionError", (Supplier<Throwable>) () -> new AssertionError("invariant broken")),
                Arguments.of("NoClassDefFoundError", (Supplier<Throwable>) () -> new NoClassDefFoundError("gone/Away")),
                Arguments.of("a custom Error", (Supplier<Throwable>) () -> new Error("custom")));
    }

    @ParameterizedTest(name = "one model throws {0}")
    @MethodSource("failures")
    void oneModelsFailingFlushIsLoggedAndTheOtherKeepsSyncing(String name, Supplier<Throwable> failure) throws Exception {
        Session session = new Session();
        Broken broken = new Broken();
        session.host(broken);
        Counter counter = new Counter();
        long counterId = session.host(counter);
        List<String> serverErrors = new CopyOnWriteArrayList<>();
        try (Fanout fanout = new Fanout(session); SyncLoop loop = new SyncLoop(fanout, Duration.ofMillis(5))) {
            fanout.server().onError(e -> serverErrors.add(e.getMessage()));
            loop.start();
            broken.items = new Failing(failure); // from now on every flush of this model throws
            keepsSyncing(session, counter, counterId);
            assertTrue(serverErrors.stream().anyMatch(m -> m.contains("model 1 (Broken)")), serverErrors.toString());
        }
    }

    @ParameterizedTest(name = "the flush throws {0}")
    @MethodSource("failures")
    void aFlushThatThrowsIsLoggedAndTheLoopGoesOn(String name, Supplier<Throwable> failure) throws Exception {
        Session session = new Session();
        Broken broken = new Broken();
        session.host(broken);
        Counter counter = new Counter();
        long counterId = session.host(counter);
        List<String> log = new CopyOnWriteArrayList<>();
        try (Fanout fanout = new Fanout(session); SyncLoop loop = new SyncLoop(fanout, Duration.ofMillis(5))) {
            fanout.setLog(log::add);
            fanout.server().onError(e -> { throw Failing.<RuntimeException>sneaky(failure.get()); });
            loop.start();
            broken.items = new Failing(() -> new IllegalArgumentException("unreadable"));
            keepsSyncing(session, counter, counterId);
            Await.until("a log line about the failed sync", () -> log.stream().anyMatch(l -> l.startsWith("sync failed (the loop goes on)")));
        }
    }

    /** The counter's changes keep reaching the session's log, over many ticks after the failures began. */
    private static void keepsSyncing(Session session, Counter counter, long counterId) {
        for (int i = 1; i <= 20; i++) {
            counter.n = i;
            long want = i;
            Await.until("the loop to flush the counter's change " + i, () -> session.rev(counterId) >= want);
        }
    }
}
