package io.transports.bridge;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small class family for the schema and TypeScript tests. */
final class SchemaFixtures {
    private SchemaFixtures() {}

    enum Level { LOW, @JsonProperty("very-high") HIGH }

    record Part(String label, double price) {}

    static class Machine {
        public String name;
        public boolean on;
        public int watts;
        public Level level;
        public List<Part> parts;
        public Map<String, Integer> counters;
        public Optional<LocalDate> serviced;
    }
}
