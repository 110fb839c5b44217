package io.transports.crdt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transports.codec.Json;
import io.transports.codec.PlainData;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * CRDT operations, mutations, effects and their parts as JSON trees, in two forms that differ only in
 * how a Value is written (docs/protocol.md "CRDT documents"):
 * <ul>
 * <li>{@link Form#WIRE}: plain JSON values ({@code "values":["h","i"]}), what {@code crdt} frames and
 *     {@code crdt_ops} carry, as the reference's Python client and hub send them;</li>
 * <li>{@link Form#TAGGED}: tagged Values ({@code {"Str":"h"}}), the reducer's own form: the reference's
 *     fixtures, and the text an operation's fingerprint hashes ({@link #writeTagged}).</li>
 * </ul>
 * Reading is strict: an unknown kind or field, a missing field or a wrong type is refused naming the
 * place ({@code ops[2].dot.counter: expected a non-negative integer}).
 */
public final class CrdtJson {
    private CrdtJson() {}

    public enum Form { WIRE, TAGGED }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    // ---- writing ----

    /** The operation's text in the reducer's form, field order as the reference writes it (what fingerprints hash). */
    static void writeTagged(CrdtOp op, StringBuilder b) {
        b.append("{\"kind\":\"").append(op.kind()).append("\",\"dot\":");
        dot(op.dot(), b);
        b.append(",\"path\":");
        path(op.path(), b);
        if (op instanceof CrdtOp.RegisterSet r) {
            b.append(",\"value\":");
            SerdeText.value(r.value(), b);
        } else if (op instanceof CrdtOp.MapSet r) {
            b.append(",\"key\":");
            SerdeText.quote(r.key(), b);
            b.append(",\"value\":");
            SerdeText.value(r.value(), b);
        } else if (op instanceof CrdtOp.MapRemove r) {
            b.append(",\"key\":");
            SerdeText.quote(r.key(), b);
            b.append(",\"removed\":");
            dots(r.removed(), b);
        } else if (op instanceof CrdtOp.SetAdd r) {
            b.append(",\"value\":");
            SerdeText.value(r.value(), b);
        } else if (op instanceof CrdtOp.SetRemove r) {
            b.append(",\"key\":");
            SerdeText.quote(r.key(), b);
            b.append(",\"removed\":");
            dots(r.removed(), b);
        } else if (op instanceof CrdtOp.SequenceInsert r) {
            b.append(",\"after\":");
            id(r.after(), b);
            b.append(",\"values\":[");
            for (int i = 0; i < r.values().size(); i++) {
                if (i > 0) b.append(',');
                SerdeText.value(r.values().get(i), b);
            }
            b.append(']');
        } else if (op instanceof CrdtOp.SequenceDelete r) {
            b.append(",\"ids\":[");
            for (int i = 0; i < r.ids().size(); i++) {
                if (i > 0) b.append(',');
                id(r.ids().get(i), b);
            }
            b.append(']');
        }
        b.append('}');
    }

    static void dot(Dot d, StringBuilder b) {
        b.append("{\"counter\":").append(d.counter()).append(",\"replica\":");
        SerdeText.quote(d.replica(), b);
        b.append('}');
    }

    static void dots(Iterable<Dot> ds, StringBuilder b) {
        b.append('[');
        boolean first = true;
        for (Dot d : ds) {
            if (!first) b.append(',');
            first = false;
            dot(d, b);
        }
        b.append(']');
    }

    static void id(ElementId id, StringBuilder b) {
        if (id == null) {
            b.append("null");
            return;
        }
        b.append("{\"dot\":");
        dot(id.dot(), b);
        b.append(",\"index\":").append(id.index()).append('}');
    }

    static void path(List<PathSegment> path, StringBuilder b) {
        b.append('[');
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) b.append(',');
            PathSegment s = path.get(i);
            if (s instanceof PathSegment.Key k) {
                b.append("{\"kind\":\"key\",\"key\":");
                SerdeText.quote(k.key(), b);
            } else if (s instanceof PathSegment.Member k) {
                b.append("{\"kind\":\"member\",\"key\":");
                SerdeText.quote(k.key(), b);
            } else {
                b.append("{\"kind\":\"element\",\"id\":");
                id(((PathSegment.Element) s).id(), b);
            }
            b.append('}');
        }
        b.append(']');
    }

    /** The operations as a JSON array in the given form. */
    public static ArrayNode toNode(List<CrdtOp> ops, Form form) {
        ArrayNode a = F.arrayNode(ops.size());
        for (CrdtOp op : ops) a.add(toNode(op, form));
        return a;
    }

    public static ObjectNode toNode(CrdtOp op, Form form) {
        StringBuilder b = new StringBuilder();
        if (form == Form.TAGGED) {
            writeTagged(op, b);
            return (ObjectNode) tree(b.toString());
        }
        ObjectNode o = F.objectNode();
        o.put("kind", op.kind());
        o.set("dot", tree(text(x -> dot(op.dot(), x))));
        o.set("path", tree(text(x -> path(op.path(), x))));
        if (op instanceof CrdtOp.RegisterSet r) {
            o.set("value", value(r.value(), form));
        } else if (op instanceof CrdtOp.MapSet r) {
            o.put("key", r.key());
            o.set("value", value(r.value(), form));
        } else if (op instanceof CrdtOp.MapRemove r) {
            o.put("key", r.key());
            o.set("removed", tree(text(x -> dots(r.removed(), x))));
        } else if (op instanceof CrdtOp.SetAdd r) {
            o.set("value", value(r.value(), form));
        } else if (op instanceof CrdtOp.SetRemove r) {
            o.put("key", r.key());
            o.set("removed", tree(text(x -> dots(r.removed(), x))));
        } else if (op instanceof CrdtOp.SequenceInsert r) {
            o.set("after", tree(text(x -> id(r.after(), x))));
            ArrayNode vs = o.putArray("values");
            for (Value v : r.values()) vs.add(value(v, form));
        } else if (op instanceof CrdtOp.SequenceDelete r) {
            ArrayNode ids = o.putArray("ids");
            for (ElementId id : r.ids()) ids.add(tree(text(x -> id(id, x))));
        }
        return o;
    }

    /** An effect with plain delta values (the optional {@code effect} of a {@code crdt} frame). */
    public static ObjectNode toNode(CrdtEffect effect, Form form) {
        ObjectNode o = F.objectNode();
        o.set("patch", tree(Json.write(effect.patch())));
        ArrayNode ds = o.putArray("deltas");
        for (CrdtDelta d : effect.deltas()) {
            ObjectNode n = ds.addObject();
            n.put("kind", d.kind());
            n.set("path", tree(text(x -> path(d.path(), x))));
            if (d instanceof CrdtDelta.RegisterSet r) {
                n.set("value", value(r.value(), form));
            } else if (d instanceof CrdtDelta.MapSet r) {
                n.put("key", r.key());
                n.set("value", value(r.value(), form));
            } else if (d instanceof CrdtDelta.MapRemove r) {
                n.put("key", r.key());
            } else if (d instanceof CrdtDelta.SetAdd r) {
                n.put("key", r.key());
                n.set("value", value(r.value(), form));
            } else if (d instanceof CrdtDelta.SetRemove r) {
                n.put("key", r.key());
            } else if (d instanceof CrdtDelta.SequenceInsert r) {
                n.set("after", tree(text(x -> id(r.after(), x))));
                ArrayNode es = n.putArray("elements");
                for (CrdtDelta.Element e : r.elements()) {
                    ObjectNode en = es.addObject();
                    en.set("id", tree(text(x -> id(e.id(), x))));
                    en.set("value", value(e.value(), form));
                }
            } else if (d instanceof CrdtDelta.SequenceDelete r) {
                ArrayNode ids = n.putArray("ids");
                for (ElementId id : r.ids()) ids.add(tree(text(x -> id(id, x))));
            }
        }
        o.put("applied", effect.applied());
        return o;
    }

    private static JsonNode value(Value v, Form form) {
        return form == Form.WIRE ? PlainData.toJsonNode(v) : tree(SerdeText.value(v));
    }

    private interface Writer { void write(StringBuilder b); }

    private static String text(Writer w) {
        StringBuilder b = new StringBuilder();
        w.write(b);
        return b.toString();
    }

    static JsonNode tree(String json) {
        try {
            return CrdtSpec.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- reading ----

    /** Operations from a JSON array. @throws CrdtException naming the place of the first problem */
    public static List<CrdtOp> ops(JsonNode node, Form form) {
        if (node == null || !node.isArray()) throw new CrdtException("ops: expected a list of CRDT operations");
        List<CrdtOp> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) out.add(op(node.get(i), form, "ops[" + i + "]"));
        return out;
    }

    public static List<CrdtOp> ops(String json, Form form) { return ops(parse(json), form); }

    /** JSON text (a state, a spec) as a tree, to carry in a message. */
    public static JsonNode parseTree(String json) { return parse(json); }

    static JsonNode parse(String json) {
        try {
            return CrdtSpec.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CrdtException("not JSON: " + e.getOriginalMessage());
        }
    }

    public static CrdtOp op(JsonNode n, Form form, String at) {
        String kind = kind(n, at);
        return switch (kind) {
            case "register_set" -> {
                fields(n, at, "kind", "dot", "path", "value");
                yield new CrdtOp.RegisterSet(dot(req(n, "dot", at), at + ".dot"), path(req(n, "path", at), at + ".path"), value(req(n, "value", at), form, at + ".value"));
            }
            case "map_set" -> {
                fields(n, at, "kind", "dot", "path", "key", "value");
                yield new CrdtOp.MapSet(dot(req(n, "dot", at), at + ".dot"), path(req(n, "path", at), at + ".path"), str(req(n, "key", at), at + ".key"), value(req(n, "value", at), form, at + ".value"));
            }
            case "map_remove" -> {
                fields(n, at, "kind", "dot", "path", "key", "removed");
                yield new CrdtOp.MapRemove(dot(req(n, "dot", at), at + ".dot"), path(req(n, "path", at), at + ".path"), str(req(n, "key", at), at + ".key"), dotList(req(n, "removed", at), at + ".removed"));
            }
            case "set_add" -> {
                fields(n, at, "kind", "dot", "path", "value");
                yield new CrdtOp.SetAdd(dot(req(n, "dot", at), at + ".dot"), path(req(n, "path", at), at + ".path"), value(req(n, "value", at), form, at + ".value"));
            }
            case "set_remove" -> {
                fields(n, at, "kind", "dot", "path", "key", "removed");
                yield new CrdtOp.SetRemove(dot(req(n, "dot", at), at + ".dot"), path(req(n, "path", at), at + ".path"), str(req(n, "key", at), at + ".key"), dotList(req(n, "removed", at), at + ".removed"));
            }
            case "sequence_insert" -> {
                fields(n, at, "kind", "dot", "path", "after", "values");
                yield new CrdtOp.SequenceInsert(dot(req(n, "dot", at), at + ".dot"), path(req(n, "path", at), at + ".path"), optId(req(n, "after", at), at + ".after"), values(req(n, "values", at), form, at + ".values"));
            }
            case "sequence_delete" -> {
                fields(n, at, "kind", "dot", "path", "ids");
                yield new CrdtOp.SequenceDelete(dot(req(n, "dot", at), at + ".dot"), path(req(n, "path", at), at + ".path"), idList(req(n, "ids", at), at + ".ids"));
            }
            default -> throw new CrdtException(at + ".kind: unknown CRDT operation `" + kind + "`");
        };
    }

    /** Local edits (the reference's mutation dicts), e.g. from a fixture. */
    public static List<CrdtMutation> mutations(JsonNode node, Form form) {
        if (node == null || !node.isArray()) throw new CrdtException("mutations: expected a list");
        List<CrdtMutation> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            String at = "mutations[" + i + "]";
            String kind = kind(n, at);
            List<PathSegment> path = path(req(n, "path", at), at + ".path");
            out.add(switch (kind) {
                case "register_set" -> new CrdtMutation.RegisterSet(path, value(req(n, "value", at), form, at + ".value"));
                case "map_set" -> new CrdtMutation.MapSet(path, str(req(n, "key", at), at + ".key"), value(req(n, "value", at), form, at + ".value"));
                case "map_remove" -> new CrdtMutation.MapRemove(path, str(req(n, "key", at), at + ".key"));
                case "set_add" -> new CrdtMutation.SetAdd(path, value(req(n, "value", at), form, at + ".value"));
                case "set_remove" -> new CrdtMutation.SetRemove(path, str(req(n, "key", at), at + ".key"));
                case "sequence_insert" -> new CrdtMutation.SequenceInsert(path, optId(n.get("after"), at + ".after"), values(req(n, "values", at), form, at + ".values"));
                case "sequence_delete" -> new CrdtMutation.SequenceDelete(path, idList(req(n, "ids", at), at + ".ids"));
                case "sequence_splice" -> new CrdtMutation.SequenceSplice(path, (int) counter(req(n, "index", at), at + ".index"),
                        (int) counter(req(n, "delete_count", at), at + ".delete_count"), values(req(n, "values", at), form, at + ".values"));
                default -> throw new CrdtException(at + ".kind: unknown CRDT mutation `" + kind + "`");
            });
        }
        return out;
    }

    private static String kind(JsonNode n, String at) {
        if (n == null || !n.isObject()) throw new CrdtException(at + ": expected an object with a \"kind\"");
        JsonNode k = n.get("kind");
        if (k == null || !k.isTextual()) throw new CrdtException(at + ": missing field `kind`");
        return k.textValue();
    }

    private static void fields(JsonNode n, String at, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!ok.contains(name)) throw new CrdtException(at + ": unknown field `" + name + "`");
        }
    }

    private static JsonNode req(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null) throw new CrdtException(at + ": missing field `" + field + "`");
        return v;
    }

    static String str(JsonNode n, String at) {
        if (!n.isTextual()) throw new CrdtException(at + ": expected a string");
        return n.textValue();
    }

    static long counter(JsonNode n, String at) {
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) throw new CrdtException(at + ": expected a non-negative integer");
        return n.longValue();
    }

    static Dot dot(JsonNode n, String at) {
        if (n == null || !n.isObject()) throw new CrdtException(at + ": expected a dot {\"counter\":n,\"replica\":r}");
        fields(n, at, "counter", "replica");
        return new Dot(counter(req(n, "counter", at), at + ".counter"), str(req(n, "replica", at), at + ".replica"));
    }

    static List<Dot> dotList(JsonNode n, String at) {
        if (!n.isArray()) throw new CrdtException(at + ": expected a list of dots");
        List<Dot> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) out.add(dot(n.get(i), at + "[" + i + "]"));
        return out;
    }

    static ElementId id(JsonNode n, String at) {
        if (n == null || !n.isObject()) throw new CrdtException(at + ": expected an element id {\"dot\":...,\"index\":i}");
        fields(n, at, "dot", "index");
        long index = counter(req(n, "index", at), at + ".index");
        if (index > 0xFFFFFFFFL || index > Integer.MAX_VALUE) throw new CrdtException(at + ".index: too large");
        return new ElementId(dot(req(n, "dot", at), at + ".dot"), (int) index);
    }

    static ElementId optId(JsonNode n, String at) { return n == null || n.isNull() ? null : id(n, at); }

    static List<ElementId> idList(JsonNode n, String at) {
        if (!n.isArray()) throw new CrdtException(at + ": expected a list of element ids");
        List<ElementId> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) out.add(id(n.get(i), at + "[" + i + "]"));
        return out;
    }

    public static List<PathSegment> path(JsonNode n, String at) {
        if (!n.isArray()) throw new CrdtException(at + ": expected a path (a list of {\"kind\":\"key\"|\"member\"|\"element\",...})");
        List<PathSegment> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode s = n.get(i);
            String sat = at + "[" + i + "]";
            String kind = kind(s, sat);
            switch (kind) {
                case "key" -> {
                    fields(s, sat, "kind", "key");
                    out.add(new PathSegment.Key(str(req(s, "key", sat), sat + ".key")));
                }
                case "member" -> {
                    fields(s, sat, "kind", "key");
                    out.add(new PathSegment.Member(str(req(s, "key", sat), sat + ".key")));
                }
                case "element" -> {
                    fields(s, sat, "kind", "id");
                    out.add(new PathSegment.Element(id(req(s, "id", sat), sat + ".id")));
                }
                default -> throw new CrdtException(sat + ".kind: unknown path segment `" + kind + "`");
            }
        }
        return out;
    }

    static Value value(JsonNode n, Form form, String at) {
        try {
            return form == Form.WIRE ? PlainData.fromJsonNode(n) : StateJson.tagged(n, at);
        } catch (RuntimeException e) {
            throw new CrdtException(at + ": " + e.getMessage(), e);
        }
    }

    private static List<Value> values(JsonNode n, Form form, String at) {
        if (!n.isArray()) throw new CrdtException(at + ": expected a list of values");
        List<Value> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) out.add(value(n.get(i), form, at + "[" + i + "]"));
        return out;
    }
}
