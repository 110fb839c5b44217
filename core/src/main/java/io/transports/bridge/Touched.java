package io.transports.bridge;

import io.transports.patch.Op;
import io.transports.value.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The places a change touches, as a tree of path segments, so that applying a proposal to a live
 * object writes only what the proposal changed. A node is "whole" when an op's path ends there (a Set
 * or Remove of that place, or Insert/RemoveAt/Move/Reorder of the list there): everything below it
 * is rewritten. Any other node only leads to the touched places below it; what is not in the tree is
 * left alone, so host writes to other fields made since the last flush survive.
 */
final class Touched {
    /** Everything is touched (a whole update, or below a node that is rewritten). */
    static final Touched ALL = new Touched(true);

    private boolean whole;
    private final Map<Object, Touched> children = new HashMap<>(); // String key or Integer index

    private Touched(boolean whole) { this.whole = whole; }

    /** The places the ops touch (their paths from the root). */
    static Touched of(List<Op> ops) {
        Touched root = new Touched(false);
        for (Op op : ops) {
            Touched n = root;
            Path p = op.path();
            for (int i = 0; i < p.size() && !n.whole; i++) {
                Path.Segment s = p.get(i);
                Object k = s instanceof Path.Key key ? key.name() : (Object) ((Path.Index) s).index();
                n = n.children.computeIfAbsent(k, x -> new Touched(false));
            }
            n.whole = true;
            n.children.clear();
        }
        return root;
    }

    boolean whole() { return whole; }

    /** The node of a property or map key, or null when nothing under it is touched. */
    Touched key(String k) { return whole ? ALL : children.get(k); }

    /** The node of a list element, or null when nothing under it is touched. */
    Touched index(int i) { return whole ? ALL : children.get(i); }

    /** The keys and indexes under this node that lead to touched places (empty when whole). */
    Set<Object> children() { return children.keySet(); }
}
