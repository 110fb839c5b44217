package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.bridge.BridgeException;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionTest {
    record Point(int x, int y) {}

    @Test
    void hostAssignsIdsFromOne() {
        var s = new Session();
        assertEquals(1, s.host(new Device("a")));
        assertEquals(2, s.host(new Device("b")));
        assertEquals(List.of(1L, 2L), s.ids());
    }

    @Test
    void severalMutationsBetweenFlushesCoalesceIntoOnePatch() {
        var s = new Session();
        var t = new Thermostat();
        long id = s.host(t);
        t.target = 21;
        t.target = 22;
        t.room = "kitchen";
        List<ModelPatch> out = s.flush();
        assertEquals(1, out.size());
        assertEquals(1, out.get(0).patch().rev());
        assertEquals(2, out.get(0).patch().ops().size());
        assertEquals(List.of(), s.flush(), "nothing changed since");
        assertEquals(1, s.rev(id));
    }

    @Test
    void drainReturnsWhatFlushEmittedAndClearsIt() {
        var s = new Session();
        var d = new Device("x");
        s.host(d);
        d.on = true;
        s.flush();
        d.name = "y";
        List<ModelPatch> drained = s.drain();
        assertEquals(List.of(1L, 2L), drained.stream().map(p -> p.patch().rev()).toList());
        assertEquals(List.of(), s.drain());
    }

    @Test
    void setReplacesARecordAndEmitsTheDifference() {
        var s = new Session();
        long id = s.host(new Point(1, 2));
        s.set(id, new Point(1, 5));
        List<ModelPatch> out = s.drain();
        assertEquals(List.of(new Op.Set(Path.parse("y"), Value.of(5))), out.get(0).patch().ops());
        assertEquals(new Point(1, 5), s.hosted(id));
    }

    @Test
    void submitAppliesValidatesAndUpdatesInPlaceWithoutEcho() {
        var s = new Session();
        var d = new Device("lamp");
        long id = s.host(d);
        SubmitResult r = s.submit(id, new Patch(99, List.of(new Op.Set(Path.parse("on"), Value.of(true)))));
        assertTrue(r.accepted(), r.toString());
        assertEquals(1, r.patch().rev(), "the server assigns the rev; the proposal's is ignored");
        assertTrue(d.on, "the hosted object changed in place");
        assertEquals(List.of(), s.drain(), "no echo patch from the in-place update");
    }

    @Test
    void refusedProposalLeavesHostUntouched() {
        var s = new Session();
        var d = new Device("lamp");
        long id = s.host(d);
        SubmitResult r = s.submit(id, new Patch(0, List.of(new Op.Set(Path.parse("on"), Value.of("yes")))));
        assertFalse(r.accepted());
        assertTrue(r.refusal().contains("on"), r.refusal());
        assertFalse(d.on);
        assertEquals(0, s.rev(id));
    }

    @Test
    void proposalWithAnInvalidOpIsRefusedWithTheOpNamed() {
        var s = new Session();
        long id = s.host(new Device("lamp"));
        SubmitResult r = s.submit(id, new Patch(0, List.of(new Op.RemoveAt(Path.parse("name"), 0))));
        assertFalse(r.accepted());
        assertTrue(r.refusal().contains("RemoveAt"), r.refusal());
    }

    @Test
    void submitToARecordReplacesTheHostedObject() {
        var s = new Session();
        long id = s.host(new Point(1, 2));
        SubmitResult r = s.submit(id, new Patch(0, List.of(new Op.Set(Path.parse("x"), Value.of(7)))));
        assertTrue(r.accepted(), r.toString());
        assertEquals(new Point(7, 2), s.hosted(id));
        assertEquals(List.of(), s.drain(), "the replaced record is tracked: no revert patch follows");
    }

    @Test
    void sinceReplaysFromTheLogOrSaysItCannot() {
        var s = new Session(2);
        var t = new Thermostat();
        long id = s.host(t);
        for (int i = 0; i < 4; i++) {
            t.target = 30 + i;
            s.flush();
        }
        assertEquals(List.of(3L, 4L), s.since(id, 2).orElseThrow().stream().map(Patch::rev).toList());
        assertTrue(s.since(id, 1).isEmpty(), "rev 2 was dropped from a log of 2");
        assertEquals(List.of(), s.since(id, 4).orElseThrow());
        assertTrue(s.since(id, 9).isEmpty(), "a rev from the future cannot be resumed");
    }

    @Test
    void listenersSeeHostPatchesAndAcceptedProposals() {
        var s = new Session();
        var d = new Device("lamp");
        long id = s.host(d);
        List<Long> revs = new ArrayList<>();
        Runnable stop = s.onPatch((mid, p) -> revs.add(p.rev()));
        d.on = true;
        s.flush();
        s.submit(id, new Patch(0, List.of(new Op.Set(Path.parse("name"), Value.of("x")))));
        stop.run();
        d.on = false;
        s.flush();
        assertEquals(List.of(1L, 2L), revs);
    }

    @Test
    void aValueThatCannotTravelIsReportedWithModelAndPathWhileOthersFlush() {
        var s = new Session();
        var t = new Thermostat();
        var d = new Device("lamp");
        s.host(t);
        long good = s.host(d);
        t.reading = Double.NaN;
        d.on = true;
        UnsyncableException e = assertThrows(UnsyncableException.class, s::flush);
        assertTrue(e.getMessage().contains("model 1"), e.getMessage());
        assertTrue(e.getMessage().contains("reading"), e.getMessage());
        assertEquals(1, s.rev(good), "the good model still flushed");
        t.reading = 20.0;
        assertEquals(1, s.flush().size());
    }

    @Test
    void hostingSomethingThatCannotTravelFailsAndHostsNothing() {
        var s = new Session();
        var t = new Thermostat();
        t.reading = Double.POSITIVE_INFINITY;
        assertThrows(BridgeException.class, () -> s.host(t));
        assertEquals(List.of(), s.ids());
        assertEquals(1, s.host(new Device("ok")));
    }

    @Test
    void unhostForgetsTheModel() {
        var s = new Session();
        long id = s.host(new Device("a"));
        s.unhost(id);
        assertFalse(s.hosts(id));
        assertEquals(2, s.host(new Device("b")), "ids are never reused");
    }

    @Test
    void mutationsFromOtherThreadsAreSafe() throws Exception {
        var s = new Session();
        var t = new Thermostat();
        long id = s.host(t);
        AtomicInteger done = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                t.target = i;
                synchronized (t) {
                    if (t.log.size() > 50) t.log.clear();
                    t.log.add("entry " + i);
                }
            }
            done.set(1);
        });
        writer.start();
        while (done.get() == 0) s.flush();
        writer.join();
        s.flush();
        assertEquals(io.transports.bridge.Bridge.toValue(t), s.value(id));
    }
}
