package io.transports.connections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the {@code since} query parameter (docs/protocol.md "Server rules"): a JSON object of model
 * id to the last revision the client holds, such as {@code {"1":12,"2":3}}. Parsing is strict and every
 * error says what was wrong, so a bad URL is closed with a reason a person can act on.
 */
final class SinceParam {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 64 * 1024;

    private SinceParam() {}

    /** Null for an absent or empty parameter (no resume). @throws IllegalArgumentException saying what is wrong */
    static Map<Long, Long> parse(String text) {
        if (text == null || text.isBlank()) return null;
        if (text.length() > MAX_TEXT) throw bad("it is " + text.length() + " characters long (at most " + MAX_TEXT + ")");
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("it is not JSON");
        }
        if (node == null || !node.isObject()) throw bad("it is not a JSON object");
        Map<Long, Long> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            long id = modelId(e.getKey());
            JsonNode rev = e.getValue();
            if (!rev.isIntegralNumber() || !rev.canConvertToLong() || rev.asLong() < 0) {
                throw bad("the revision of model " + id + " must be an integer >= 0, got " + clip(rev.toString()));
            }
            out.put(id, rev.asLong());
        }
        return out;
    }

    /** The parameter text for these revisions, e.g. {@code {"1":12}}. */
    static String format(Map<Long, Long> since) {
        StringBuilder sb = new StringBuilder("{");
        since.forEach((id, rev) -> {
            if (sb.length() > 1) sb.append(',');
            sb.append('"').append(id).append("\":").append(rev);
        });
        return sb.append('}').toString();
    }

    private static long modelId(String key) {
        if (!key.matches("[1-9][0-9]{0,18}")) throw bad("key " + clip(key) + " is not a model id (a positive integer)");
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw bad("key " + clip(key) + " is out of range for a model id");
        }
    }

    private static IllegalArgumentException bad(String why) {
        return new IllegalArgumentException("bad since: " + why + " (want model id to revision, e.g. {\"1\":12})");
    }

    private static String clip(String s) { return s.length() > 20 ? '"' + s.substring(0, 20) + "...\"" : '"' + s + '"'; }
}
