package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The core's hooks for a backplane: a {@link Sequencer} that another "process" beat to a revision
 * makes the session adopt that patch and make its change again (a host change is diffed again, a
 * proposal re-applied and re-validated); {@code adopt} writes only the patch's places; {@code host(id,
 * object, rev)} starts a replica at a revision; {@code since} falls back to the sequencer's log. The
 * sequencer here is a list standing in for the shared log (the real ones are tested in the backplane
 * module against Redis).
 */
class SessionSequencerTest {
    /** A shared log: a revision is claimed once; a late claim gets the patches it missed. */
    static final class Log implements Sequencer {
        final List<Patch> patches = new ArrayList<>();

        @Override public synchronized List<Patch> claim(long id, String type, Value base, Patch patch) {
            if (patch.rev() == patches.size() + 1) {
                patches.add(patch);
                return null;
            }
            return List.copyOf(patches.subList((int) patch.rev() - 1, patches.size()));
        }

        @Override public synchronized List<Patch> history(long id, long sinceRev, long upToRev) {
            return List.copyOf(patches.subList((int) sinceRev, (int) upToRev));
        }
    }

    static Patch set(long rev, String key, Value v) { return new Patch(rev, List.of(new Op.Set(Path.ROOT.key(key), v))); }

    @Test void aHostChangeThatLostItsRevisionIsAdoptedOverAndSentAfterTheWinner() {
        Log log = new Log();
        Session s = new Session();
        Thermostat t = new Thermostat();
        s.host(1, t, 0);
        s.setSequencer(log);
        log.patches.add(set(1, "room", Value.of("attic"))); // another process took revision 1
        t.target = 25; // this process's change, not flushed yet
        List<ModelPatch> out = s.flush();
        assertEquals("attic", t.room, "the winner's patch was written into the object");
        assertEquals(25, t.target, "the host's own change survived");
        assertEquals(1, out.size());
        assertEquals(2, out.get(0).patch().rev());
        assertEquals(set(2, "target", Value.of(25)), out.get(0).patch(), "only the host's change, at the next revision");
        assertEquals(List.of(set(1, "room", Value.of("attic")), set(2, "target", Value.of(25))), log.patches);
    }

    @Test void aProposalThatLostItsRevisionIsReappliedToTheNewState() {
        Log log = new Log();
        Session s = new Session();
        Thermostat t = new Thermostat();
        s.host(1, t, 0);
        s.setSequencer(log);
        List<Patch> heard = new ArrayList<>();
        s.onPatch((id, p) -> heard.add(p));
        log.patches.add(set(1, "room", Value.of("attic")));
        SubmitResult r = s.submit(1, set(0, "target", Value.of(30)));
        assertTrue(r.accepted());
        assertEquals(2, r.patch().rev());
        assertEquals("attic", t.room);
        assertEquals(30, t.target);
        assertEquals(List.of(1L, 2L), heard.stream().map(Patch::rev).toList(), "listeners hear the adopted patch, then the proposal");
    }

    @Test void aSessionBehindATrimmedLogJumpsToTheStoredValueAndMakesItsChangeOnTop() {
        Session s = new Session();
        Thermostat t = new Thermostat();
        s.host(1, t, 0);
        Value stored = withTarget(s.value(1), 40);
        Patch jump = new Patch(5, List.of(new Op.Set(Path.ROOT, stored)));
        Patch after = set(6, "room", Value.of("attic"));
        List<Patch> claims = new ArrayList<>();
        s.setSequencer((id, type, base, patch) -> {
            claims.add(patch);
            return patch.rev() == 1 ? List.of(jump, after) : null; // revisions 1-4 were trimmed away
        });
        List<Patch> heard = new ArrayList<>();
        s.onPatch((id, p) -> heard.add(p));
        SubmitResult r = s.submit(1, set(0, "reading", Value.of(21.5)));
        assertTrue(r.accepted(), r.toString());
        assertEquals(7, r.patch().rev());
        assertEquals(40, t.target);
        assertEquals("attic", t.room);
        assertEquals(21.5, t.reading);
        assertEquals(List.of(5L, 6L, 7L), heard.stream().map(Patch::rev).toList());
        assertEquals(List.of(1L, 7L), claims.stream().map(Patch::rev).toList());
    }

