package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transports.crdt.CrdtException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java clients editing one CRDT text hosted by the reference Hub (Python transports 0.10.0, a real
 * process: spec/crdt/python_hub_peer.py in this worktree's .venv, or the interpreter named by
 * {@code -Dtransports.python}): concurrent edits converge on the hub's value and its very state bytes,
 * edits made offline survive a reconnect and are sent again, a refused edit settles and reverts, and a
 * client expecting other merge rules refuses the snapshot. Skipped when no Python with transports is there.
 */
class PythonHubInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CrdtSpec TEXT = CrdtSpec.of(CrdtPolicy.text());
    private Process hub;
    private BufferedReader out;
    private Writer in;
    private long sid;
    private final Map<String, Client> clients = new HashMap<>();

    @BeforeEach
    void startReferenceHub() throws IOException {
        String python = System.getProperty("transports.python", "");
        if (python.isEmpty()) {
            for (Path p : List.of(Path.of("../.venv/bin/python"), Path.of(".venv/bin/python"))) if (Files.isExecutable(p)) python = p.toString();
        }
        Assumptions.assumeTrue(!python.isEmpty(), "no .venv with the Python transports package (run ./install.sh)");
        Path peer = Files.exists(Path.of("../spec/crdt/python_hub_peer.py")) ? Path.of("../spec/crdt/python_hub_peer.py") : Path.of("spec/crdt/python_hub_peer.py");
        hub = new ProcessBuilder(python, peer.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(hub.getOutputStream(), StandardCharsets.UTF_8);
        sid = call("{\"share\":{\"root\":{\"kind\":\"sequence\",\"materialization\":\"string\"}},\"value\":{\"Str\":\"ab\"},\"type\":\"Doc\"}").get("sid").asLong();
        call("{\"subscribe\":\"alice\",\"sid\":" + sid + ",\"write\":true}");
        call("{\"subscribe\":\"bob\",\"sid\":" + sid + ",\"write\":true}");
        call("{\"subscribe\":\"dave\",\"sid\":" + sid + ",\"write\":false}");
    }

    @AfterEach
    void stopReferenceHub() {
        if (hub != null) hub.destroy();
    }

    @Test
    void javaClientsConvergeWithTheReferenceHubOnlineAndOffline() throws IOException {
        Client alice = open("alice", 1), bob = open("bob", 1);
        assertEquals(Value.of("ab"), alice.value(sid));
        assertEquals(TEXT, alice.crdtSpec(sid).orElseThrow());

        Frame a = alice.insertText(sid, List.of(), 0, "hi ");
        Frame b = bob.insertText(sid, List.of(), 2, "!");
        assertEquals(Value.of("hi ab"), alice.value(sid), "a local edit shows at once");
        send("alice", 1, a);
        send("bob", 1, b);
        JsonNode doc = call("{\"document\":" + sid + "}");
        assertEquals(Value.of("hi ab!"), alice.value(sid));
        assertEquals(alice.value(sid), bob.value(sid));
        assertEquals(0, alice.pendingCrdtOps(sid) + bob.pendingCrdtOps(sid), "every echo settled");
        assertEquals(doc.get("state").asText(), alice.crdtState(sid), "the same state bytes as the reference hub");
        assertEquals(doc.get("state").asText(), bob.crdtState(sid));
        assertEquals(doc.get("rev").asLong(), alice.rev(sid));

        // alice goes offline: her edits stay local while bob keeps editing through the hub
        alice.insertText(sid, List.of(), 0, "[");
        alice.deleteText(sid, List.of(), 1, 3);
        assertEquals(2, alice.pendingCrdtOps(sid));
        send("bob", 1, bob.insertText(sid, List.of(), 0, "B:"));
        // she reconnects: the hub's snapshot, her offline edits replayed on it, then sent again
        for (JsonNode f : call("{\"open\":[\"alice\",2]}").get("frames")) alice.recv(f.asText());
        // both inserted at the start concurrently: which comes first depends on the (random) replica ids
        Value merged = alice.value(sid);
        assertTrue(merged.equals(Value.of("B:[ab!")) || merged.equals(Value.of("[B:ab!")), "nothing typed offline is lost: " + merged);
        for (Frame f : alice.pendingCrdtFrames()) send("alice", 2, f);
        doc = call("{\"document\":" + sid + "}");
        assertEquals(0, alice.pendingCrdtOps(sid));
        assertEquals(merged, bob.value(sid));
        assertEquals(doc.get("state").asText(), alice.crdtState(sid));
        assertEquals(doc.get("state").asText(), bob.crdtState(sid));
    }

    @Test
    void readOnlyClientsEditIsRefusedSettledAndReverted() throws IOException {
        Client dave = open("dave", 1);
        send("dave", 1, dave.insertText(sid, List.of(), 0, "nope"));
        assertEquals(0, dave.pendingCrdtOps(sid), "the reject's crdt_ops settled the refused dots");
        assertEquals(Value.of("ab"), dave.value(sid), "the revert snapshot restored the host's value");
    }

    @Test
    void clientExpectingOtherMergeRulesRefusesTheSnapshot() throws IOException {
        Client carol = new Client();
        carol.expectCrdtSpec("Doc", CrdtSpec.of(CrdtPolicy.list(CrdtPolicy.register())));
        call("{\"subscribe\":\"carol\",\"sid\":" + sid + ",\"write\":true}");
        String snapshot = call("{\"open\":[\"carol\",1]}").get("frames").get(0).asText();
        CrdtException e = assertThrows(CrdtException.class, () -> carol.recv(snapshot));
        assertTrue(e.getMessage().contains("incompatible CRDT spec") && e.getMessage().contains("peer hash " + TEXT.hash()), e.getMessage());
        assertTrue(carol.ids().isEmpty(), "nothing mirrored");
        assertTrue(carol.needsResync().containsKey(sid));
    }

    private Client open(String tenant, int n) throws IOException {
        Client c = new Client();
        c.expectCrdtSpec("Doc", TEXT);
        for (JsonNode f : call("{\"open\":[\"" + tenant + "\"," + n + "]}").get("frames")) c.recv(f.asText());
        clients.put(tenant + "/" + n, c);
        return c;
    }

    /** Sends a frame from one connection to the hub and delivers what the hub answers to each client. */
    private void send(String tenant, int n, Frame frame) throws IOException {
        ObjectNode cmd = JSON.createObjectNode();
        cmd.putArray("recv").add(tenant).add(n);
        cmd.put("frame", frame.text());
        for (JsonNode target : call(cmd.toString()).get("out")) {
            Client c = clients.get(target.get(0).get(0).asText() + "/" + target.get(0).get(1).asInt());
            if (c != null) for (JsonNode f : target.get(1)) c.recv(f.asText());
        }
    }

    private JsonNode call(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        String line = out.readLine();
        if (line == null) throw new IOException("the reference hub exited");
        JsonNode answer = JSON.readTree(line);
        if (answer.has("error")) throw new AssertionError("reference hub: " + answer.get("error").asText());
        return answer;
    }
}
