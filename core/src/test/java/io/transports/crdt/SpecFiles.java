package io.transports.crdt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the CRDT vectors of spec/crdt/ from the test classpath (or a file named by a system property). */
final class SpecFiles {
    private SpecFiles() {}

    static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode read(String name) {
        try (InputStream in = SpecFiles.class.getResourceAsStream("/spec/crdt/" + name)) {
            if (in == null) throw new IllegalStateException("spec/crdt/" + name + " is not on the test classpath");
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read spec/crdt/" + name, e);
        }
    }

    static JsonNode readFile(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
