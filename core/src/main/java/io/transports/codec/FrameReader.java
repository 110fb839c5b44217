package io.transports.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.protocol.UnknownMessage;
import io.transports.value.KeyOrder;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads Values, paths, ops, patches and messages from any Jackson streaming parser (JSON, CBOR and
 * MessagePack alike). Strict inside Values and ops (exact tags, exact fields), lenient in the
 * envelopes (a message or patch may carry fields it does not know). Every failure is a
 * CodecException naming the position; depth is checked on the way down, so the recursion is bounded.
 * One instance reads one frame.
 */
final class FrameReader {
    private static final int ID = 1, TYPE = 2, REV = 4, VALUE = 8, PATCH = 16, ERROR = 32;

    private final JsonParser p;
    private final int maxDepth;
    private final boolean text; // JSON: numbers are shown as written
    final Where where;

    FrameReader(JsonParser p, Limits limits, boolean text, String root) {
        this.p = p;
        this.maxDepth = limits.maxDepth();
        this.text = text;
        this.where = new Where(root);
    }

    // ---- whole frames ----

    /** The first token of a frame; an empty frame is an error. */
    void start() throws IOException {
        if (nextOrEnd() == null) throw new CodecException("empty frame: expected a message");
    }

    /** After the top-level item: nothing more may follow. */
    void end() throws IOException {
        if (nextOrEnd() != null) throw new CodecException("trailing data after the message");
    }

