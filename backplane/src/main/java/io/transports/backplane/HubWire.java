package io.transports.backplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transports.SharedEntry;
import io.transports.SharedState;
import io.transports.value.IntValue;
import io.transports.value.MapValue;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.util.Map;

/**
 * How a hub's shared model is stored in a backplane. A log entry is the patch subscribers got, with a
 * note {@code {"origin": "...", "write": <the write as a patch message>}} (the write at the writer's base
 * revision) so another process replays the merge with the same stamp. The stored snapshot's value is a
 * map {@code {"id", "strategy" (its class), "state" (the strategy's state), "value"}}, so a joining or
 * reloading process gets the stamps together with the value.
 */
final class HubWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubWire() {}

    /** A shared model's state with the name of its strategy's class. */
    record Stored(SharedState state, String strategy) {}

    static LogEntry entry(SharedEntry e) {
        ObjectNode note = JSON.createObjectNode();
        note.put("origin", e.origin());
        try {
            note.set("write", JSON.readTree(Wire.patch(e.write())));
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return new LogEntry(e.patch(), note.toString());
    }

    static SharedEntry shared(String model, LogEntry e) {
        if (e.note() == null) throw new BackplaneException("model " + model + ": log entry " + e.rev()
                + " carries no write (was it appended by a session's Replication rather than a hub's?)");
        try {
            JsonNode note = JSON.readTree(e.note());
            JsonNode origin = note.get("origin");
            JsonNode write = note.get("write");
            if (origin == null || !origin.isTextual() || write == null) throw new BackplaneException("model " + model + ": log entry "
                    + e.rev() + " has a note without origin and write: " + e.note());
            return new SharedEntry(e.patch(), Wire.patch(model, write.toString()), origin.asText());
        } catch (java.io.IOException bad) {
            throw new BackplaneException("model " + model + ": log entry " + e.rev() + " has a note that is not JSON: " + bad.getMessage(), bad);
        }
    }

    static StoredSnapshot stored(SharedState s, String strategy) {
        return new StoredSnapshot(s.type(), s.rev(), MapValue.of(Map.of("id", Value.of(s.id()), "strategy", Value.of(strategy),
                "state", s.strategyState(), "value", s.value())));
    }

    static Stored stored(String model, StoredSnapshot s) {
        if (s.value() instanceof MapValue m && m.get("id") instanceof IntValue id && m.get("strategy") instanceof StrValue strategy
                && m.get("state") != null && m.get("value") != null) {
            return new Stored(new SharedState(id.value(), s.type(), m.get("value"), s.rev(), m.get("state")), strategy.value());
        }
        throw new BackplaneException("model " + model + ": the stored snapshot is not a hub's shared model (id, strategy, state, value): "
                + "is the name used by a session's Replication too?");
    }
}
