package io.transports.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.transports.patch.Op;
import io.transports.patch.Patch;
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
import io.transports.value.Path;
import io.transports.value.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads messages, patches, ops and paths (Values through {@link ValueReader}). Strict inside ops and
 * paths (exact fields), lenient in the envelopes (a message or patch may carry fields it does not
 * know). Every failure is a CodecException naming the position. One instance reads one frame.
 */
final class FrameReader extends ValueReader {
    private static final int ID = 1, TYPE = 2, REV = 4, VALUE = 8, PATCH = 16, ERROR = 32, PROPOSAL = 64, MSGS = 128,
            STATE = 256, PEER = 512;
    /** The CRDT fields: plain JSON data, read as trees (docs/protocol.md "CRDT documents"). */
    private static final int SPEC = 1024, OPS = 2048, EFFECT = 4096, CRDT_OPS = 8192;
    /** Fields a message may leave out. */
    private static final int OPTIONAL = PROPOSAL | EFFECT | CRDT_OPS | PEER;
    private final int maxTreeDepth;

    private final Limits limits;
    private final boolean textFrame;

    FrameReader(JsonParser p, Limits limits, boolean text, String root) {
        super(p, limits, text, root);
        this.limits = limits;
        this.textFrame = text;
        this.maxTreeDepth = limits.maxDepth();
    }

    /** The first token of a frame; an empty frame is an error. */
    void start() throws IOException {
        if (nextOrEnd() == null) throw new CodecException("empty frame: expected a message");
    }

    /** After the top-level item: nothing more may follow. */
    void end() throws IOException {
        if (nextOrEnd() != null) throw new CodecException("trailing data after the message");
    }

    /** Finds the message kind when {@code t} is not the first field: a second pass over the frame. */
    interface KindScan {
        String scan() throws IOException;
    }

