package io.transports.jupyter;

import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JJava's comm manager with the kernel's sockets left out (no kernel runs in a unit test): it records
 * what each comm sends and which comms were closed, so the raw {@code transports} comms can be tested
 * as the kernel runs them.
 */
final class RecordingComms extends CommManager {
    private final Map<String, List<JsonObject>> sent = new LinkedHashMap<>();
    private final Set<String> closed = new HashSet<>();

    @Override
    public void messageComm(String id, JsonObject data, Map<String, Object> metadata, List<byte[]> buffers) {
        sent.computeIfAbsent(id, k -> new ArrayList<>()).add(data.deepCopy());
    }

    @Override
    public void closeComm(Comm comm) {
        closed.add(comm.getID());
    }

    /** The messages comm {@code id} sent so far (each a protocol message), taken out. */
    List<JsonObject> take(String id) {
        List<JsonObject> out = sent.remove(id);
        return out == null ? List.of() : out;
    }

    boolean closed(String id) {
        return closed.contains(id);
    }
}
