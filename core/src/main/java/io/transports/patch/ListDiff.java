package io.transports.patch;

import io.transports.value.ListValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.HashMap;
import java.util.List;

/**
 * Reconciles two lists into few ops in near-linear time. Steps: drop the common prefix and suffix; a
 * pure insertion or deletion in between becomes Inserts or RemoveAts there; a single moved element
 * (the middle is a rotation by one) becomes one Move; otherwise equal elements are matched through a
 * hash table and those off one longest increasing run are moved into place (a dense permutation is one
 * Reorder instead), and the stretches between matched elements are diffed position by position,
 * recursing into element pairs, with Inserts or RemoveAts at the end of each stretch. When the ops
 * would rebuild every element of the new list anyway, one Set of the whole list replaces them.
 */
final class ListDiff {
    /** At most this many Moves; more become a Reorder (permutations) or positional ops (otherwise). */
    static final int MAX_MOVES = 16;

    private final ListValue a, b;
    private final Path path;
    private final List<Op> out;
    private int p;      // length of the common prefix
    private int na, nb; // lengths of the differing middles of a and b

    private ListDiff(ListValue a, ListValue b, Path path, List<Op> out) {
        this.a = a;
        this.b = b;
        this.path = path;
        this.out = out;
    }

    static void diff(ListValue a, ListValue b, Path path, List<Op> out) {
        int start = out.size();
        new ListDiff(a, b, path, out).run();
        // also when the ops outnumber the new list's elements by far (e.g. 200 items replaced by 3):
        // one Set is smaller on the wire. The TypeScript client applies the same rule.
        if (rebuildsEverything(out, start, path, b.size()) || out.size() - start > 2 * b.size() + 16) {
            out.subList(start, out.size()).clear();
            out.add(new Op.Set(path, b));
        }
    }

    /** Moves are worth it while few: one always; otherwise at most one per 8 elements, and 16 in all. */
    static boolean fewMoves(int moves, int length) {
        return moves >= 1 && moves <= Math.min(MAX_MOVES, Math.max(1, length / 8));
    }

    private void run() {
        int n = a.size(), m = b.size();
        while (p < n && p < m && Diff.same(a.get(p), b.get(p))) p++;
        int s = 0;
        while (s < n - p && s < m - p && Diff.same(a.get(n - 1 - s), b.get(m - 1 - s))) s++;
        na = n - p - s;
        nb = m - p - s;
        if (na == 0) {
            for (int j = 0; j < nb; j++) out.add(new Op.Insert(path, p + j, b.get(p + j)));
            return;
        }
        if (nb == 0) {
            for (int j = na - 1; j >= 0; j--) out.add(new Op.RemoveAt(path, p + j));
            return;
        }
        if (na == nb && na >= 2 && singleMove()) return;
        reconcile();
    }

    private Value aMid(int i) { return a.get(p + i); }

    private Value bMid(int k) { return b.get(p + k); }

    /** One element moved: the middles are a rotation by one, in either direction. */
    private boolean singleMove() {
        int last = na - 1;
        if (Diff.same(aMid(0), bMid(last))) {
            int j = 1;
            while (j < na && Diff.same(aMid(j), bMid(j - 1))) j++;
            if (j == na) {
                out.add(new Op.Move(path, p, p + last));
                return true;
            }
        }
        if (Diff.same(aMid(last), bMid(0))) {
            int j = 0;
            while (j < last && Diff.same(aMid(j), bMid(j + 1))) j++;
            if (j == last) {
                out.add(new Op.Move(path, p + last, p));
                return true;
            }
        }
        return false;
    }