    /**
     * A message; the parser stands on the frame's first token. When {@code t} comes first (as every
     * encoder here writes it) this is one pass; otherwise {@code scan} finds the kind first, so fields
     * may come in any order and fields a kind does not use are skipped unread.
     */
    Message message(KindScan scan) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) fail("expected a message object, got " + describe());
        JsonToken tok = next();
        String t;
        boolean seenT = false;
        if (tok == JsonToken.FIELD_NAME && p.currentName().equals("t")) {
            next();
            where.name("t");
            t = string();
            where.pop();
            seenT = true;
            tok = next();
        } else {
            t = tok == JsonToken.END_OBJECT ? null : scan.scan();
        }
        if (t == null) fail("missing field 't' (the message kind)");
        int wanted = switch (t) {
            case "snapshot" -> ID | TYPE | REV | VALUE;
            case "patch" -> ID | PATCH | PROPOSAL;
            case "reject" -> ID | REV | ERROR | PROPOSAL | CRDT_OPS;
            case "ack" -> ID | REV | PROPOSAL;
            case "batch" -> MSGS;
            case "awareness" -> ID | STATE | PEER;
            case "crdt_snapshot" -> ID | TYPE | REV | VALUE | SPEC | STATE;
            case "crdt" -> ID | REV | OPS | EFFECT | PROPOSAL;
            default -> 0;
        };
        int seen = 0;
        long id = 0, rev = 0;
        String type = null, error = null, proposal = null, peer = null;
        List<io.transports.protocol.Message> msgs = null;
        Value value = null, awarenessState = null;
        com.fasterxml.jackson.databind.JsonNode spec = null, state = null, ops = null, effect = null, crdtOps = null;
        Patch patch = null;
        for (; tok != JsonToken.END_OBJECT; tok = next()) {
            String name = p.currentName();
            next();
            if (name.equals("t")) {
                if (seenT) fail("duplicate field 't'");
                seenT = true;
                p.skipChildren();
                continue;
            }
            int bit = switch (name) {
                case "id" -> ID;
                case "type" -> TYPE;
                case "rev" -> REV;
                case "value" -> VALUE;
                case "patch" -> PATCH;
                case "error" -> ERROR;
                case "proposal" -> PROPOSAL;
                case "msgs" -> MSGS;
                case "state" -> STATE;
                case "peer" -> PEER;
                case "spec" -> SPEC;
                case "ops" -> OPS;
                case "effect" -> EFFECT;
                case "crdt_ops" -> t.equals("reject") ? CRDT_OPS : 0;
                default -> 0;
            };
            if ((wanted & bit) == 0) { // not a field of this kind: ignored
                p.skipChildren();
                continue;
            }
            if ((seen & bit) != 0) fail("duplicate field '" + name + "'");
            if (bit == PROPOSAL && p.currentToken() == JsonToken.VALUE_NULL && !t.equals("ack")) continue; // null: no proposal id
            if ((bit == PEER || bit == EFFECT || bit == CRDT_OPS) && p.currentToken() == JsonToken.VALUE_NULL) continue; // null: absent
            seen |= bit;
            where.name(name);
            switch (bit) {
                case ID -> id = t.equals("reject") || t.equals("ack") ? nonNegative() : positive(); // reject id 0: not about one model
                case PROPOSAL -> proposal = string();
                case TYPE -> type = string();
                case REV -> rev = nonNegative();
                case VALUE -> value = value(0);
                case PATCH -> patch = patch();
                case MSGS -> msgs = batched();
                case STATE -> {
                    if (t.equals("awareness")) awarenessState = plain(0);
                    else state = tree(0);
                }
                case PEER -> peer = string();
                case SPEC -> spec = tree(0);
                case OPS -> ops = tree(0);
                case EFFECT -> effect = tree(0);
                case CRDT_OPS -> crdtOps = tree(0);
                default -> error = string();
            }
            where.pop();
        }
        int missing = wanted & ~seen & (t.equals("ack") ? ~(EFFECT | CRDT_OPS | PEER) : ~OPTIONAL); // a proposal id is optional but on an ack
        if (missing != 0) {
            String field = (missing & ID) != 0 ? "id" : (missing & TYPE) != 0 ? "type" : (missing & REV) != 0 ? "rev"
                    : (missing & VALUE) != 0 ? "value" : (missing & PATCH) != 0 ? "patch" : (missing & ERROR) != 0 ? "error"
                    : (missing & MSGS) != 0 ? "msgs" : (missing & SPEC) != 0 ? "spec" : (missing & STATE) != 0 ? "state"
                    : (missing & OPS) != 0 ? "ops" : "proposal";
            throw new CodecException(t + " message: missing field '" + field + "'");
        }
        return switch (t) {
            case "snapshot" -> new Snapshot(id, type, rev, value);
            case "patch" -> new PatchMessage(id, patch, proposal);
            case "reject" -> new Reject(id, rev, error, proposal, crdtOps);
            case "crdt_snapshot" -> new CrdtSnapshot(id, type, rev, value, spec, state);
            case "crdt" -> new CrdtMessage(id, rev, ops, effect, proposal);
            case "ack" -> new Ack(id, rev, proposal);
            case "batch" -> new Batch(msgs);
            case "awareness" -> new Awareness(id, awarenessState, peer);
            default -> new UnknownMessage(t);
        };
    }

    /**
     * The {@code msgs} of a batch (docs/protocol.md "Batch frames"), none of them a batch. Each element is
     * copied into a token buffer first, so its fields may come in any order (the Python package's
     * MessagePack sorts keys, putting {@code t} last) and a second pass can find its kind.
     */
    private List<Message> batched() throws IOException {
        expect(JsonToken.START_ARRAY, "a list of messages");
        List<Message> msgs = new ArrayList<>();
        while (next() != JsonToken.END_ARRAY) {
            where.index(msgs.size());
            if (p.currentToken() != JsonToken.START_OBJECT) fail("expected a message object, got " + describe());
            com.fasterxml.jackson.databind.util.TokenBuffer element = new com.fasterxml.jackson.databind.util.TokenBuffer(p);
            element.copyCurrentStructure(p);
            FrameReader inner = new FrameReader(element.asParser(), limits, textFrame, where.toString());
            inner.start();
            Message m = inner.message(() -> new FrameReader(element.asParser(), limits, textFrame, "").scanT());
            if (m instanceof Batch) fail("a batch may not hold a batch");
            msgs.add(m);
            where.pop();
        }
        return msgs;
    }

    /**
     * Plain, untagged data (awareness state) as a Value; JSON null is Java null at the top (a removal)
     * and {@code Value.NULL} inside. Integral numbers read as Int, others as Float.
     */
    private Value plain(int depth) throws IOException {
        if (depth > maxDepth) fail("nesting deeper than " + maxDepth);
        JsonToken tok = p.currentToken();
        switch (tok) {
            case VALUE_NULL: return depth == 0 ? null : Value.NULL;
            case VALUE_TRUE: return Value.of(true);
            case VALUE_FALSE: return Value.of(false);
            case VALUE_STRING: return new io.transports.value.StrValue(string());
            case VALUE_NUMBER_INT: return Value.of(integer("expected an integer"));
            case VALUE_NUMBER_FLOAT: {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) fail("a number must be finite, got " + d);
                return new io.transports.value.FloatValue(d);
            }
            case START_ARRAY: {
                List<Value> items = new ArrayList<>();
                while (next() != JsonToken.END_ARRAY) {
                    where.index(items.size());
                    items.add(plain(depth + 1));
                    where.pop();
                }
                return io.transports.value.ListValue.of(items);
            }
            case START_OBJECT: {
                java.util.LinkedHashMap<String, Value> entries = new java.util.LinkedHashMap<>();
                while (next() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    next();
                    where.name(key);
                    entries.put(key, plain(depth + 1));
                    where.pop();
                }
                return io.transports.value.MapValue.of(entries);
            }
            default:
                fail("expected plain data, got " + describe());
                return null;
        }
    }

    /**
     * Plain JSON data at the current token (the CRDT parts of a message), as a Jackson tree: integers
     * within 64 bits, finite numbers, text, booleans, null, lists and objects without duplicate keys,
     * nested no deeper than the Value limit.
     */
    com.fasterxml.jackson.databind.JsonNode tree(int depth) throws IOException {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        if (depth > maxTreeDepth) fail("nesting deeper than " + maxTreeDepth);
        JsonToken tok = p.currentToken();
        switch (tok) {
            case START_OBJECT -> {
                var o = f.objectNode();
                while (next() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    next();
                    where.name(name);
                    if (o.has(name)) fail("duplicate field '" + name + "'");
                    o.set(name, tree(depth + 1));
                    where.pop();
                }
                return o;
            }
            case START_ARRAY -> {
                var a = f.arrayNode();
                while (next() != JsonToken.END_ARRAY) {
                    where.index(a.size());
                    a.add(tree(depth + 1));
                    where.pop();
                }
                return a;
            }
            case VALUE_STRING -> { return f.textNode(string()); }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) fail("an integer outside the 64-bit range");
                return f.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) fail("a number must be finite, got " + d);
                return f.numberNode(d);
            }
            case VALUE_TRUE, VALUE_FALSE -> { return f.booleanNode(tok == JsonToken.VALUE_TRUE); }
            case VALUE_NULL -> { return f.nullNode(); }
            default -> {
                fail("expected JSON data, got " + describe());
                return null;
            }
        }
    }

    /** Finds {@code t} in a message object by skipping every other field; null when absent. */
    String scanT() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) return null; // message() reports the shape
        String t = null;
        while (next() != JsonToken.END_OBJECT) {
            String name = p.currentName();
            next();
            if (name.equals("t")) {
                where.name("t");
                t = string();
                where.pop();
                return t;
            }
            p.skipChildren();
        }
        return t;
    }

    // ---- patches, ops, paths ----

    Patch patch() throws IOException {
        expect(JsonToken.START_OBJECT, "a patch object {\"rev\": n, \"ops\": [...]}");
        long rev = 0;
        List<Op> ops = null;
        boolean seenRev = false;
        while (next() != JsonToken.END_OBJECT) {
            String name = p.currentName();
            next();
            if (name.equals("rev")) {
                if (seenRev) fail("duplicate field 'rev'");
                seenRev = true;
                where.name("rev");
                rev = nonNegative();
                where.pop();
            } else if (name.equals("ops")) {
                if (ops != null) fail("duplicate field 'ops'");
                where.name("ops");
                ops = ops();
                where.pop();
            } else {
                p.skipChildren();
            }
        }
        if (!seenRev) fail("missing field 'rev'");
        if (ops == null) fail("missing field 'ops'");
        return new Patch(rev, ops);
    }

    private List<Op> ops() throws IOException {
        expect(JsonToken.START_ARRAY, "a list of ops");
        List<Op> ops = new ArrayList<>();
        while (next() != JsonToken.END_ARRAY) {
            where.index(ops.size());
            ops.add(op());
            where.pop();
        }
        return ops;
    }

    Op op() throws IOException {
        expect(JsonToken.START_OBJECT, "an op such as {\"Set\": {...}}");
        if (next() == JsonToken.END_OBJECT) fail("expected an op, got an empty object");
        String kind = p.currentName();
        int fields = switch (kind) {
            case "Set" -> OpFields.SET;
            case "Remove" -> OpFields.REMOVE;
            case "Insert" -> OpFields.INSERT;
            case "RemoveAt" -> OpFields.REMOVE_AT;
            case "Move" -> OpFields.MOVE;
            case "Reorder" -> OpFields.REORDER;
            default -> {
                fail("unknown op '" + kind + "'; expected one of Set, Remove, Insert, RemoveAt, Move, Reorder");
                yield 0;
            }
        };
        where.name(kind);
        next();
        expect(JsonToken.START_OBJECT, "the fields of " + kind);
        OpFields f = new OpFields();
        while (next() != JsonToken.END_OBJECT) {
            String name = p.currentName();
            int bit = OpFields.bit(name);
            if ((fields & bit) == 0) fail(kind + " has no field '" + name + "'; its fields are " + OpFields.list(fields));
            if ((f.seen & bit) != 0) fail("duplicate field '" + name + "'");
            f.seen |= bit;
            next();
            where.name(name);
            switch (bit) {
                case OpFields.PATH -> f.path = path();
                case OpFields.VALUE -> f.value = value(0);
                case OpFields.INDEX -> f.index = index();
                case OpFields.FROM -> f.from = index();
                case OpFields.TO -> f.to = index();
                default -> f.order = order();
            }
            where.pop();
        }
        int missing = fields & ~f.seen;
        if (missing != 0) fail(kind + " is missing field '" + OpFields.list(Integer.lowestOneBit(missing)) + "'");
        where.pop();
        if (next() != JsonToken.END_OBJECT) {
            fail("an op has exactly one field; found '" + p.currentName() + "' after '" + kind + "'");
        }
        return f.build(kind);
    }

    Path path() throws IOException {
        expect(JsonToken.START_ARRAY, "a path (a list of {\"Key\": k} and {\"Index\": i})");
        List<Path.Segment> segments = new ArrayList<>();
        while (next() != JsonToken.END_ARRAY) {
            where.index(segments.size());
            expect(JsonToken.START_OBJECT, "a path step {\"Key\": k} or {\"Index\": i}");
            if (next() == JsonToken.END_OBJECT) fail("expected a path step, got an empty object");
            String kind = p.currentName();
            next();
            if (kind.equals("Key")) {
                where.name("Key");
                segments.add(new Path.Key(string()));
                where.pop();
            } else if (kind.equals("Index")) {
                segments.add(new Path.Index(index()));
            } else {
                fail("unknown path step '" + kind + "'; expected Key or Index");
            }
            if (next() != JsonToken.END_OBJECT) fail("a path step has exactly one field; found '" + p.currentName() + "'");
            where.pop();
        }
        return Path.of(segments);
    }

    private int[] order() throws IOException {
        expect(JsonToken.START_ARRAY, "a list of indexes");
        int[] order = new int[8];
        int n = 0;
        while (next() != JsonToken.END_ARRAY) {
            where.index(n);
            if (n == order.length) order = Arrays.copyOf(order, n * 2);
            order[n++] = index();
            where.pop();
        }
        return Arrays.copyOf(order, n);
    }
}
