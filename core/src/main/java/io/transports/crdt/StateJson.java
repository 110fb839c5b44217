package io.transports.crdt;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.value.KeyOrder;
import io.transports.value.Value;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The transferable reducer state as JSON, exactly as the reference writes it: {@code state_version},
 * {@code spec_hash}, the causal {@code context} ({@code compacted} per replica, then the single
 * {@code dots}), the operation {@code fingerprints} as [dot, hash] pairs, and the {@code root} node;
 * empty sets left out, sequence entries and deletes as [id, ...] pairs in id order. Reading checks the
 * version, the spec hash, that fingerprints and dots agree, and that every node fits its policy.
 */
final class StateJson {
    private StateJson() {}

    static String write(CrdtDocument d) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"state_version\":1,\"spec_hash\":");
        SerdeText.quote(d.spec().hash(), b);
        b.append(",\"context\":{");
        if (!d.compacted.isEmpty()) {
            b.append("\"compacted\":{");
            boolean first = true;
            for (Map.Entry<String, Long> e : d.compacted.entrySet()) {
                if (!first) b.append(',');
                first = false;
                SerdeText.quote(e.getKey(), b);
                b.append(':').append(e.getValue());
            }
            b.append('}');
        }
        if (!d.fingerprints.isEmpty()) {
            if (!d.compacted.isEmpty()) b.append(',');
            b.append("\"dots\":");
            CrdtJson.dots(d.fingerprints.keySet(), b);
        }
        b.append('}');
        if (!d.fingerprints.isEmpty()) {
            b.append(",\"fingerprints\":[");
            boolean first = true;
            for (Map.Entry<Dot, String> e : d.fingerprints.entrySet()) {
                if (!first) b.append(',');
                first = false;
                b.append('[');
                CrdtJson.dot(e.getKey(), b);
                b.append(',');
                SerdeText.quote(e.getValue(), b);
                b.append(']');
            }
            b.append(']');
        }
        b.append(",\"root\":");
        node(d.root, b);
        return b.append('}').toString();
    }

    private static void node(Node n, StringBuilder b) {
        if (n instanceof Node.Reg r) {
            b.append("{\"kind\":\"register\",\"value\":");
            if (r.value == null) b.append("null");
            else SerdeText.value(r.value, b);
            b.append(",\"dot\":");
            if (r.dot == null) b.append("null");
            else CrdtJson.dot(r.dot, b);
            b.append('}');
        } else if (n instanceof Node.MapNode m) {
            b.append("{\"kind\":\"map\",\"entries\":");
            entries(m.entries, "dots", b);
            b.append('}');
        } else if (n instanceof Node.SetNode s) {
            b.append("{\"kind\":\"set\",\"entries\":");
            entries(s.entries, "adds", b);
            b.append('}');
        } else {
            Node.Seq q = (Node.Seq) n;
            b.append("{\"kind\":\"sequence\",\"entries\":[");
            boolean first = true;
            for (Map.Entry<ElementId, Node.SeqEntry> e : q.entries.entrySet()) {
                if (!first) b.append(',');
                first = false;
                b.append('[');
                CrdtJson.id(e.getKey(), b);
                b.append(",{\"after\":");
                CrdtJson.id(e.getValue().after, b);
                b.append(",\"node\":");
                if (e.getValue().node == null) b.append("null");
                else node(e.getValue().node, b);
                b.append(",\"inserted\":").append(e.getValue().inserted).append("}]");
            }
            b.append("],\"deletes\":[");
            first = true;
            for (Map.Entry<ElementId, TreeSet<Dot>> e : q.deletes.entrySet()) {
                if (!first) b.append(',');
                first = false;
                b.append('[');
                CrdtJson.id(e.getKey(), b);
                b.append(',');
                CrdtJson.dots(e.getValue(), b);
                b.append(']');
            }
            b.append("]}");
        }
    }

    private static void entries(TreeMap<String, Node.Entry> entries, String dotsName, StringBuilder b) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, Node.Entry> en : entries.entrySet()) {
            if (!first) b.append(',');
            first = false;
            SerdeText.quote(en.getKey(), b);
            b.append(":{\"node\":");
            Node.Entry e = en.getValue();
            node(e.node, b);
            if (!e.dots.isEmpty()) {
                b.append(",\"").append(dotsName).append("\":");
                CrdtJson.dots(e.dots, b);
            }
            if (!e.removed.isEmpty()) {
                b.append(",\"removed\":");
                CrdtJson.dots(e.removed, b);
            }
            if (!e.removalOps.isEmpty()) {
                b.append(",\"removal_ops\":");
                CrdtJson.dots(e.removalOps, b);
            }
            b.append('}');
        }
        b.append('}');
    }

    // ---- reading ----

    static CrdtDocument read(CrdtSpec spec, String json, String replica) { return read(spec, CrdtJson.parse(json), replica); }

    static CrdtDocument read(CrdtSpec spec, JsonNode s, String replica) {
        if (s == null || !s.isObject()) throw new CrdtException("CRDT state: expected an object");
        only(s, "state", "state_version", "spec_hash", "context", "fingerprints", "root");
        long version = CrdtJson.counter(req(s, "state_version", "state"), "state.state_version");
        if (version != 1) throw new CrdtException("unsupported CRDT state version " + version + "; expected 1");
        String hash = CrdtJson.str(req(s, "spec_hash", "state"), "state.spec_hash");
        if (!hash.equals(spec.hash())) throw new CrdtException("incompatible CRDT state: spec hash " + hash + ", expected " + spec.hash());
        JsonNode ctx = req(s, "context", "state");
        if (!ctx.isObject()) throw new CrdtException("state.context: expected an object");
        only(ctx, "state.context", "compacted", "dots");
        TreeMap<String, Long> compacted = new TreeMap<>(KeyOrder.INSTANCE);
        JsonNode cn = ctx.get("compacted");
        if (cn != null) {
            if (!cn.isObject()) throw new CrdtException("state.context.compacted: expected an object of counters");
            for (Iterator<Map.Entry<String, JsonNode>> it = cn.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                compacted.put(e.getKey(), CrdtJson.counter(e.getValue(), "state.context.compacted." + e.getKey()));
            }
        }
        TreeSet<Dot> dots = new TreeSet<>();
        if (ctx.get("dots") != null) dots.addAll(CrdtJson.dotList(ctx.get("dots"), "state.context.dots"));
        TreeMap<Dot, String> prints = new TreeMap<>();
        JsonNode fn = s.get("fingerprints");
        if (fn != null) {
            if (!fn.isArray()) throw new CrdtException("state.fingerprints: expected a list of [dot, fingerprint] pairs");
            for (int i = 0; i < fn.size(); i++) {
                String at = "state.fingerprints[" + i + "]";
                JsonNode pair = fn.get(i);
                if (!pair.isArray() || pair.size() != 2) throw new CrdtException(at + ": expected a [dot, fingerprint] pair");
                Dot d = CrdtJson.dot(pair.get(0), at + "[0]");
                String f = CrdtJson.str(pair.get(1), at + "[1]");
                if (prints.put(d, f) != null) throw new CrdtException(at + ": duplicate operation fingerprint dot");
                if (f.length() != 71 || !f.startsWith("sha256:")) throw new CrdtException("CRDT state contains an invalid operation fingerprint");
            }
        }
        if (!prints.keySet().equals(dots)) throw new CrdtException("CRDT state fingerprints do not match its uncompacted causal dots");
        for (Dot d : dots) d.requireOperationDot();
        Node root = node(req(s, "root", "state"), spec.root(), "state.root");
        CrdtDocument doc = new CrdtDocument(spec, replica, compacted, prints, root);
        doc.value();
        return doc;
    }

    private static Node node(JsonNode n, CrdtPolicy policy, String at) {
        if (n == null || !n.isObject()) throw new CrdtException(at + ": expected a node object");
        JsonNode kind = n.get("kind");
        String k = kind == null ? null : kind.asText();
        if (policy instanceof CrdtPolicy.Register && "register".equals(k)) {
            only(n, at, "kind", "value", "dot");
            Node.Reg r = new Node.Reg();
            JsonNode v = req(n, "value", at), d = req(n, "dot", at);
            r.value = v.isNull() ? null : tagged(v, at + ".value");
            r.dot = d.isNull() ? null : CrdtJson.dot(d, at + ".dot");
            return r;
        }
        if (policy instanceof CrdtPolicy.MapPolicy mp && "map".equals(k)) {
            only(n, at, "kind", "entries");
            Node.MapNode m = new Node.MapNode();
            JsonNode es = req(n, "entries", at);
            if (!es.isObject()) throw new CrdtException(at + ".entries: expected an object");
            for (Iterator<Map.Entry<String, JsonNode>> it = es.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.entries.put(e.getKey(), entry(e.getValue(), mp.child(e.getKey()), "dots", at + ".entries." + e.getKey()));
            }
            return m;
        }
        if (policy instanceof CrdtPolicy.SetPolicy sp && "set".equals(k)) {
            only(n, at, "kind", "entries");
            Node.SetNode m = new Node.SetNode();
            JsonNode es = req(n, "entries", at);
            if (!es.isObject()) throw new CrdtException(at + ".entries: expected an object");
            for (Iterator<Map.Entry<String, JsonNode>> it = es.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.entries.put(e.getKey(), entry(e.getValue(), sp.element(), "adds", at + ".entries[" + e.getKey() + "]"));
            }
            return m;
        }
        if (policy instanceof CrdtPolicy.SequencePolicy qp && "sequence".equals(k)) {
            only(n, at, "kind", "entries", "deletes");
            Node.Seq q = new Node.Seq();
            JsonNode es = req(n, "entries", at);
            if (!es.isArray()) throw new CrdtException(at + ".entries: expected a list of [id, entry] pairs");
            for (int i = 0; i < es.size(); i++) {
                String eat = at + ".entries[" + i + "]";
                JsonNode pair = es.get(i);
                if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isObject()) throw new CrdtException(eat + ": expected an [id, entry] pair");
                ElementId id = CrdtJson.id(pair.get(0), eat + "[0]");
                JsonNode e = pair.get(1);
                Node.SeqEntry se = new Node.SeqEntry(id, CrdtJson.optId(req(e, "after", eat), eat + ".after"));
                JsonNode child = req(e, "node", eat);
                se.node = child.isNull() ? null : node(child, qp.element(), eat + ".node");
                JsonNode ins = req(e, "inserted", eat);
                if (!ins.isBoolean()) throw new CrdtException(eat + ".inserted: expected a boolean");
                se.inserted = ins.booleanValue();
                if (q.entries.put(id, se) != null) throw new CrdtException(eat + ": duplicate sequence element ID");
            }
            JsonNode ds = req(n, "deletes", at);
            if (!ds.isArray()) throw new CrdtException(at + ".deletes: expected a list of [id, dots] pairs");
            for (int i = 0; i < ds.size(); i++) {
                String dat = at + ".deletes[" + i + "]";
                JsonNode pair = ds.get(i);
                if (!pair.isArray() || pair.size() != 2) throw new CrdtException(dat + ": expected an [id, dots] pair");
                ElementId id = CrdtJson.id(pair.get(0), dat + "[0]");
                if (q.deletes.put(id, new TreeSet<>(CrdtJson.dotList(pair.get(1), dat + "[1]"))) != null) {
                    throw new CrdtException(dat + ": duplicate sequence deletion ID");
                }
                Node.SeqEntry deleted = q.entries.get(id);
                if (deleted != null) deleted.deleted = true;
            }
            return q;
        }
        throw new CrdtException(at + ": CRDT policy has incompatible reducer state (node kind " + k + ")");
    }

    private static Node.Entry entry(JsonNode e, CrdtPolicy child, String dotsName, String at) {
        if (!e.isObject()) throw new CrdtException(at + ": expected an entry object");
        Node.Entry out = new Node.Entry(node(req(e, "node", at), child, at + ".node"));
        if (e.get(dotsName) != null) out.dots.addAll(CrdtJson.dotList(e.get(dotsName), at + "." + dotsName));
        if (e.get("removed") != null) out.removed.addAll(CrdtJson.dotList(e.get("removed"), at + ".removed"));
        if (e.get("removal_ops") != null) out.removalOps.addAll(CrdtJson.dotList(e.get("removal_ops"), at + ".removal_ops"));
        return out;
    }

    private static void only(JsonNode n, String at, String... allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            boolean ok = false;
            for (String a : allowed) ok |= a.equals(name);
            if (!ok) throw new CrdtException(at + ": unknown field `" + name + "`");
        }
    }

    private static JsonNode req(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null) throw new CrdtException(at + ": missing field `" + field + "`");
        return v;
    }

    /** A tagged Value from its tree ({@code "Null"}, {@code {"Str":"a"}}, ...). */
    static Value tagged(JsonNode n, String at) {
        if (n.isTextual() && n.textValue().equals("Null")) return Value.NULL;
        if (!n.isObject() || n.size() != 1) throw new CrdtException(at + ": expected a tagged value such as {\"Str\": \"a\"}");
        Map.Entry<String, JsonNode> e = n.fields().next();
        JsonNode x = e.getValue();
        try {
            switch (e.getKey()) {
                case "Str": if (x.isTextual()) return Value.of(x.textValue()); break;
                case "Int": if (x.isIntegralNumber() && x.canConvertToLong()) return Value.of(x.longValue()); break;
                case "Float": if (x.isNumber()) return Value.of(x.doubleValue()); break;
                case "Bool": if (x.isBoolean()) return Value.of(x.booleanValue()); break;
                case "Submodel": if (x.isIntegralNumber()) return Value.submodel(x.longValue()); break;
                case "List": {
                    if (!x.isArray()) break;
                    java.util.List<Value> items = new java.util.ArrayList<>(x.size());
                    for (int i = 0; i < x.size(); i++) items.add(tagged(x.get(i), at + "[" + i + "]"));
                    return Value.list(items);
                }
                case "Map": {
                    if (!x.isObject()) break;
                    Map<String, Value> m = new HashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = it.next();
                        m.put(f.getKey(), tagged(f.getValue(), at + "." + f.getKey()));
                    }
                    return Value.map(m);
                }
                default: throw new CrdtException(at + ": unknown value tag `" + e.getKey() + "`");
            }
        } catch (IllegalArgumentException bad) {
            throw new CrdtException(at + ": " + bad.getMessage(), bad);
        }
        throw new CrdtException(at + ": the " + e.getKey() + " tag holds the wrong kind of JSON");
    }
}