    private void reconcile() {
        // match each new element to the first unused equal old element (chains through equal values)
        HashMap<Value, Integer> head = new HashMap<>(na * 2);
        int[] next = new int[na];
        for (int i = na - 1; i >= 0; i--) {
            Integer h = head.put(aMid(i), i);
            next[i] = h == null ? -1 : h;
        }
        int[] match = new int[nb]; // old middle index for each new middle index, or -1
        int[] seq = new int[nb];   // the old indexes of matched elements, in new order
        int matched = 0;
        for (int k = 0; k < nb; k++) {
            Integer h = head.get(bMid(k));
            if (h == null || h < 0) {
                match[k] = -1;
            } else {
                match[k] = h;
                head.put(bMid(k), next[h]);
                seq[matched++] = h;
            }
        }
        boolean[] onRun = Lis.mark(seq, matched);
        int moves = matched;
        for (int t = 0; t < matched; t++) if (onRun[t]) moves--;

        boolean permutation = matched == na && na == nb;
        if (permutation) {
            if (fewMoves(moves, a.size())) {
                emitMoves(match, onRun);
            } else if (moves > 0) {
                int[] order = new int[a.size()];
                for (int i = 0; i < order.length; i++) order[i] = i;
                for (int k = 0; k < nb; k++) order[p + k] = p + match[k];
                out.add(new Op.Reorder(path, order));
            }
            return;
        }
        int[] cur;
        boolean[] anchor = new boolean[nb];
        if (fewMoves(moves, a.size())) {
            cur = emitMoves(match, onRun);
            for (int k = 0; k < nb; k++) anchor[k] = match[k] >= 0;
        } else {
            cur = identity(na);
            for (int k = 0, t = 0; k < nb; k++) if (match[k] >= 0) anchor[k] = onRun[t++];
        }
        stretches(match, anchor, cur);
    }

    /**
     * Moves every matched element that is off the longest run to just after the matched element that
     * precedes it in the new order. Returns the middle's order afterwards, as old middle indexes.
     */
    private int[] emitMoves(int[] match, boolean[] onRun) {
        int[] cur = identity(na);
        int pred = -1; // old index of the previous matched element in the new order
        for (int k = 0, t = 0; k < nb; k++) {
            int x = match[k];
            if (x < 0) continue;
            if (!onRun[t++]) {
                int from = indexOf(cur, x);
                int to;
                if (pred < 0) {
                    to = 0;
                } else {
                    int g = indexOf(cur, pred);
                    to = from < g ? g : g + 1;
                }
                if (from != to) {
                    out.add(new Op.Move(path, p + from, p + to));
                    int moving = cur[from];
                    if (from < to) System.arraycopy(cur, from + 1, cur, from, to - from);
                    else System.arraycopy(cur, to, cur, to + 1, from - to);
                    cur[to] = moving;
                }
            }
            pred = x;
        }
        return cur;
    }

    /**
     * Walks the anchors (matched elements now in new order) and fixes each stretch between two of them:
     * pairs diffed position by position, then the surplus removed or the shortfall inserted at its end.
     * Before each stretch the list up to it already equals the new list, so indexes are new indexes.
     */
    private void stretches(int[] match, boolean[] anchor, int[] cur) {
        int[] posOf = new int[na];
        for (int c = 0; c < na; c++) posOf[cur[c]] = c;
        int prevC = -1, prevB = -1;
        for (int k = 0; k <= nb; k++) {
            if (k < nb && !anchor[k]) continue;
            int c = k < nb ? posOf[match[k]] : na;
            int ga = c - prevC - 1, gb = k - prevB - 1, at = p + prevB + 1;
            int common = Math.min(ga, gb);
            for (int j = 0; j < common; j++) {
                Diff.diff(aMid(cur[prevC + 1 + j]), bMid(prevB + 1 + j), path.index(at + j), out);
            }
            for (int j = ga - 1; j >= gb; j--) out.add(new Op.RemoveAt(path, at + j));
            for (int j = ga; j < gb; j++) out.add(new Op.Insert(path, at + j, bMid(prevB + 1 + j)));
            prevC = c;
            prevB = k;
        }
    }

    /** True when the ops only write whole elements, all m of them, in two ops or more. */
    private static boolean rebuildsEverything(List<Op> ops, int start, Path path, int m) {
        if (ops.size() - start < 2) return false;
        int written = 0;
        for (int i = start; i < ops.size(); i++) {
            Op op = ops.get(i);
            boolean here = op.path().size() == path.size();
            if (op instanceof Op.Insert && here) written++;
            else if (op instanceof Op.Set && op.path().size() == path.size() + 1) written++;
            else if (!(op instanceof Op.RemoveAt && here)) return false;
        }
        return written == m;
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    private static int indexOf(int[] a, int x) {
        for (int i = 0; i < a.length; i++) if (a[i] == x) return i;
        return -1;
    }
}
