package io.transports.jupyter;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.transports.Session;
import io.transports.bridge.JsonSchema;

import java.util.List;
import java.util.Map;

/**
 * The schema message of the widget channel (docs/protocol.md "Channels"): before a view gets the first
 * snapshot of a model, it gets {@code {"schema": {"<id>": <JSON Schema>}, "view": "<id>"}} so its form
 * knows the Java types (order, widths, enums, nullability, constraints). Schemas are made once per
 * class (a class redefined in JShell is a new class and gets its own).
 */
final class Schemas {
    private Schemas() {
    }

    private static final ClassValue<JsonElement> CACHE = new ClassValue<>() {
        @Override protected JsonElement computeValue(Class<?> type) {
            return gson(JsonSchema.tree(type));
        }
    };

    /** The schema of the class a session hosts under {@code id}, or null when it cannot be made (the view then shows values alone). */
    static JsonElement of(Session session, long id) {
        try {
            Object hosted = session.hosted(id);
            return hosted == null ? null : CACHE.get(hosted.getClass());
        } catch (RuntimeException e) {
            Log.warn("no schema for model " + id + "; the widget shows it from its values alone", e);
            return null;
        }
    }

    /** The class hosted under {@code id} now, or null. */
    static Class<?> typeOf(Session session, long id) {
        try {
            Object hosted = session.hosted(id);
            return hosted == null ? null : hosted.getClass();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The custom message content carrying {@code schemas} (model id to schema) to {@code view}. */
    static JsonObject message(Map<Long, JsonElement> schemas, String view) {
        JsonObject byId = new JsonObject();
        for (Map.Entry<Long, JsonElement> e : schemas.entrySet()) byId.add(Long.toString(e.getKey()), e.getValue());
        JsonObject content = new JsonObject();
        content.add("schema", byId);
        content.addProperty("view", view);
        return content;
    }

    /** Plain JSON data (maps, lists, strings, numbers, booleans, null) as a Gson tree. */
    static JsonElement gson(Object o) {
        if (o == null) return JsonNull.INSTANCE;
        if (o instanceof Map<?, ?> m) {
            JsonObject out = new JsonObject();
            for (Map.Entry<?, ?> e : m.entrySet()) out.add(String.valueOf(e.getKey()), gson(e.getValue()));
            return out;
        }
        if (o instanceof List<?> l) {
            JsonArray out = new JsonArray();
            for (Object x : l) out.add(gson(x));
            return out;
        }
        if (o instanceof Boolean b) return new JsonPrimitive(b);
        if (o instanceof Number n) return new JsonPrimitive(n);
        return new JsonPrimitive(o.toString());
    }
}
