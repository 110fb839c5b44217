package io.transports.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only reader of the JSON forms of docs/protocol.md (Value, Path, Op, Patch) over Jackson's tree, so
 * the conformance vectors can run here without waiting for the codec package. Errors use the stable
 * words the vectors match on: "unknown tag", "unknown op", "malformed", "64-bit", "finite".
 */
final class VectorJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private VectorJson() {}

    static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Value value(String text) { return value(tree(text)); }

    static Value value(JsonNode n) {
        if (n.isTextual()) {
            if (n.textValue().equals("Null")) return Value.NULL;
            throw new IllegalArgumentException("unknown tag '" + n.textValue() + "' (only \"Null\" is a bare string)");
        }
        Map.Entry<String, JsonNode> tagged = single(n, "Value");
        JsonNode body = tagged.getValue();
        switch (tagged.getKey()) {
            case "Null":
                throw new IllegalArgumentException("malformed Value: Null is the bare string \"Null\"");
            case "Bool":
                if (!body.isBoolean()) throw malformed("Bool needs true or false, got " + body);
                return Value.of(body.booleanValue());
            case "Int":
                return Value.of(integer(body, "Int"));
            case "Float":
                if (!body.isNumber()) throw malformed("Float needs a number, got " + body);
                double d = body.doubleValue();
                if (!Double.isFinite(d)) throw new IllegalArgumentException("a Float must be finite, got " + body);
                return Value.of(d);
            case "Str":
                if (!body.isTextual()) throw malformed("Str needs a string, got " + body);
                return Value.of(body.textValue());
            case "List": {
                if (!body.isArray()) throw malformed("List needs an array, got " + body);
                List<Value> items = new ArrayList<>();
                for (JsonNode e : body) items.add(value(e));
                return ListValue.of(items);
            }
            case "Map": {
                if (!body.isObject()) throw malformed("Map needs an object, got " + body);
                Map<String, Value> entries = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    entries.put(e.getKey(), value(e.getValue()));
                }
                return MapValue.of(entries);
            }
            case "Submodel":
                return Value.submodel(integer(body, "Submodel"));
            default:
                throw new IllegalArgumentException("unknown tag '" + tagged.getKey() + "'");
        }
    }

    static Path path(JsonNode n) {
        if (!n.isArray()) throw malformed("a path is an array, got " + n);
        List<Path.Segment> segments = new ArrayList<>();
        for (JsonNode s : n) {
            Map.Entry<String, JsonNode> step = single(s, "path segment");
            JsonNode body = step.getValue();
            if (step.getKey().equals("Key") && body.isTextual()) segments.add(new Path.Key(body.textValue()));
            else if (step.getKey().equals("Index") && body.canConvertToInt() && body.isIntegralNumber() && body.intValue() >= 0) {
                segments.add(new Path.Index(body.intValue()));
            } else throw malformed("a path segment is {\"Key\": string} or {\"Index\": n >= 0}, got " + s);
        }
        return Path.of(segments);
    }

    static Op op(JsonNode n) {
        if (!n.isObject() || n.size() != 1) throw malformed("an op is an object with one field, got " + n);
        Map.Entry<String, JsonNode> tagged = n.fields().next();
        JsonNode b = tagged.getValue();
        switch (tagged.getKey()) {
            case "Set": return new Op.Set(path(field(b, "path")), value(field(b, "value")));
            case "Remove": return new Op.Remove(path(field(b, "path")));
            case "Insert": return new Op.Insert(path(field(b, "path")), index(b, "index"), value(field(b, "value")));
            case "RemoveAt": return new Op.RemoveAt(path(field(b, "path")), index(b, "index"));
            case "Move": return new Op.Move(path(field(b, "path")), index(b, "from"), index(b, "to"));
            case "Reorder": {
                JsonNode order = field(b, "order");
                if (!order.isArray()) throw malformed("Reorder order is an array, got " + order);
                int[] o = new int[order.size()];
                for (int i = 0; i < o.length; i++) o[i] = asInt(order.get(i), "order entry");
                return new Op.Reorder(path(field(b, "path")), o);
            }
            default: throw new IllegalArgumentException("unknown op '" + tagged.getKey() + "'");
        }
    }

    static List<Op> ops(JsonNode n) {
        if (!n.isArray()) throw malformed("ops is an array, got " + n);
        List<Op> ops = new ArrayList<>();
        for (JsonNode o : n) ops.add(op(o));
        return ops;
    }

    static Patch patch(JsonNode n) {
        if (!n.isObject() || !n.has("rev") || !n.get("rev").canConvertToLong()) throw malformed("a patch is {\"rev\": n, \"ops\": [...]}, got " + n);
        return new Patch(n.get("rev").longValue(), ops(field(n, "ops")));
    }

    private static long integer(JsonNode body, String tag) {
        if (!body.isIntegralNumber()) throw malformed(tag + " needs an integer, got " + body);
        if (!body.canConvertToLong()) throw new IllegalArgumentException(tag + " " + body + " is out of 64-bit range");
        return body.longValue();
    }

    private static int index(JsonNode op, String name) { return asInt(field(op, name), name); }

    private static int asInt(JsonNode n, String what) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw malformed(what + " needs an integer, got " + n);
        return n.intValue();
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode f = n.isObject() ? n.get(name) : null;
        if (f == null) throw malformed("missing field '" + name + "' in " + n);
        return f;
    }

    private static Map.Entry<String, JsonNode> single(JsonNode n, String what) {
        if (!n.isObject() || n.size() != 1) throw malformed(what + " needs exactly one tag, got " + n);
        return n.fields().next();
    }

    private static IllegalArgumentException malformed(String why) { return new IllegalArgumentException("malformed: " + why); }
}
