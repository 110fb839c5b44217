package io.transports.codec;

import io.transports.patch.Op;
import io.transports.patch.Patch;
import com.fasterxml.jackson.databind.JsonNode;
import io.transports.protocol.Ack;
import io.transports.protocol.Batch;
import io.transports.protocol.Awareness;
import io.transports.protocol.CrdtMessage;
import io.transports.protocol.CrdtSnapshot;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.protocol.UnknownMessage;
import io.transports.value.BoolValue;
import io.transports.value.FloatValue;
import io.transports.value.IntValue;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.NullValue;
import io.transports.value.Path;
import io.transports.value.StrValue;
import io.transports.value.SubmodelValue;
import io.transports.value.Unicode;
import io.transports.value.Value;
import java.io.IOException;
import java.util.List;

/**
 * Writes messages, patches, ops, paths and Values to a {@link Sink} with the fields in the order of docs/protocol.md
 * and map keys in wire order (MapValue keeps them so). Depth is checked on the way down, so a value
 * nested deeper than the limit is refused with its path instead of overflowing the stack.
 */
final class Encoder {
    private final Sink out;
    private final int maxDepth;
    private final Where where;

    Encoder(Sink out, Limits limits, String root) {
        this.out = out;
        this.maxDepth = limits.maxDepth();
        this.where = new Where(root);
    }

    void message(Message m) throws IOException {
        if (m instanceof Snapshot s) {
            out.startObject(5);
            out.name("t"); out.string("snapshot");
            out.name("id"); out.number(s.id());
            out.name("type"); out.string(text(s.type(), "type"));
            out.name("rev"); out.number(s.rev());
            out.name("value");
            where.name("value");
            value(s.value(), 0);
            where.pop();
            out.endObject();
        } else if (m instanceof PatchMessage pm) {
            out.startObject(pm.proposal() == null ? 3 : 4);
            out.name("t"); out.string("patch");
            out.name("id"); out.number(pm.id());
            out.name("patch");
            where.name("patch");
            patch(pm.patch());
            where.pop();
            if (pm.proposal() != null) { out.name("proposal"); out.string(pm.proposal()); }
            out.endObject();
        } else if (m instanceof Reject r) {
            out.startObject(4 + (r.proposal() == null ? 0 : 1) + (r.crdtOps() == null ? 0 : 1));
            out.name("t"); out.string("reject");
            out.name("id"); out.number(r.id());
            out.name("rev"); out.number(r.rev());
            out.name("error"); out.string(text(r.error(), "error"));
            if (r.proposal() != null) { out.name("proposal"); out.string(text(r.proposal(), "proposal")); }
            if (r.crdtOps() != null) treeField("crdt_ops", r.crdtOps());
            out.endObject();
        } else if (m instanceof CrdtSnapshot s) {
            out.startObject(7);
            out.name("t"); out.string("crdt_snapshot");
            out.name("id"); out.number(s.id());
            out.name("type"); out.string(text(s.type(), "type"));
            out.name("rev"); out.number(s.rev());
            out.name("value");
            where.name("value");
            value(s.value(), 0);
            where.pop();
            treeField("spec", s.spec());
            treeField("state", s.state());
            out.endObject();
        } else if (m instanceof CrdtMessage c) {
            out.startObject(4 + (c.effect() == null ? 0 : 1) + (c.proposal() == null ? 0 : 1));
            out.name("t"); out.string("crdt");
            out.name("id"); out.number(c.id());
            out.name("rev"); out.number(c.rev());
            treeField("ops", c.ops());
            if (c.effect() != null) treeField("effect", c.effect());
            if (c.proposal() != null) { out.name("proposal"); out.string(text(c.proposal(), "proposal")); }
            out.endObject();
        } else if (m instanceof Ack a) {
            out.startObject(4);
            out.name("t"); out.string("ack");
            out.name("id"); out.number(a.id());
            out.name("rev"); out.number(a.rev());
            out.name("proposal"); out.string(text(a.proposal(), "proposal"));
            out.endObject();
        } else if (m instanceof Batch b) {
            out.startObject(2);
            out.name("t"); out.string("batch");
            out.name("msgs");
            where.name("msgs");
            out.startArray(b.msgs().size());
            for (int i = 0; i < b.msgs().size(); i++) {
                where.index(i);
                message(b.msgs().get(i)); // a Batch never holds a Batch (its constructor refuses one)
                where.pop();
            }
            out.endArray();
            where.pop();
            out.endObject();
        } else if (m instanceof Awareness a) {
            out.startObject(a.peer() == null ? 3 : 4);
            out.name("t"); out.string("awareness");
            out.name("id"); out.number(a.id());
            out.name("state");
            where.name("state");
            plain(a.state(), 0);
            where.pop();
            if (a.peer() != null) { out.name("peer"); out.string(text(a.peer(), "peer")); }
            out.endObject();
        } else if (m instanceof UnknownMessage u) {
            if (u.t() == null) throw new CodecException("an unknown message needs a 't'");
            out.startObject(1);
            out.name("t"); out.string(text(u.t(), "t"));
            out.endObject();
        } else {
            throw new CodecException("no message to encode (null)");
        }
    }

