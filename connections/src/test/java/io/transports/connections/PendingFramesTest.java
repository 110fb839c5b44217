package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transports.Frame;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Snapshot;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lagging connection's waiting patches coalesce per model, in order, without growing with history. */
class PendingFramesTest {
    private final Codec json = Codecs.forName("json");

    private Frame patch(long id, long rev, Op... ops) { return json.encode(new PatchMessage(id, new Patch(rev, List.of(ops)))); }

    private static Op set(String key, long v) { return new Op.Set(Path.ROOT.key(key), Value.of(v)); }

    @Test void aPatchJoinsTheWaitingPatchOfItsModelWithTheNewerRevision() {
        PendingFrames q = new PendingFrames(json);
        Frame a = patch(1, 5, set("tick", 5));
        q.add(a, a.size());
        Frame b = patch(2, 9, set("x", 1));
        q.add(b, b.size());
        Frame c = patch(1, 6, set("tick", 6), set("name", 1));
        q.add(c, c.size(), true);
        assertEquals(2, q.frames());
        PatchMessage merged = (PatchMessage) json.decode(q.poll());
        assertEquals(6, merged.patch().rev());
        assertEquals(List.of(set("tick", 6), set("name", 1)), merged.patch().ops(), "the overwritten Set is gone");
        assertEquals(b, q.poll());
        assertEquals(0, q.bytes());
    }

    @Test void aSnapshotInBetweenKeepsTheOrder() {
        PendingFrames q = new PendingFrames(json);
        Frame a = patch(1, 5, set("tick", 5));
        Frame s = json.encode(new Snapshot(1, "Board", 5, Value.map(Map.of("tick", Value.of(5)))));
        Frame c = patch(1, 6, set("tick", 6));
        q.add(a, a.size());
        q.add(s, s.size(), true);
        q.add(c, c.size(), true);
        assertEquals(3, q.frames());
    }

    @Test void aProposersEchoIsNeverMergedSoItsIdArrives() {
        PendingFrames q = new PendingFrames(json);
        Frame echo = json.encode(new PatchMessage(1, new Patch(5, List.of(set("tick", 5))), "auto-1"));
        Frame next = patch(1, 6, set("tick", 6));
        q.add(echo, echo.size());
        q.add(next, next.size(), true);
        assertEquals(2, q.frames(), "nothing merges into the echo");
        Frame ack = json.encode(new io.transports.protocol.Ack(1, 6, "auto-2"));
        Frame later = patch(1, 7, set("tick", 7));
        q.add(ack, ack.size(), true);
        q.add(later, later.size(), true);
        Frame mine = json.encode(new PatchMessage(1, new Patch(8, List.of(set("tick", 8))), "auto-3"));
        q.add(mine, mine.size(), true);
        assertEquals(5, q.frames(), "an ack keeps its place, and an echo is not merged into a waiting patch");
        assertEquals(echo, q.poll());
        assertEquals(next, q.poll());
        assertEquals(ack, q.poll());
        assertEquals(later, q.poll());
        assertEquals("auto-3", ((PatchMessage) json.decode(q.poll())).proposal());
    }

    @Test void framesOfOneFlushAreNotMerged() {
        PendingFrames q = new PendingFrames(json);
        Frame a = patch(1, 5, set("tick", 5));
        Frame c = patch(1, 6, set("tick", 6));
        q.add(a, a.size());
        q.add(c, c.size());
        assertEquals(2, q.frames());
    }

    @Test void aRevisionTheWaitingPatchAlreadyCoversIsNeverFoldedIntoIt() {
        PendingFrames q = new PendingFrames(json);
        Op insert = new Op.Insert(Path.ROOT.key("l"), 1, Value.of(20));
        Frame replay = patch(1, 2, insert);
        q.add(replay, replay.size());
        Frame again = patch(1, 2, insert);
        q.add(again, again.size(), true);
        assertEquals(2, q.frames(), "queued as it is: the mirror ignores a revision it holds");
        assertEquals(List.of(insert), ((PatchMessage) json.decode(q.poll())).patch().ops());
        assertEquals(0, q.merged());
    }

    @Test void aPatchSpanningSeveralRevisionsIsMergedAfterTheWaitingOne() {
        PendingFrames q = new PendingFrames(json); // a hub's flush: revisions 6 and 7 in one patch
        Frame a = patch(1, 5, set("tick", 5));
        Frame c = patch(1, 7, set("tock", 7));
        q.add(a, a.size());
        q.add(c, c.size(), true);
        assertEquals(1, q.frames());
        PatchMessage merged = (PatchMessage) json.decode(q.poll());
        assertEquals(7, merged.patch().rev());
        assertEquals(List.of(set("tick", 5), set("tock", 7)), merged.patch().ops());
    }

    @Test void connectionsLaggingBehindTheSameFramesShareOneMergedFrame() {
        Frame first = patch(1, 5, set("tick", 5));
        Frame next = patch(1, 6, set("tick", 6));
        PendingFrames a = new PendingFrames(json);
        PendingFrames b = new PendingFrames(json);
        for (PendingFrames q : List.of(a, b)) {
            q.add(first, first.size());
            q.add(next, next.size(), true);
        }
        Frame mergedA = a.poll();
        Frame mergedB = b.poll();
        assertEquals(6, ((PatchMessage) json.decode(mergedA)).patch().rev());
        org.junit.jupiter.api.Assertions.assertSame(mergedA, mergedB, "merged and encoded once, shared");
    }

    @Test void aBatchRunTakesTheBatchableFramesAtTheHeadUpToItsBounds() {
        PendingFrames q = new PendingFrames(json);
        Frame opening = patch(1, 1, set("tick", 1));
        q.add(opening, opening.size(), false, false); // an opening frame goes alone
        Frame[] flush = {patch(1, 2, set("tick", 2)), patch(2, 2, set("x", 2)), patch(3, 2, set("y", 2))};
        for (Frame f : flush) q.add(f, f.size(), false, true);
        q.add(Channel.KEEP_ALIVE, Channel.KEEP_ALIVE.size(), false, true); // never inside a batch
        assertEquals(List.of(opening), q.pollRun(100, 1 << 20));
        assertEquals(List.of(flush[0], flush[1]), q.pollRun(2, 1 << 20), "at most maxFrames");
        assertEquals(List.of(flush[2]), q.pollRun(100, 1), "a first frame bigger than maxBytes still goes");
        assertEquals(List.of(Channel.KEEP_ALIVE), q.pollRun(100, 1 << 20));
        assertEquals(List.of(), q.pollRun(100, 1 << 20));
        assertEquals(0, q.bytes());
    }
}
