package io.transports.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.transports.Hub;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Jupyter.serve(name, hub)} over the raw {@code transports} comm target: each comm is a
 * connection of the hub whose tenant comes from its comm_open data ({@code "tenant"}), or is the one
 * fixed by {@code serve(name, hub, tenant)}; a write is merged and answered at once, the proposer's
 * copy with its id and the other tenant's without; a READ tenant is refused alone; a comm whose tenant
 * the hub cannot decide is closed after a reject saying why. (JJava's comm manager without a kernel:
 * {@link RecordingComms}; the real kernel runs test_hub_widget.py.)
 */
class RawCommHubTest {
    public static class Lamp {
        public String name = "lamp";
        public boolean on;
    }

    private static JsonObject data(String... keyValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keyValues.length; i += 2) o.addProperty(keyValues[i], keyValues[i + 1]);
        return o;
    }

    private static String t(JsonObject msg) {
        return msg.get("t").getAsString();
    }

    private static JsonObject write(long id, boolean on, String proposal) {
        return Json.parseObject("{\"t\":\"patch\",\"id\":" + id + ",\"patch\":{\"rev\":0,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"on\"}],"
                + "\"value\":{\"Bool\":" + on + "}}}]},\"proposal\":\"" + proposal + "\"}");
    }

    @Test void eachCommIsTheTenantItsOpenDataNamesAndWritesAreAnsweredAtOnce() {
        Notebook nb = FakeChannel.notebook();
        RecordingComms comms = new RecordingComms();
        Hub hub = new Hub(c -> c.param("tenant").orElseThrow());
        long shared = hub.share(new Lamp());
        hub.subscribe("alice", shared, Hub.Mode.WRITE);
        hub.subscribe("bob", shared, Hub.Mode.READ);
        hub.tenant("alice").host(new Lamp()); // alice's private model 1
        nb.serve("board", hub, null);

        var alice = (RawComm) Targets.open(comms, "a", Targets.TRANSPORTS, nb, data("server", "board", "tenant", "alice"), null);
        var bob = (RawComm) Targets.open(comms, "b", Targets.TRANSPORTS, nb, data("server", "board", "tenant", "bob"), null);
        List<JsonObject> aliceOpening = comms.take("a");
        assertEquals(List.of(1L, shared), aliceOpening.stream().map(m -> m.get("id").getAsLong()).toList(), "her model 1, then the shared lamp");
        List<JsonObject> bobOpening = comms.take("b");
        assertEquals(1, bobOpening.size(), "bob sees the shared lamp only");
        assertEquals("snapshot", t(bobOpening.get(0)));

        alice.receive(write(shared, true, "w1"), null);
        List<JsonObject> mine = comms.take("a");
        assertEquals(1, mine.size(), mine.toString());
        assertEquals("patch", t(mine.get(0)));
        assertEquals("w1", mine.get(0).get("proposal").getAsString());
        List<JsonObject> theirs = comms.take("b");
        assertEquals(1, theirs.size(), theirs.toString());
        assertFalse(theirs.get(0).has("proposal"));
        assertEquals(1, theirs.get(0).getAsJsonObject("patch").get("rev").getAsLong());

        bob.receive(write(shared, false, "w2"), null);
        List<JsonObject> refused = comms.take("b");
        assertEquals(List.of("snapshot", "reject"), refused.stream().map(RawCommHubTest::t).toList());
        assertTrue(refused.get(1).get("error").getAsString().contains("read-only subscription"), refused.get(1).toString());
        assertTrue(comms.take("a").isEmpty(), "alice hears nothing of bob's refused write");
        assertEquals(1, hub.sharedRev(shared));

        bob.closed(null);
        alice.closed(null);
        assertTrue(hub.connections().isEmpty());
    }

    @Test void aFixedTenantIsTheCommsWhateverItsOpenDataSays() {
        Notebook nb = FakeChannel.notebook();
        RecordingComms comms = new RecordingComms();
        Hub hub = new Hub(c -> c.param("tenant").orElseThrow());
        long shared = hub.share(new Lamp());
        hub.subscribe("alice", shared, Hub.Mode.WRITE);
        nb.serve("alices", hub, "alice");
        var comm = (RawComm) Targets.open(comms, "c", Targets.TRANSPORTS, nb, data("server", "alices", "tenant", "mallory"), null);
        comms.take("c");
        comm.receive(write(shared, true, "w1"), null);
        assertEquals("w1", comms.take("c").get(0).get("proposal").getAsString(), "written as alice");
        assertEquals(1, hub.sharedRev(shared));
    }

    @Test void aCommWhoseTenantTheHubCannotDecideIsClosedWithTheReason() {
        Notebook nb = FakeChannel.notebook();
        RecordingComms comms = new RecordingComms();
        Hub hub = new Hub(c -> c.param("tenant").orElseThrow(() -> new IllegalArgumentException("say which tenant you are")));
        nb.serve("board", hub, null);
        var comm = Targets.open(comms, "c", Targets.TRANSPORTS, nb, data("server", "board"), null);
        assertInstanceOf(RawComm.class, comm);
        List<JsonObject> sent = comms.take("c");
        assertEquals(1, sent.size());
        assertEquals("reject", t(sent.get(0)));
        assertTrue(sent.get(0).get("error").getAsString().contains("say which tenant you are"), sent.get(0).toString());
        assertTrue(comms.closed("c"));
        assertTrue(hub.connections().isEmpty());
        assertTrue(nb.idle(), "nothing attached");
    }
}