    void patch(Patch patch) throws IOException {
        List<Op> ops = patch.ops();
        out.startObject(2);
        out.name("rev"); out.number(patch.rev());
        out.name("ops");
        where.name("ops");
        out.startArray(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            where.index(i);
            op(ops.get(i));
            where.pop();
        }
        out.endArray();
        where.pop();
        out.endObject();
    }

    void op(Op op) throws IOException {
        out.startObject(1);
        out.name(op.name());
        where.name(op.name());
        if (op instanceof Op.Set s) {
            out.startObject(2);
            path(s.path());
            valueField(s.value());
        } else if (op instanceof Op.Remove r) {
            out.startObject(1);
            path(r.path());
        } else if (op instanceof Op.Insert ins) {
            out.startObject(3);
            path(ins.path());
            out.name("index"); out.number(ins.index());
            valueField(ins.value());
        } else if (op instanceof Op.RemoveAt ra) {
            out.startObject(2);
            path(ra.path());
            out.name("index"); out.number(ra.index());
        } else if (op instanceof Op.Move mv) {
            out.startObject(3);
            path(mv.path());
            out.name("from"); out.number(mv.from());
            out.name("to"); out.number(mv.to());
        } else {
            Op.Reorder ro = (Op.Reorder) op;
            out.startObject(2);
            path(ro.path());
            out.name("order");
            out.startArray(ro.length());
            for (int k = 0; k < ro.length(); k++) out.number(ro.orderAt(k));
            out.endArray();
        }
        out.endObject();
        where.pop();
        out.endObject();
    }

    /** A field holding plain JSON data (the CRDT parts of a message), written as it is. */
    private void treeField(String name, JsonNode tree) throws IOException {
        out.name(name);
        where.name(name);
        tree(tree, 0);
        where.pop();
    }

