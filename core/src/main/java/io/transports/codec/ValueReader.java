package io.transports.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.transports.value.KeyOrder;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads Values: {@code "Null"} or a one-field tagged object, map keys in any order (put into wire
 * order, duplicates refused). Iterative, with the nesting limit checked as each container opens, so
 * no input can overflow the stack.
 */
class ValueReader extends Tokens {
    final int maxDepth;

    ValueReader(JsonParser p, Limits limits, boolean text, String root) {
        super(p, text, root);
        this.maxDepth = limits.maxDepth();
    }

    /**
     * A Value; {@code depth} is the number of containers already entered. Iterative: open containers
     * wait on an explicit stack, so the Java stack stays flat however deep the input goes, and the
     * depth limit is checked as each container opens.
     */
    Value value(int depth) throws IOException {
        ArrayList<Container> open = new ArrayList<>();
        while (true) {
            Value v = opening(depth + open.size(), open);
            while (true) {
                Container top = open.isEmpty() ? null : open.get(open.size() - 1);
                if (v != null) {
                    if (top == null) return v;
                    top.add(v);
                    where.pop();
                }
                JsonToken tok = next();
                if (tok == (top.map ? JsonToken.END_OBJECT : JsonToken.END_ARRAY)) {
                    open.remove(open.size() - 1);
                    v = top.build();
                    closeTag(top.map ? "Map" : "List");
                    continue;
                }
                if (top.map) {
                    String key = text(p.currentName(), "key");
                    top.key(key);
                    where.name(key);
                    next();
                } else {
                    where.index(top.n);
                }
                break; // read the element
            }
        }
    }

    /**
     * Reads the value at the current token: a scalar is returned whole; a List or Map is pushed onto
     * {@code open} (its tag and opening bracket consumed) and null returned.
     */
    private Value opening(int depth, List<Container> open) throws IOException {
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
                yield new StrValue(text(p.getText(), null));
            }
            case "List", "Map" -> {
                if (depth + 1 > maxDepth) throw deep();
                boolean map = tag.equals("Map");
                if (map && p.currentToken() != JsonToken.START_OBJECT) fail("Map expects an object, got " + describe());
                if (!map && p.currentToken() != JsonToken.START_ARRAY) fail("List expects an array, got " + describe());
                open.add(new Container(map));
                yield null;
            }
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
        if (v != null) closeTag(tag);
        return v;
    }

    /** The end of a tagged value's object: nothing may follow the tag. */
    private void closeTag(String tag) throws IOException {
        if (next() != JsonToken.END_OBJECT) {
            fail("a tagged Value has exactly one field; found '" + p.currentName() + "' after '" + tag + "'");
        }
    }

    /** A List or Map being read: its elements so far, and whether map keys came in wire order. */
    private final class Container {
        final boolean map;
        Value[] items = new Value[8];
        String[] keys;
        int n;
        boolean sorted = true;

        Container(boolean map) {
            this.map = map;
            if (map) keys = new String[8];
        }

        void key(String key) {
            if (n == keys.length) keys = Arrays.copyOf(keys, n * 2);
            if (n > 0 && sorted) {
                int c = KeyOrder.INSTANCE.compare(keys[n - 1], key);
                if (c == 0) fail("duplicate key " + quoted(key));
                if (c > 0) sorted = false;
            }
            keys[n] = key;
        }

        void add(Value v) {
            if (n == items.length) items = Arrays.copyOf(items, n * 2);
            items[n++] = v;
        }

        Value build() {
            Value[] values = n == items.length ? items : Arrays.copyOf(items, n);
            if (!map) return ListValue.wrap(values);
            String[] k = Arrays.copyOf(keys, n);
            if (!sorted) sortEntries(k, values);
            return MapValue.wrapSorted(k, values);
        }
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

    private CodecException deep() {
        return new CodecException("nesting deeper than " + maxDepth + " at " + where);
    }
}
