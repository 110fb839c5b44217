package io.transports.jupyter;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The few JSON chores of the comm layer, on the kernel's own Gson (its references are relocated to
 * the kernel's shaded copy when the jar is built): reading fields of incoming comm data, turning a
 * protocol frame's text into comm data and back, and writing a reject frame.
 */
final class Json {
    private Json() {
    }

    /** The string field {@code key}, or null when it is absent or not a string. */
    static String string(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /** The object field {@code key}, or null. */
    static JsonObject object(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    static boolean isTrue(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }

    /** Parses a protocol frame's text (a JSON object) into comm data; numbers keep their text. */
    static JsonObject parseObject(String text) {
        JsonElement e = JsonParser.parseString(text);
        if (!e.isJsonObject()) throw new IllegalArgumentException("a protocol message must be a JSON object");
        return e.getAsJsonObject();
    }

    /** The model id a frame's text names, or 0 when it cannot be read. */
    static long modelId(String text) {
        try {
            JsonElement id = parseObject(text).get("id");
            return id != null && id.isJsonPrimitive() && id.getAsJsonPrimitive().isNumber() ? id.getAsLong() : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** A reject message (docs/protocol.md) for the connection whose input could not even reach the server. */
    static String reject(long id, long rev, String error) {
        JsonObject o = new JsonObject();
        o.addProperty("t", "reject");
        o.addProperty("id", id);
        o.addProperty("rev", rev);
        o.add("error", new JsonPrimitive(error));
        return o.toString();
    }
}