    @Test void aProposalTheWinnerMadeInvalidIsRefused() {
        Log log = new Log();
        Session s = new Session();
        Thermostat t = new Thermostat();
        t.log.add("x");
        s.host(1, t, 0);
        s.setSequencer(log);
        log.patches.add(new Patch(1, List.of(new Op.RemoveAt(Path.ROOT.key("log"), 0))));
        SubmitResult r = s.submit(1, new Patch(0, List.of(new Op.Set(Path.ROOT.key("log").index(0), Value.of("y")))));
        assertFalse(r.accepted(), "the list item it edits is gone");
        assertEquals(List.of(), t.log);
        assertEquals(1, s.rev(1));
    }

    @Test void aReplicaStartsAtARevisionAdoptsTheNextOnlyAndResumesFromTheSequencersLog() {
        Log log = new Log();
        for (int r = 1; r <= 5; r++) log.patches.add(set(r, "target", Value.of(20 + r)));
        Session s = new Session(2); // its own log keeps only 2 patches
        Thermostat t = new Thermostat();
        t.target = 23;
        s.host(7, t, 3);
        s.setSequencer(log);
        assertFalse(s.adopt(7, log.patches.get(4)), "revision 5 is not the next one");
        assertTrue(s.adopt(7, log.patches.get(3)));
        assertTrue(s.adopt(7, log.patches.get(4)));
        assertEquals(25, t.target);
        assertEquals(5, s.rev(7));
        assertEquals(Optional.of(log.patches.subList(1, 5)), s.since(7, 1), "from the sequencer's log, beyond the session's own");
        assertEquals(8, s.host(new Device("next")), "plain ids continue above");
    }

    @Test void aResetJumpsForwardAsAPatchAndBackAsASnapshot() {
        Session s = new Session();
        Thermostat t = new Thermostat();
        s.host(1, t, 10);
        Server server = new Server(s);
        Client mirror = new Client();
        for (Frame f : server.open("m")) mirror.recv(f);
        s.reset(1, withTarget(s.value(1), 30), 20);
        for (Frame f : server.flush().getOrDefault("m", List.of())) mirror.recv(f);
        assertEquals(20, mirror.rev(1));
        assertEquals(30, mirror.model(1, Thermostat.class).target, "a forward jump is a patch");
        s.reset(1, withTarget(s.value(1), 21), 12); // the stored state is older than this replica's
        List<Frame> frames = server.flush().get("m");
        assertTrue(frames.get(0).text().startsWith("{\"t\":\"snapshot\""), frames.get(0).text());
        for (Frame f : frames) mirror.recv(f);
        assertEquals(12, mirror.rev(1));
        assertEquals(21, mirror.model(1, Thermostat.class).target, "a mirror takes the older state");
        assertEquals(21, t.target);
    }

    private static Value withTarget(Value v, int target) {
        return io.transports.patch.Apply.apply(v, List.of(new Op.Set(Path.ROOT.key("target"), Value.of(target))));
    }

    @Test void aSequencerThatFailsLosesNoHostChange() {
        Session s = new Session();
        Thermostat t = new Thermostat();
        s.host(1, t, 0);
        boolean[] down = {true};
        Log log = new Log();
        s.setSequencer((id, type, base, patch) -> {
            if (down[0]) throw new IllegalStateException("store unreachable");
            return log.claim(id, type, base, patch);
        });
        t.target = 26;
        try {
            s.flush();
        } catch (UnsyncableException expected) {
            // reported for this model; nothing emitted
        }
        assertEquals(0, s.rev(1));
        assertFalse(s.submit(1, set(0, "room", Value.of("cellar"))).accepted(), "a proposal is refused while unordered");
        down[0] = false;
        List<ModelPatch> out = s.flush();
        assertEquals(List.of(set(1, "target", Value.of(26))), out.stream().map(ModelPatch::patch).toList());
    }
}