    private void tree(JsonNode n, int depth) throws IOException {
        if (depth > maxDepth) throw deep();
        if (n.isObject()) {
            out.startObject(n.size());
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> f = it.next();
                out.name(text(f.getKey(), null));
                tree(f.getValue(), depth + 1);
            }
            out.endObject();
        } else if (n.isArray()) {
            out.startArray(n.size());
            for (JsonNode x : n) tree(x, depth + 1);
            out.endArray();
        } else if (n.isTextual()) {
            out.string(text(n.textValue(), null));
        } else if (n.isIntegralNumber() && n.canConvertToLong()) {
            out.number(n.longValue());
        } else if (n.isNumber() && !n.isIntegralNumber() && Double.isFinite(n.doubleValue())) {
            out.number(n.doubleValue());
        } else if (n.isBoolean()) {
            out.bool(n.booleanValue());
        } else if (n.isNull()) {
            out.nul();
        } else {
            throw new CodecException(where + ": cannot encode " + n.getNodeType() + " " + n + " (integers within 64 bits, finite numbers, text, lists, objects)");
        }
    }

    private void valueField(Value v) throws IOException {
        out.name("value");
        where.name("value");
        value(v, 0);
        where.pop();
    }

    /** The {@code "path"} field of an op. */
    private void path(Path path) throws IOException {
        out.name("path");
        where.name("path");
        pathValue(path);
        where.pop();
    }

    void pathValue(Path path) throws IOException {
        out.startArray(path.size());
        for (int i = 0; i < path.size(); i++) {
            out.startObject(1);
            if (path.get(i) instanceof Path.Key k) {
                where.index(i);
                out.name("Key"); out.string(text(k.name(), "Key"));
                where.pop();
            } else {
                out.name("Index"); out.number(((Path.Index) path.get(i)).index());
            }
            out.endObject();
        }
        out.endArray();
    }

    /**
     * A Value inside {@code depth} containers. Iterative: the containers being written wait on an
     * explicit stack with the index of their next element, so a value of {@link Limits#MAX_DEPTH}
     * levels needs no deep Java stack.
     */
    void value(Value root, int depth) throws IOException {
        java.util.ArrayList<Value> open = new java.util.ArrayList<>();
        int[] next = new int[8];
        Value v = root;
        while (true) {
            if (v instanceof MapValue || v instanceof ListValue) {
                if (depth + open.size() + 1 > maxDepth) throw deep();
                out.startObject(1);
                if (v instanceof MapValue m) {
                    out.name("Map");
                    out.startObject(m.size());
                } else {
                    out.name("List");
                    out.startArray(((ListValue) v).size());
                }
                if (open.size() == next.length) next = java.util.Arrays.copyOf(next, next.length * 2);
                next[open.size()] = 0;
                open.add(v);
            } else {
                scalar(v);
            }
            v = null;
            while (v == null) { // the next element to write, closing every container that is done
                if (open.isEmpty()) return;
                int top = open.size() - 1;
                Value c = open.get(top);
                int i = next[top];
                if (i > 0) where.pop();
                if (c instanceof MapValue m) {
                    if (i == m.size()) {
                        out.endObject();
                        out.endObject();
                        open.remove(top);
                        continue;
                    }
                    String key = m.keyAt(i);
                    if (Unicode.loneSurrogate(key) >= 0) throw new CodecException(where + ": a map key cannot travel: "
                            + Unicode.loneSurrogateReason(key, Unicode.loneSurrogate(key)));
                    out.name(key);
                    where.name(key);
                    v = m.valueAt(i);
                } else {
                    ListValue l = (ListValue) c;
                    if (i == l.size()) {
                        out.endArray();
                        out.endObject();
                        open.remove(top);
                        continue;
                    }
                    where.index(i);
                    v = l.get(i);
                }
                next[top] = i + 1;
            }
        }
    }

    /**
     * A Value as plain, untagged data (awareness state): null for none, numbers, strings, arrays and
     * objects. Recursive, but bounded by the depth limit like every other value.
     */
    private void plain(Value v, int depth) throws IOException {
        if (depth > maxDepth) throw deep();
        if (v == null || v instanceof NullValue) {
            out.nul();
        } else if (v instanceof StrValue s) {
            out.string(text(s.value(), null));
        } else if (v instanceof IntValue n) {
            out.number(n.value());
        } else if (v instanceof FloatValue f) {
            if (!Double.isFinite(f.value())) throw new CodecException(where + ": a number must be finite, got " + f.value());
            out.number(f.value());
        } else if (v instanceof BoolValue b) {
            out.bool(b.value());
        } else if (v instanceof ListValue l) {
            out.startArray(l.size());
            for (int i = 0; i < l.size(); i++) {
                where.index(i);
                plain(l.get(i), depth + 1);
                where.pop();
            }
            out.endArray();
        } else if (v instanceof MapValue m) {
            out.startObject(m.size());
            for (int i = 0; i < m.size(); i++) {
                String key = text(m.keyAt(i), null);
                out.name(key);
                where.name(key);
                plain(m.valueAt(i), depth + 1);
                where.pop();
            }
            out.endObject();
        } else {
            throw new CodecException(where + ": a submodel reference has no plain form");
        }
    }

    /** A value that is not a container. */
    private void scalar(Value v) throws IOException {
        if (v instanceof NullValue) {
            out.string("Null");
            return;
        }
        out.startObject(1);
        if (v instanceof StrValue s) {
            out.name("Str"); out.string(text(s.value(), null));
        } else if (v instanceof IntValue n) {
            out.name("Int"); out.number(n.value());
        } else if (v instanceof FloatValue f) {
            out.name("Float"); out.number(f.value());
        } else if (v instanceof BoolValue b) {
            out.name("Bool"); out.bool(b.value());
        } else if (v instanceof SubmodelValue s) {
            out.name("Submodel"); out.number(s.id());
        } else {
            throw new CodecException(where + ": no value (null); use Value.NULL");
        }
        out.endObject();
    }

    /** A string that may travel: refused with its place when it holds a lone surrogate (it has no UTF-8 form). */
    private String text(String s, String field) {
        int at = Unicode.loneSurrogate(s);
        if (at < 0) return s;
        if (field != null) where.name(field);
        throw new CodecException(where + ": " + Unicode.loneSurrogateReason(s, at));
    }

    private CodecException deep() {
        return new CodecException("nesting deeper than " + maxDepth + " at " + where);
    }
}
