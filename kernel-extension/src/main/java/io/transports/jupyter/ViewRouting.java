package io.transports.jupyter;

import io.transports.Frame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides how one widget's frames reach its views, which all listen on the widget's one comm: a
 * patch that every view gets goes out once, without a view id (every view applies it); snapshots,
 * rejects and anything only some views get go to their view by id. Without this, N views meant N
 * copies of each patch, each seen by all N views.
 *
 * <p>A view opened since the last flush did not get the patches its opening snapshot already covers
 * (core {@code Server.open}); such a view may still be sent the broadcast, since a mirror skips a patch
 * at or below its revision (PROTOCOL.md client rules). A view that lacks a patch for any other reason
 * (an access rule hides the model from it) gets no broadcast of it: then the patch is addressed to the
 * views that get it. Each view's frames keep their order; if addressing some frames would reorder a
 * view's frames, every frame of that flush is addressed.
 */
final class ViewRouting {
    /** What to send: {@code broadcast} once for every view, then {@code addressed} per view, in order. */
    record Plan(List<Frame> broadcast, Map<ViewConnection, List<Frame>> addressed) {
    }

    private ViewRouting() {
    }

    /**
     * @param views every open view of the widget (whether or not it has frames now)
     * @param out   the frames per view from the server
     */
    static Plan plan(List<ViewConnection> views, Map<ViewConnection, List<Frame>> out) {
        Map<ViewConnection, List<Frame>> mine = new LinkedHashMap<>();
        for (ViewConnection v : views) {
            List<Frame> l = out.get(v);
            if (l != null && !l.isEmpty()) mine.put(v, l);
        }
        if (mine.isEmpty()) return new Plan(List.of(), Map.of());
        // The common case: every view got the very same list of patches (the server shares it).
        List<Frame> first = mine.values().iterator().next();
        if (mine.size() == views.size() && allSame(mine.values(), first) && allPatches(first)) {
            return new Plan(first, Map.of());
        }
        Set<Frame> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Frame, FrameHead> heads = new IdentityHashMap<>();
        for (List<Frame> l : mine.values()) {
            for (Frame f : l) {
                if (heads.containsKey(f)) continue;
                FrameHead h = FrameHead.of(f);
                heads.put(f, h);
                if (h.isPatch() && everyViewHasOrCovers(views, mine, f, h)) shared.add(f);
            }
        }
        if (shared.isEmpty() || !sharedComeFirst(mine.values(), shared)) return new Plan(List.of(), mine);
        List<Frame> broadcast = merge(mine.values(), shared);
        if (broadcast == null) return new Plan(List.of(), mine);
        Map<ViewConnection, List<Frame>> addressed = new LinkedHashMap<>();
        for (Map.Entry<ViewConnection, List<Frame>> e : mine.entrySet()) {
            List<Frame> rest = new ArrayList<>();
            for (Frame f : e.getValue()) if (!shared.contains(f)) rest.add(f);
            if (!rest.isEmpty()) addressed.put(e.getKey(), rest);
        }
        return new Plan(broadcast, addressed);
    }

    private static boolean allSame(Iterable<List<Frame>> lists, List<Frame> first) {
        for (List<Frame> l : lists) {
            if (l == first) continue;
            if (l.size() != first.size()) return false;
            for (int i = 0; i < l.size(); i++) if (l.get(i) != first.get(i)) return false;
        }
        return true;
    }

    private static boolean allPatches(List<Frame> frames) {
        for (Frame f : frames) if (!FrameHead.of(f).isPatch()) return false;
        return true;
    }

    private static boolean everyViewHasOrCovers(List<ViewConnection> views, Map<ViewConnection, List<Frame>> mine,
                                                Frame f, FrameHead h) {
        for (ViewConnection v : views) {
            List<Frame> l = mine.get(v);
            if (l != null && containsSame(l, f)) continue;
            if (!v.covers(h.id(), h.rev())) return false;
        }
        return true;
    }

    private static boolean containsSame(List<Frame> l, Frame f) {
        for (Frame x : l) if (x == f) return true;
        return false;
    }

    /** In every view's list, no frame that stays addressed comes before a broadcast one. */
    private static boolean sharedComeFirst(Iterable<List<Frame>> lists, Set<Frame> shared) {
        for (List<Frame> l : lists) {
            boolean sawOwn = false;
            for (Frame f : l) {
                if (!shared.contains(f)) sawOwn = true;
                else if (sawOwn) return false;
            }
        }
        return true;
    }

    /**
     * One order of the shared frames that keeps each view's order (every list is a subsequence of the
     * server's one order, so there is one); null if the lists disagree.
     */
    private static List<Frame> merge(Iterable<List<Frame>> lists, Set<Frame> shared) {
        List<List<Frame>> seqs = new ArrayList<>();
        for (List<Frame> l : lists) {
            List<Frame> s = new ArrayList<>();
            for (Frame f : l) if (shared.contains(f)) s.add(f);
            seqs.add(s);
        }
        List<Map<Frame, Integer>> positions = new ArrayList<>();
        for (List<Frame> s : seqs) {
            Map<Frame, Integer> pos = new IdentityHashMap<>();
            for (int i = 0; i < s.size(); i++) pos.put(s.get(i), i);
            positions.add(pos);
        }
        int[] at = new int[seqs.size()];
        List<Frame> merged = new ArrayList<>(shared.size());
        while (merged.size() < shared.size()) {
            Frame next = null;
            for (int i = 0; i < seqs.size() && next == null; i++) {
                if (at[i] >= seqs.get(i).size()) continue;
                Frame candidate = seqs.get(i).get(at[i]);
                boolean ok = true;
                for (int j = 0; j < seqs.size() && ok; j++) {
                    Integer p = positions.get(j).get(candidate);
                    if (p != null && p != at[j]) ok = false; // another view has frames it must see first
                }
                if (ok) next = candidate;
            }
            if (next == null) return null;
            merged.add(next);
            for (int j = 0; j < seqs.size(); j++) {
                Integer p = positions.get(j).get(next);
                if (p != null) at[j] = p + 1;
            }
        }
        return merged;
    }
}
