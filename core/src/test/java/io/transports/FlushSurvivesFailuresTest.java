package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.transports.bridge.Bridge;
import io.transports.bridge.BridgeException;
import io.transports.value.Value;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * One model's failing flush — whatever it throws, short of the VM itself failing — is reported for that
 * model, with its id and type, and the other models still flush (issue 9, severe 4); and a value whose
 * {@code @JsonValue} never ends is refused with its path instead of overflowing the stack.
 */
class FlushSurvivesFailuresTest {
    /** @JsonValue returns a new object of its own class: its value never ends. */
    public static class Endless {
        @JsonValue public Endless next() { return new Endless(); }
    }

    /** Two classes whose @JsonValue methods return each other. */
    public static class Ping {
        @JsonValue public Pong value() { return new Pong(); }
    }

    public static class Pong {
        @JsonValue public Ping value() { return new Ping(); }
    }

    /** A @JsonValue that returns another of its class which ends: allowed. */
    public static class Wrapper {
        final Object inner;
        Wrapper(Object inner) { this.inner = inner; }
        @JsonValue public Object value() { return inner; }
    }

    /** A delegating creator that takes its own class. */
    public static class SelfCreated {
        @JsonCreator public static SelfCreated of(SelfCreated s) { return new SelfCreated(); }
        public int n;
    }

    public static class Holder {
        public String name = "h";
        public Object payload = "fine";
    }

    /** A list that throws what it is given while armed (a collection whose reads fail). */
    static final class Failing extends AbstractList<Integer> {
        volatile Supplier<Throwable> failure;

        @Override public Integer get(int i) {
            Supplier<Throwable> f = failure;
            if (f != null) throwUnchecked(f.get());
            return i;
        }

        @Override public int size() { return 3; }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> void throwUnchecked(Throwable t) throws T { throw (T) t; }
    }

    public static class Flaky {
        public List<Integer> items = new Failing();
        public int n;
    }

    public static class Counter {
        public int n;
    }

    @Test
    void aJsonValueThatReturnsItsOwnClassIsRefusedWithItsPath() {
        var h = new Holder();
        h.payload = new Endless();
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.toValue(h));
        assertTrue(e.getMessage().startsWith("at payload: the @JsonValue method of Endless returns another Endless every time"), e.getMessage());
        assertThrows(BridgeException.class, () -> new Session().host(h));
        BridgeException chain = assertThrows(BridgeException.class, () -> Bridge.toValue(new Ping()));
        assertTrue(chain.getMessage().contains("@JsonValue methods chained more than"), chain.getMessage());
    }

    @Test
    void aJsonValueChainThatEndsStillTravels() {
        assertEquals(Value.of("x"), Bridge.toValue(new Wrapper(new Wrapper(new Wrapper("x")))));
    }

    @Test
    void aDelegatingCreatorThatTakesItsOwnClassIsRefusedNotOverflowed() {
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.fromValue(Value.of("x"), SelfCreated.class));
        assertTrue(e.getMessage().contains("delegates through more than"), e.getMessage());
    }

    @Test
    void anEndlessJsonValueAppearingLaterIsReportedForItsModelAndTheOthersFlush() {
        var s = new Session();
        var bad = new Holder();
        var good = new Counter();
        long badId = s.host(bad);
        long goodId = s.host(good);
        bad.payload = new Endless();
        good.n = 1;
        UnsyncableException e = assertThrows(UnsyncableException.class, s::flush);
        assertTrue(e.getMessage().startsWith("at payload: model " + badId + " (Holder): the @JsonValue method of Endless"), e.getMessage());
        assertEquals(1, s.rev(goodId), "the other model flushed");
        assertEquals(0, s.rev(badId));
    }

    static Stream<Arguments> survivable() {
        return Stream.of(
                Arguments.of("RuntimeException", (Supplier<Throwable>) () -> new IllegalArgumentException("bad read")),
                Arguments.of("UnsupportedOperationException", (Supplier<Throwable>) UnsupportedOperationException::new),
                Arguments.of("StackOverflowError", (Supplier<Throwable>) StackOverflowError::new),
                Arguments.of("AssertionError", (Supplier<Throwable>) () -> new AssertionError("invariant broken")),
                Arguments.of("NoClassDefFoundError", (Supplier<Throwable>) () -> new NoClassDefFoundError("gone/Away")),
                Arguments.of("ExceptionInInitializerError", (Supplier<Throwable>) () -> new ExceptionInInitializerError("static init")),
                Arguments.of("a checked exception thrown sneakily", (Supplier<Throwable>) () -> new java.io.IOException("disk")),
                Arguments.of("a custom Error", (Supplier<Throwable>) () -> new Error("custom")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("survivable")
    void aModelWhoseFlushThrowsIsReportedAndTheOthersKeepSyncing(String name, Supplier<Throwable> failure) {
        var s = new Session();
        var flaky = new Flaky();
        var good = new Counter();
        long flakyId = s.host(flaky);
        long goodId = s.host(good);
        ((Failing) flaky.items).failure = failure;
        for (int round = 1; round <= 3; round++) {
            good.n = round;
            flaky.n = round;
            UnsyncableException e = assertThrows(UnsyncableException.class, s::flush, name);
            assertEquals(1, e.causes().size());
            assertTrue(e.getMessage().contains("model " + flakyId + " (Flaky)"), e.getMessage());
            assertEquals(round, s.rev(goodId), "the other model keeps syncing");
        }
        // through a Server, as the sync loops call it: the error goes to the handler, the patches still flow
        var server = new Server(s);
        List<RuntimeException> reported = new ArrayList<>();
        server.onError(reported::add);
        server.open("c");
        good.n = 10;
        assertEquals(1, server.flush().get("c").size());
        assertEquals(1, reported.size());
        // fixed: the model syncs again, with everything it missed
        ((Failing) flaky.items).failure = null;
        assertEquals(1, s.flush().size());
        assertEquals(Bridge.toValue(flaky), s.value(flakyId));
    }

    @Test
    void aFailingModelDoesNotStopSnapshotsOrProposalsOfThatModel() {
        var s = new Session();
        var flaky = new Flaky();
        long id = s.host(flaky);
        ((Failing) flaky.items).failure = StackOverflowError::new;
        assertNotNull(s.snapshot(id), "a snapshot gives the last good value");
        var r = s.submit(id, new io.transports.patch.Patch(0, List.of(
                new io.transports.patch.Op.Set(io.transports.value.Path.parse("n"), Value.of(5)))));
        assertTrue(r.accepted(), r.refusal());
        assertEquals(5, flaky.n);
    }
}
