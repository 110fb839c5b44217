package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transports.crdt.CrdtPolicy;
import io.transports.crdt.CrdtSpec;
import io.transports.value.Value;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The reference Client (Python transports 0.10.0 in a real process, spec/crdt/python_client_peer.py)
 * and a Java Client editing one CRDT text hosted by our {@link CrdtHost}: concurrent edits converge on
 * one value and one state text at all three; a read-only client's edit is refused with crdt_ops and
 * reverted; a duplicate is echoed to its sender only. The same peer also edits a CRDT-backed shared
 * model of our {@link Hub} (tenant "py") beside a Java tenant. Skipped when no Python with transports is there.
 */
class CrdtHostInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Process py;
    private BufferedReader out;
    private Writer in;

    @AfterEach
    void stop() {
        if (py != null) py.destroy();
    }

    private void startPython() throws IOException {
        String python = System.getProperty("transports.python", "");
        if (python.isEmpty()) {
            for (Path p : List.of(Path.of("../.venv/bin/python"), Path.of(".venv/bin/python"))) if (Files.isExecutable(p)) python = p.toString();
        }
        Assumptions.assumeTrue(!python.isEmpty(), "no .venv with the Python transports package (run ./install.sh)");
        Path peer = Files.exists(Path.of("../spec/crdt/python_client_peer.py")) ? Path.of("../spec/crdt/python_client_peer.py") : Path.of("spec/crdt/python_client_peer.py");
        py = new ProcessBuilder(python, peer.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(py.getOutputStream(), StandardCharsets.UTF_8);
    }

    @Test
    void pythonAndJavaClientsConvergeOnTheJavaHost() throws IOException {
        startPython();
        CrdtHost host = new CrdtHost();
        long id = host.share("Doc", CrdtSpec.of(CrdtPolicy.text()), Value.of("ab"));
        for (Frame f : host.open("py", "json", true)) call(JSON.createObjectNode().put("recv", f.text()));
        Client java = new Client("msgpack");
        for (Frame f : host.open("java", "msgpack", true)) java.recv(f);

        Frame fromPython = Frame.ofText(call(JSON.readTree("{\"edit\":" + id + ",\"mutations\":[{\"kind\":\"sequence_splice\",\"path\":[],\"index\":1,\"delete_count\":1,\"values\":[\"λ\",\"😀\"]}]}")).get("frame").asText());
        Frame fromJava = java.insertText(id, List.of(), 0, "J");
        deliver(host.recv("java", fromJava), java);
        deliver(host.recv("py", fromPython), java);
        JsonNode pyDoc = call(JSON.readTree("{\"document\":" + id + "}"));
        assertEquals(Value.of("Jaλ😀"), host.value(id));
        assertEquals(host.value(id), java.value(id));
        assertEquals("Jaλ😀", pyDoc.get("value").get("Str").asText(), "the Python client's value");
        assertEquals(0, pyDoc.get("pending").asInt() + java.pendingCrdtOps(id));
        assertEquals(host.state(id), pyDoc.get("state").asText(), "the reference client holds our host's state bytes");
        assertEquals(host.state(id), java.crdtState(id));
        assertEquals(2, host.rev(id));

        Map<Object, List<Frame>> again = host.recv("py", fromPython);
        assertEquals(List.of("py"), List.copyOf(again.keySet()), "a duplicate is echoed to its sender only");
        assertEquals(2, host.rev(id), "and takes no revision");
    }

    @Test
    void readOnlyEditIsRefusedWithItsOpsAndReverted() throws IOException {
        startPython();
        CrdtHost host = new CrdtHost();
        long id = host.share("Doc", CrdtSpec.of(CrdtPolicy.text()), Value.of("ab"));
        for (Frame f : host.open("py", "json", false)) call(JSON.createObjectNode().put("recv", f.text()));
        Frame edit = Frame.ofText(call(JSON.readTree("{\"edit\":" + id + ",\"mutations\":[{\"kind\":\"sequence_splice\",\"path\":[],\"index\":0,\"delete_count\":0,\"values\":[\"x\"]}]}")).get("frame").asText());
        List<Frame> answer = host.recv("py", edit).get("py");
        assertTrue(answer.get(0).text().startsWith("{\"t\":\"reject\"") && answer.get(0).text().contains("\"crdt_ops\":"), answer.get(0).text());
        for (Frame f : answer) call(JSON.createObjectNode().put("recv", f.text()));
        JsonNode pyDoc = call(JSON.readTree("{\"document\":" + id + "}"));
        assertEquals(0, pyDoc.get("pending").asInt(), "the reference client settled the refused dots");
        assertEquals("ab", pyDoc.get("value").get("Str").asText(), "and reverted to the host's value");
    }

    @Test
    void pythonAndJavaTenantsConvergeOnAHubCrdtModel() throws IOException {
        startPython();
        Hub hub = new Hub(c -> c.param("tenant").orElseThrow());
        long id = hub.shareCrdt(Value.of("ab"), CrdtSpec.of(CrdtPolicy.text()));
        hub.subscribe("py", id, Hub.Mode.WRITE);
        hub.subscribe("java", id, Hub.Mode.WRITE);
        Connection pyConn = new Connection("py-1", "json", Permissions.all(), Map.of("tenant", List.of("py")), null);
        Connection javaConn = new Connection("java-1", "cbor", Permissions.all(), Map.of("tenant", List.of("java")), null);
        for (Frame f : hub.connect(pyConn)) call(JSON.createObjectNode().put("recv", f.text()));
        Client java = new Client("cbor");
        for (Frame f : hub.connect(javaConn)) java.recv(f);

        Frame fromPython = Frame.ofText(call(JSON.readTree("{\"edit\":" + id + ",\"mutations\":[{\"kind\":\"sequence_splice\",\"path\":[],\"index\":2,\"delete_count\":0,\"values\":[\"p\",\"y\"]}]}")).get("frame").asText());
        Frame fromJava = java.insertText(id, List.of(), 0, "J");
        deliverHub(hub.receive(javaConn, fromJava), pyConn, java);
        deliverHub(hub.receive(pyConn, fromPython), pyConn, java);
        hub.editCrdt(id, List.of(new io.transports.crdt.CrdtMutation.SequenceSplice(List.of(), 1, 1, List.of())));
        deliverHub(hub.sync(), pyConn, java);
        JsonNode pyDoc = call(JSON.readTree("{\"document\":" + id + "}"));
        assertEquals(Value.of("Jbpy"), hub.shared(id));
        assertEquals(hub.shared(id), java.value(id));
        assertEquals("Jbpy", pyDoc.get("value").get("Str").asText(), "the Python client's value");
        assertEquals(0, pyDoc.get("pending").asInt() + java.pendingCrdtOps(id));
        assertEquals(hub.snapshotShared(id).crdtState(), pyDoc.get("state").asText(), "the reference client holds the hub's state bytes");
        assertEquals(3, hub.sharedRev(id));
        assertEquals(List.of(pyConn), List.copyOf(hub.receive(pyConn, fromPython).keySet()), "a duplicate goes back to its sender only");
    }

    private void deliverHub(Map<Connection, List<Frame>> out, Connection pyConn, Client java) throws IOException {
        for (Map.Entry<Connection, List<Frame>> e : out.entrySet()) {
            for (Frame f : e.getValue()) {
                if (e.getKey().equals(pyConn)) call(JSON.createObjectNode().put("recv", f.text()));
                else java.recv(f);
            }
        }
    }

    private void deliver(Map<Object, List<Frame>> out, Client java) throws IOException {
        for (Map.Entry<Object, List<Frame>> e : out.entrySet()) {
            for (Frame f : e.getValue()) {
                if (e.getKey().equals("java")) java.recv(f);
                else call(JSON.createObjectNode().put("recv", f.text()));
            }
        }
    }

    private JsonNode call(JsonNode command) throws IOException {
        in.write(command + "\n");
        in.flush();
        String line = out.readLine();
        if (line == null) throw new IOException("the Python client exited");
        JsonNode answer = JSON.readTree(line);
        if (answer.has("error")) throw new AssertionError("reference client: " + answer.get("error").asText());
        return answer;
    }
}
