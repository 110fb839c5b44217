package io.transports.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.value.StrValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The CRDT guarantees as properties: whatever the interleaving of edits and deliveries, and however
 * often an operation arrives, replicas that saw the same operations hold one value and one state text;
 * a deleted element never comes back; two inserts at one place both survive. Each try plays a random
 * session from its seed ({@code -Dtransports.full=true}: ten times longer sessions).
 */
class ConvergencePropertiesTest {
    private static final int ROUNDS = Boolean.getBoolean("transports.full") ? 400 : 40;

    @Property(tries = 60)
    void anyInterleavingAndDuplicationConverges(@ForAll long seed) {
        Random rng = new Random(seed);
        CrdtSpec spec = rng.nextBoolean() ? RandomEdits.TEXT : RandomEdits.RECORD;
        List<CrdtDocument> writers = List.of(doc(spec, "a"), doc(spec, "b"), doc(spec, "c"));
        List<CrdtOp> all = new ArrayList<>();
        List<Integer> seen = new ArrayList<>(List.of(0, 0, 0));
        for (int round = 0; round < ROUNDS; round++) {
            int w = rng.nextInt(3);
            if (rng.nextInt(4) == 0 && seen.get(w) < all.size()) { // a partial, shuffled delivery
                int upto = seen.get(w) + 1 + rng.nextInt(all.size() - seen.get(w));
                List<CrdtOp> batch = new ArrayList<>(all.subList(seen.get(w), upto));
                Collections.shuffle(batch, rng);
                writers.get(w).merge(batch);
                seen.set(w, upto);
            } else {
                all.addAll(RandomEdits.edit(rng, writers.get(w)).ops());
            }
        }
        List<CrdtOp> shuffled = new ArrayList<>(all);
        for (int i = 0; i < all.size() / 2; i++) shuffled.add(all.get(rng.nextInt(all.size())));
        Collections.shuffle(shuffled, rng);
        CrdtDocument receiver = doc(spec, "z");
        for (int i = 0; i < shuffled.size(); ) {
            int n = 1 + rng.nextInt(6);
            receiver.apply(shuffled.subList(i, Math.min(shuffled.size(), i + n)));
            i += n;
        }
        for (CrdtDocument w : writers) {
            w.merge(all);
            assertEquals(receiver.value(), w.value(), "replica " + w.replica());
            assertEquals(receiver.stateJson(), w.stateJson(), "replica " + w.replica() + " state");
        }
    }

    @Property(tries = 60)
    void deletedElementsAreNeverResurrected(@ForAll long seed) {
        Random rng = new Random(seed);
        CrdtDocument a = doc(RandomEdits.TEXT, "a"), b = doc(RandomEdits.TEXT, "b");
        List<CrdtOp> all = new ArrayList<>();
        Set<ElementId> deleted = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            CrdtDocument w = rng.nextBoolean() ? a : b;
            for (CrdtOp op : RandomEdits.edit(rng, w).ops()) {
                all.add(op);
                if (op instanceof CrdtOp.SequenceDelete d) deleted.addAll(d.ids());
            }
            if (rng.nextInt(3) == 0) (w == a ? b : a).merge(shuffle(all, rng)); // concurrent inserts keep coming
        }
        for (CrdtDocument d : List.of(a, b, doc(RandomEdits.TEXT, "z"))) {
            d.merge(shuffle(all, rng));
            for (ElementId id : Reducer.visibleIds((Node.Seq) d.root)) {
                assertTrue(!deleted.contains(id), "deleted element " + id + " is visible again at " + d.replica());
            }
        }
        assertEquals(a.value(), b.value());
    }

    @Property(tries = 100)
    void twoInsertsAtOnePlaceBothSurvive(@ForAll long seed) {
        Random rng = new Random(seed);
        CrdtDocument a = doc(RandomEdits.TEXT, "a");
        for (int i = 0; i < rng.nextInt(5); i++) RandomEdits.edit(rng, a);
        CrdtDocument b = CrdtDocument.fromState(RandomEdits.TEXT, a.stateJson(), "b");
        int length = ((StrValue) a.value()).value().codePointCount(0, ((StrValue) a.value()).value().length());
        int at = rng.nextInt(length + 1);
        List<CrdtOp> fromA = a.insertText(List.of(), at, "AAA");
        List<CrdtOp> fromB = b.insertText(List.of(), at, "BB");
        a.merge(fromB);
        b.merge(fromA);
        String text = ((StrValue) a.value()).value();
        assertEquals(a.value(), b.value());
        assertTrue(text.contains("AAA") && text.contains("BB"), "both inserts survive, each in one piece: " + text);
        assertEquals(length + 5, text.codePointCount(0, text.length()));
    }

    private static CrdtDocument doc(CrdtSpec spec, String replica) { return new CrdtDocument(spec, RandomEdits.initial(spec), replica); }

    private static List<CrdtOp> shuffle(List<CrdtOp> ops, Random rng) {
        List<CrdtOp> out = new ArrayList<>(ops);
        Collections.shuffle(out, rng);
        return out;
    }
}
