package io.transports.crdt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The versioned merge semantics of one model: a root {@link CrdtPolicy}. Parsed from and written to the
 * reference's dict form ({@code {"version":1,"root":{"kind":"map","fields":{...},"values":{...}}}}),
 * validated on construction, and identified by {@link #hash()}: {@code sha256:} over the canonical JSON
 * (fields in a fixed order, map fields and set key paths sorted, defaults written out), which both ends
 * of a connection compare before they exchange operations.
 *
 * <pre>{@code
 * CrdtSpec spec = CrdtSpec.of(CrdtPolicy.map(Map.of("text", CrdtPolicy.text()), CrdtPolicy.register()));
 * spec.hash(); // "sha256:..."
 * }</pre>
 */
public final class CrdtSpec {
    /** The only spec version there is. */
    public static final int VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final CrdtPolicy root;
    private final String canonical;
    private final String hash;

    private CrdtSpec(CrdtPolicy root) {
        this.root = Objects.requireNonNull(root, "root");
        validate(root, "root");
        StringBuilder b = new StringBuilder("{\"version\":").append(VERSION).append(",\"root\":");
        write(root, b);
        this.canonical = b.append('}').toString();
        this.hash = SerdeText.sha256(canonical);
    }

    /** A spec of version 1 over {@code root}. @throws CrdtException when the policy is invalid, naming where */
    public static CrdtSpec of(CrdtPolicy root) { return new CrdtSpec(root); }

    /** Parses the dict form from JSON text. @throws CrdtException naming the field that is wrong */
    public static CrdtSpec fromJson(String json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new CrdtException("CRDT spec is not JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses the dict form from plain data (a Map of Lists, Strings and Numbers, as Jackson would read it). */
    public static CrdtSpec fromMap(Map<String, ?> dict) { return fromNode(MAPPER.valueToTree(dict)); }

    /** Parses the dict form from a Jackson tree. */
    public static CrdtSpec fromNode(JsonNode node) {
        if (node == null || !node.isObject()) throw new CrdtException("CRDT spec: expected an object {\"version\":1,\"root\":{...}}");
        int version = VERSION;
        JsonNode root = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "version" -> {
                    if (!f.getValue().canConvertToInt() || !f.getValue().isIntegralNumber()) throw new CrdtException("CRDT spec version: expected an integer");
                    version = f.getValue().intValue();
                }
                case "root" -> root = f.getValue();
                default -> throw new CrdtException("CRDT spec: unknown field `" + f.getKey() + "`, expected `version` or `root`");
            }
        }
        if (version != VERSION) throw new CrdtException("unsupported CRDT spec version " + version + "; expected " + VERSION);
        if (root == null) throw new CrdtException("CRDT spec: missing field `root`");
        return new CrdtSpec(policy(root, "root"));
    }

    public CrdtPolicy root() { return root; }

    /** The canonical JSON text: what the hash covers and what goes on the wire. */
    public String canonicalJson() { return canonical; }

    /** The dict form as a Jackson tree (the canonical JSON, parsed). */
    public JsonNode toNode() {
        try {
            return MAPPER.readTree(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256:} and the hex SHA-256 of {@link #canonicalJson()}. */
    public String hash() { return hash; }

    /** Refuses a peer whose spec differs. @throws CrdtException "incompatible CRDT spec: local hash ..., peer hash ..." */
    public void requireHash(String peerHash) {
        if (!hash.equals(peerHash)) {
            throw new CrdtException("incompatible CRDT spec: local hash " + hash + ", peer hash " + peerHash);
        }
    }

    @Override public boolean equals(Object o) { return o instanceof CrdtSpec s && s.canonical.equals(canonical); }

    @Override public int hashCode() { return canonical.hashCode(); }

    @Override public String toString() { return canonical; }

    // ---- parsing ----

    private static CrdtPolicy policy(JsonNode n, String at) {
        if (n == null || !n.isObject()) throw new CrdtException(at + ": expected a policy object with a \"kind\"");
        JsonNode kind = n.get("kind");
        if (kind == null || !kind.isTextual()) throw new CrdtException(at + ": missing field `kind` (register, map, set or sequence)");
        switch (kind.textValue()) {
            case "register" -> {
                only(n, at, "kind");
                return CrdtPolicy.REGISTER;
            }
            case "map" -> {
                only(n, at, "kind", "fields", "values");
                TreeMap<String, CrdtPolicy> fields = new TreeMap<>();
                JsonNode fn = n.get("fields");
                if (fn != null) {
                    if (!fn.isObject()) throw new CrdtException(at + ".fields: expected an object of policies");
                    for (Iterator<Map.Entry<String, JsonNode>> it = fn.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = it.next();
                        fields.put(f.getKey(), policy(f.getValue(), at + ".fields." + f.getKey()));
                    }
                }
                JsonNode vn = n.get("values");
                return new CrdtPolicy.MapPolicy(fields, vn == null ? CrdtPolicy.REGISTER : policy(vn, at + ".values"));
            }
            case "set" -> {
                only(n, at, "kind", "keys", "element");
                List<List<String>> keys = new ArrayList<>();
                JsonNode kn = n.get("keys");
                if (kn != null) {
                    if (!kn.isArray()) throw new CrdtException(at + ".keys: expected a list of key paths (lists of strings)");
                    for (JsonNode path : kn) {
                        if (!path.isArray()) throw new CrdtException(at + ".keys: a key path is a list of strings");
                        List<String> p = new ArrayList<>();
                        for (JsonNode s : path) {
                            if (!s.isTextual()) throw new CrdtException(at + ".keys: a key path segment must be a string");
                            p.add(s.textValue());
                        }
                        keys.add(p);
                    }
                }
                JsonNode en = n.get("element");
                return new CrdtPolicy.SetPolicy(keys, en == null ? CrdtPolicy.REGISTER : policy(en, at + ".element"));
            }
            case "sequence" -> {
                only(n, at, "kind", "materialization", "element");
                JsonNode mn = n.get("materialization");
                boolean string = false;
                if (mn != null) {
                    if (!mn.isTextual() || !(mn.textValue().equals("list") || mn.textValue().equals("string"))) {
                        throw new CrdtException(at + ".materialization: unknown variant " + mn + ", expected `list` or `string`");
                    }
                    string = mn.textValue().equals("string");
                }
                JsonNode en = n.get("element");
                return new CrdtPolicy.SequencePolicy(string, en == null ? CrdtPolicy.REGISTER : policy(en, at + ".element"));
            }
            default -> throw new CrdtException(at + ": unknown variant `" + kind.textValue() + "`, expected one of `register`, `map`, `set`, `sequence`");
        }
    }

    private static void only(JsonNode n, String at, String... allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!List.of(allowed).contains(name)) {
                throw new CrdtException(at + ": unknown field `" + name + "`, expected " + String.join(", ", allowed));
            }
        }
    }

    // ---- validation (the reference's rules) ----

    private static void validate(CrdtPolicy p, String at) {
        if (p instanceof CrdtPolicy.MapPolicy m) {
            for (Map.Entry<String, CrdtPolicy> f : m.fields().entrySet()) {
                if (f.getKey().isEmpty()) throw new CrdtException(at + ".fields contains an empty field name");
                validate(f.getValue(), at + ".fields." + f.getKey());
            }
            validate(m.values(), at + ".values");
        } else if (p instanceof CrdtPolicy.SetPolicy s) {
            validate(s.element(), at + ".element");
            Set<List<String>> seen = new HashSet<>();
            for (List<String> key : s.keys()) {
                if (key.isEmpty() || key.stream().anyMatch(String::isEmpty)) {
                    throw new CrdtException(at + ".keys contains an empty identity path or path segment");
                }
                if (!seen.add(key)) throw new CrdtException(at + ".keys contains duplicate path " + key);
                CrdtPolicy current = s.element();
                for (String segment : key) {
                    if (!(current instanceof CrdtPolicy.MapPolicy m)) {
                        throw new CrdtException(at + ".keys path " + key + " is not reachable in the element policy");
                    }
                    current = m.child(segment);
                }
                if (!(current instanceof CrdtPolicy.Register)) throw new CrdtException(at + ".keys path " + key + " must resolve to a register");
            }
        } else if (p instanceof CrdtPolicy.SequencePolicy q) {
            if (q.string() && !(q.element() instanceof CrdtPolicy.Register)) {
                throw new CrdtException(at + ".element must be a register for string materialization");
            }
            validate(q.element(), at + ".element");
        }
    }

    // ---- canonical text ----

    private static void write(CrdtPolicy p, StringBuilder b) {
        if (p instanceof CrdtPolicy.Register) {
            b.append("{\"kind\":\"register\"}");
        } else if (p instanceof CrdtPolicy.MapPolicy m) {
            b.append("{\"kind\":\"map\"");
            if (!m.fields().isEmpty()) {
                b.append(",\"fields\":{");
                boolean first = true;
                for (Map.Entry<String, CrdtPolicy> f : m.fields().entrySet()) {
                    if (!first) b.append(',');
                    first = false;
                    SerdeText.quote(f.getKey(), b);
                    b.append(':');
                    write(f.getValue(), b);
                }
                b.append('}');
            }
            b.append(",\"values\":");
            write(m.values(), b);
            b.append('}');
        } else if (p instanceof CrdtPolicy.SetPolicy s) {
            b.append("{\"kind\":\"set\"");
            if (!s.keys().isEmpty()) {
                b.append(",\"keys\":[");
                for (int i = 0; i < s.keys().size(); i++) {
                    if (i > 0) b.append(',');
                    b.append('[');
                    List<String> key = s.keys().get(i);
                    for (int j = 0; j < key.size(); j++) {
                        if (j > 0) b.append(',');
                        SerdeText.quote(key.get(j), b);
                    }
                    b.append(']');
                }
                b.append(']');
            }
            b.append(",\"element\":");
            write(s.element(), b);
            b.append('}');
        } else if (p instanceof CrdtPolicy.SequencePolicy q) {
            b.append("{\"kind\":\"sequence\",\"materialization\":\"").append(q.materialization()).append("\",\"element\":");
            write(q.element(), b);
            b.append('}');
        }
    }
}