    /** The next top-level token or null at the end (the MessagePack parser throws there instead). */
    private JsonToken nextOrEnd() throws IOException {
        try {
            return p.nextToken();
        } catch (JsonEOFException e) {
            if (p.getParsingContext().inRoot()) return null;
            throw e;
        }
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
            case "patch" -> ID | PATCH;
            case "reject" -> ID | REV | ERROR;
            default -> 0;
        };
        int seen = 0;
        long id = 0, rev = 0;
        String type = null, error = null;
        Value value = null;
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
                default -> 0;
            };
            if ((wanted & bit) == 0) { // not a field of this kind: ignored
                p.skipChildren();
                continue;
            }
            if ((seen & bit) != 0) fail("duplicate field '" + name + "'");
            seen |= bit;
            where.name(name);
            switch (bit) {
                case ID -> id = positive();
                case TYPE -> type = string();
                case REV -> rev = nonNegative();
                case VALUE -> value = value(0);
                case PATCH -> patch = patch();
                default -> error = string();
            }
            where.pop();
        }
        int missing = wanted & ~seen;
        if (missing != 0) {
            String field = (missing & ID) != 0 ? "id" : (missing & TYPE) != 0 ? "type" : (missing & REV) != 0 ? "rev"
                    : (missing & VALUE) != 0 ? "value" : (missing & PATCH) != 0 ? "patch" : "error";
            throw new CodecException(t + " message: missing field '" + field + "'");
        }
        return switch (t) {
            case "snapshot" -> new Snapshot(id, type, rev, value);
            case "patch" -> new PatchMessage(id, patch);
            case "reject" -> new Reject(id, rev, error);
            default -> new UnknownMessage(t);
        };
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
                segments.add(new Path.Key(string()));
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

    // ---- values ----

    /** A Value; {@code depth} is the number of containers already entered. */
    Value value(int depth) throws IOException {
        JsonToken tok = p.currentToken();
        if (tok == JsonToken.VALUE_STRING) {
            if (p.getText().equals("Null")) return Value.NULL;
            fail("expected a Value (\"Null\" or a tagged object such as {\"Int\": 7}), got " + describe());
        }
        if (tok != JsonToken.START_OBJECT) fail("expected a Value (\"Null\" or a tagged object such as {\"Int\": 7}), got " + describe());
        if (next() == JsonToken.END_OBJECT) fail("expected a Value, got an empty object");
        String tag = p.currentName();
        next();
        Value v = switch (tag) {
            case "Bool" -> {
                if (!p.currentToken().isBoolean()) fail("Bool expects true or false, got " + describe());
                yield Value.of(p.currentToken() == JsonToken.VALUE_TRUE);
            }
            case "Int" -> Value.of(integer("Int expects an integer"));
            case "Float" -> Value.of(floating());
            case "Str" -> {
                if (p.currentToken() != JsonToken.VALUE_STRING) fail("Str expects a string, got " + describe());
                yield new StrValue(p.getText());
            }
            case "List" -> list(depth + 1);
            case "Map" -> map(depth + 1);
            case "Submodel" -> {
                long id = integer("Submodel expects a model id");
                if (id < 1) fail("Submodel expects a positive model id, got " + id);
                yield Value.submodel(id);
            }
            case "Null" -> {
                fail("Null is written as the bare string \"Null\", not as a tagged object");
                yield null;
            }
            default -> {
                fail("unknown value tag '" + tag + "'; expected one of Null, Bool, Int, Float, Str, List, Map, Submodel");
                yield null;
            }
        };
        if (next() != JsonToken.END_OBJECT) {
            fail("a tagged Value has exactly one field; found '" + p.currentName() + "' after '" + tag + "'");
        }
        return v;
    }

    private Value list(int depth) throws IOException {
        if (depth > maxDepth) throw deep();
        if (p.currentToken() != JsonToken.START_ARRAY) fail("List expects an array, got " + describe());
        Value[] items = new Value[8];
        int n = 0;
        while (next() != JsonToken.END_ARRAY) {
            where.index(n);
            if (n == items.length) items = Arrays.copyOf(items, n * 2);
            items[n++] = value(depth);
            where.pop();
        }
        return ListValue.wrap(n == items.length ? items : Arrays.copyOf(items, n));
    }

    private Value map(int depth) throws IOException {
        if (depth > maxDepth) throw deep();
        if (p.currentToken() != JsonToken.START_OBJECT) fail("Map expects an object, got " + describe());
        String[] keys = new String[8];
        Value[] values = new Value[8];
        int n = 0;
        boolean sorted = true;
        while (next() != JsonToken.END_OBJECT) {
            String key = p.currentName();
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                values = Arrays.copyOf(values, n * 2);
            }
            if (n > 0 && sorted) {
                int c = KeyOrder.INSTANCE.compare(keys[n - 1], key);
                if (c == 0) fail("duplicate key " + quoted(key));
                if (c > 0) sorted = false;
            }
            next();
            where.name(key);
            keys[n] = key;
            values[n++] = value(depth);
            where.pop();
        }
        keys = Arrays.copyOf(keys, n);
        values = Arrays.copyOf(values, n);
        if (!sorted) sortEntries(keys, values);
        return MapValue.wrapSorted(keys, values);
    }

    /** Puts entries read in another order into wire order, refusing duplicate keys. */
    private void sortEntries(String[] keys, Value[] values) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> KeyOrder.INSTANCE.compare(keys[a], keys[b]));
        String[] k = keys.clone();
        Value[] v = values.clone();
        for (int i = 0; i < order.length; i++) {
            keys[i] = k[order[i]];
            values[i] = v[order[i]];
            if (i > 0 && keys[i].equals(keys[i - 1])) fail("duplicate key " + quoted(keys[i]));
        }
    }

    // ---- scalars ----

    private long integer(String expectation) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) fail(expectation + ", got " + describe());
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger big = p.getBigIntegerValue();
            if (big.bitLength() > 63) fail("integer " + big + " is outside the 64-bit range");
            return big.longValue();
        }
        return p.getLongValue();
    }

    private long positive() throws IOException {
        long n = integer("expected a positive integer");
        if (n < 1) fail("expected a positive integer (model ids start at 1), got " + n);
        return n;
    }

    private long nonNegative() throws IOException {
        long n = integer("expected a non-negative integer");
        if (n < 0) fail("expected a non-negative integer, got " + n);
        return n;
    }

    private int index() throws IOException {
        long n = nonNegative();
        if (n > Integer.MAX_VALUE) fail("index " + n + " is too large (at most " + Integer.MAX_VALUE + ")");
        return (int) n;
    }

    private double floating() throws IOException {
        JsonToken tok = p.currentToken();
        if (tok != JsonToken.VALUE_NUMBER_FLOAT && tok != JsonToken.VALUE_NUMBER_INT) {
            fail("Float expects a number, got " + describe());
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
            fail("a Float must be finite, got " + (text ? p.getText() : Double.toString(d)) + " (NaN and infinities cannot travel)");
        }
        return d;
    }

    private String string() throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) fail("expected a string, got " + describe());
        return p.getText();
    }

    // ---- tokens and errors ----

    /** The next token; the end of input inside a structure is an error, never a null. */
    private JsonToken next() throws IOException {
        JsonToken tok = p.nextToken();
        if (tok == null) fail("unexpected end of frame");
        return tok;
    }

    private void expect(JsonToken token, String what) throws IOException {
        if (p.currentToken() != token) fail("expected " + what + ", got " + describe());
    }

    private CodecException deep() {
        return new CodecException("nesting deeper than " + maxDepth + " at " + where);
    }

    void fail(String why) {
        throw new CodecException(where + ": " + why);
    }

    /** What the current token is, in words: "a string \"x\"", "the number 1.5", "an array". */
    String describe() throws IOException {
        JsonToken tok = p.currentToken();
        if (tok == null) return "the end of the frame";
        return switch (tok) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string " + quoted(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + shorten(p.getText());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            case VALUE_EMBEDDED_OBJECT -> "binary data";
            default -> tok.asString() == null ? tok.name() : tok.asString();
        };
    }

    private static String quoted(String s) {
        return io.transports.value.ValueText.quote(shorten(s));
    }

    private static String shorten(String s) { return s.length() > 40 ? s.substring(0, 40) + "..." : s; }
}
