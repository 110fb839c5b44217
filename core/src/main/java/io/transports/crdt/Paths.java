package io.transports.crdt;

import java.util.ArrayList;
import java.util.List;

/**
 * Walking a CRDT path through the spec and the state: the policy it reaches (pure, for checks), the
 * node it reaches without changing anything (for local edits that read the state), and the node it
 * reaches creating what is missing and stamping each map entry on the way with the writing dot (so a
 * nested write keeps its ancestors alive against a concurrent remove).
 */
final class Paths {
    private Paths() {}

    record PolicyAt(CrdtPolicy policy, boolean stringElement) {}

    record Found(Node node, CrdtPolicy policy) {}

    static List<PathSegment> append(List<PathSegment> path, String key) {
        List<PathSegment> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(new PathSegment.Key(key));
        return out;
    }

    static PolicyAt policyAt(CrdtPolicy policy, List<PathSegment> path) {
        boolean stringElement = false;
        for (int i = 0; i < path.size(); i++) {
            PathSegment s = path.get(i);
            stringElement = false;
            if (s instanceof PathSegment.Key k && policy instanceof CrdtPolicy.MapPolicy m) {
                policy = m.child(k.key());
            } else if (s instanceof PathSegment.Member && policy instanceof CrdtPolicy.SetPolicy sp) {
                policy = sp.element();
            } else if (s instanceof PathSegment.Element && policy instanceof CrdtPolicy.SequencePolicy q) {
                stringElement = q.string();
                policy = q.element();
            } else {
                throw new CrdtException("path[" + i + "]: CRDT path segment does not match its policy");
            }
        }
        return new PolicyAt(policy, stringElement);
    }

    /** The node at the path, which must exist. */
    static Found find(Node node, CrdtPolicy policy, List<PathSegment> path) {
        for (int i = 0; i < path.size(); i++) {
            PathSegment s = path.get(i);
            if (s instanceof PathSegment.Key k && node instanceof Node.MapNode m && policy instanceof CrdtPolicy.MapPolicy mp) {
                Node.Entry e = m.entries.get(k.key());
                if (e == null) throw new CrdtException("path[" + i + "]: unknown map key \"" + k.key() + "\"");
                node = e.node;
                policy = mp.child(k.key());
            } else if (s instanceof PathSegment.Member k && node instanceof Node.SetNode m && policy instanceof CrdtPolicy.SetPolicy sp) {
                Node.Entry e = m.entries.get(k.key());
                if (e == null) throw new CrdtException("path[" + i + "]: unknown set member " + k.key());
                node = e.node;
                policy = sp.element();
            } else if (s instanceof PathSegment.Element el && node instanceof Node.Seq q && policy instanceof CrdtPolicy.SequencePolicy qp) {
                Node.SeqEntry e = q.entries.get(el.id());
                if (e == null || e.node == null) throw new CrdtException("path[" + i + "]: unknown sequence element " + el.id());
                node = e.node;
                policy = qp.element();
            } else {
                throw new CrdtException("path[" + i + "]: CRDT path segment does not match reducer state");
            }
        }
        return new Found(node, policy);
    }

    /** The node at the path, created where missing; map entries on the way record {@code dot}. Checked paths only. */
    static Found walk(Node node, CrdtPolicy policy, List<PathSegment> path, Dot dot) {
        for (PathSegment s : path) {
            if (s instanceof PathSegment.Key k) {
                CrdtPolicy child = ((CrdtPolicy.MapPolicy) policy).child(k.key());
                Node.Entry e = ((Node.MapNode) node).entries.computeIfAbsent(k.key(), x -> new Node.Entry(Node.empty(child)));
                e.dots.add(dot);
                node = e.node;
                policy = child;
            } else if (s instanceof PathSegment.Member k) {
                CrdtPolicy child = ((CrdtPolicy.SetPolicy) policy).element();
                node = ((Node.SetNode) node).entries.computeIfAbsent(k.key(), x -> new Node.Entry(Node.empty(child))).node;
                policy = child;
            } else {
                ElementId id = ((PathSegment.Element) s).id();
                CrdtPolicy child = ((CrdtPolicy.SequencePolicy) policy).element();
                Node.Seq q = (Node.Seq) node;
                q.value = null; // the element below may change
                Node.SeqEntry e = q.entries.computeIfAbsent(id, x -> Reducer.entry(q, x, null));
                if (e.node == null) e.node = Node.empty(child);
                node = e.node;
                policy = child;
            }
        }
        return new Found(node, policy);
    }

    /** Whether a write at {@code path} would change a set member's identity (its key fields, or any part of a whole-value member). */
    static boolean mutatesSetIdentity(CrdtPolicy policy, List<PathSegment> path) {
        for (int i = 0; i < path.size(); i++) {
            PathSegment s = path.get(i);
            if (s instanceof PathSegment.Key k && policy instanceof CrdtPolicy.MapPolicy m) {
                policy = m.child(k.key());
            } else if (s instanceof PathSegment.Member && policy instanceof CrdtPolicy.SetPolicy sp) {
                if (sp.keys().isEmpty()) return true;
                List<String> remaining = new ArrayList<>();
                for (int j = i + 1; j < path.size() && path.get(j) instanceof PathSegment.Key k; j++) remaining.add(k.key());
                for (List<String> key : sp.keys()) {
                    if (startsWith(key, remaining) || startsWith(remaining, key)) return true;
                }
                policy = sp.element();
            } else if (s instanceof PathSegment.Element && policy instanceof CrdtPolicy.SequencePolicy q) {
                policy = q.element();
            } else {
                throw new CrdtException("path[" + i + "]: CRDT path segment does not match its policy");
            }
        }
        return false;
    }

    private static boolean startsWith(List<String> a, List<String> prefix) {
        return a.size() >= prefix.size() && a.subList(0, prefix.size()).equals(prefix);
    }
}
