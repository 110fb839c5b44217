package io.transports.jupyter;

import static io.transports.jupyter.Views.messages;
import static io.transports.jupyter.Views.proposal;
import static io.transports.jupyter.Views.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.transports.Hub;
import io.transports.codec.Codecs;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Widget.of(hub, tenant)}: a widget shows one tenant's private models and the shared models it
 * subscribes to; an edit from one tenant's view is merged by the hub and reaches the other tenant's
 * widget; a READ subscriber's view is refused. (Fake comms: no kernel runs in a unit test.)
 */
class HubWidgetTest {
    public static class Lamp {
        public String name = "lamp";
        public boolean on;
    }

    @Test void eachTenantsWidgetShowsItsOwnModelsAndTheSharedOnesItSubscribes() {
        Notebook nb = FakeChannel.notebook();
        Hub hub = new Hub(c -> c.param("tenant").orElseThrow());
        Lamp alicesLamp = new Lamp();
        alicesLamp.name = "alice's lamp";
        hub.tenant("alice").host(alicesLamp);
        long shared = hub.share(new Lamp());
        hub.subscribe("alice", shared, Hub.Mode.WRITE);
        hub.subscribe("bob", shared, Hub.Mode.READ);
        Widget alice = Widget.ofTenant(nb, hub, "alice");
        Widget bob = Widget.ofTenant(nb, hub, "bob");
        alice.onCustom(ready("a"), null);
        bob.onCustom(ready("b"), null);
        List<Message> a = messages(alice, "a");
        assertEquals(List.of(1L, shared), List.of(((Snapshot) a.get(0)).id(), ((Snapshot) a.get(1)).id()));
        List<Message> b = messages(bob, "b");
        assertEquals(1, b.size());
        assertEquals(shared, ((Snapshot) b.get(0)).id());

        ((FakeChannel) alice.comm()).clear();
        ((FakeChannel) bob.comm()).clear();
        alice.onCustom(proposal("a", "{\"t\":\"patch\",\"id\":" + shared
                + ",\"patch\":{\"rev\":0,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":true}}}]},\"proposal\":\"w1\"}"), null);
        PatchMessage mine = (PatchMessage) messages(alice, "a").get(0);
        assertEquals("w1", mine.proposal());
        PatchMessage theirs = (PatchMessage) messages(bob, "b").get(0);
        assertEquals(1, theirs.patch().rev());
        assertEquals(null, theirs.proposal());

        ((FakeChannel) bob.comm()).clear();
        bob.onCustom(proposal("b", "{\"t\":\"patch\",\"id\":" + shared
                + ",\"patch\":{\"rev\":1,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":false}}}]},\"proposal\":\"w2\"}"), null);
        List<Message> refused = messages(bob, "b");
        Reject r = (Reject) refused.get(refused.size() - 1);
        assertEquals("w2", r.proposal());
        assertTrue(r.error().contains("read-only subscription"), r.error());
        assertEquals(1, hub.sharedRev(shared));

        // a private change of alice's reaches alice's widget only, at the next sync
        ((FakeChannel) alice.comm()).clear();
        ((FakeChannel) bob.comm()).clear();
        alicesLamp.on = true;
        nb.syncAll();
        assertEquals(1, messages(alice, "a").size());
        assertTrue(messages(bob, "b").isEmpty());
    }

    private static JsonObject lastAwareness(Widget w, String view) {
        JsonObject last = null;
        for (String text : ((FakeChannel) w.comm()).framesFor(view)) {
            JsonObject o = com.google.gson.JsonParser.parseString(text).getAsJsonObject();
            if ("awareness".equals(o.get("t").getAsString())) last = o;
        }
        return last;
    }

    /** Presence through the comm: a view's awareness reaches the other tenant's view with a peer id, and leaves with the view. */
    @Test void awarenessPassesBothWaysThroughTheCommAndLeavesWithTheView() {
        Notebook nb = FakeChannel.notebook();
        Hub hub = new Hub(c -> c.param("tenant").orElseThrow());
        long shared = hub.share(new Lamp());
        hub.subscribe("alice", shared, Hub.Mode.WRITE);
        hub.subscribe("bob", shared, Hub.Mode.WRITE);
        Widget alice = Widget.ofTenant(nb, hub, "alice");
        Widget bob = Widget.ofTenant(nb, hub, "bob");
        assertEquals("alice", alice.state().get("user").getAsString(), "the name the views show to others");
        alice.onCustom(ready("a"), null);
        bob.onCustom(ready("b"), null);

        String state = "{\"field\":[{\"Key\":\"name\"}],\"name\":\"alice\"}";
        alice.onCustom(proposal("a", "{\"t\":\"awareness\",\"id\":" + shared + ",\"state\":" + state + "}"), null);
        JsonObject atBob = lastAwareness(bob, "b");
        assertTrue(atBob != null, "bob's view got alice's awareness");
        assertEquals(shared, atBob.get("id").getAsLong());
        assertEquals(com.google.gson.JsonParser.parseString(state), atBob.get("state"));
        String alicePeer = atBob.get("peer").getAsString();
        assertEquals(null, lastAwareness(alice, "a"), "never back to the sender");

        bob.onCustom(proposal("b", "{\"t\":\"awareness\",\"id\":" + shared + ",\"state\":{\"field\":[{\"Key\":\"on\"}]}}"), null);
        JsonObject atAlice = lastAwareness(alice, "a");
        assertTrue(atAlice != null, "alice's view got bob's awareness");
        assertTrue(!atAlice.get("peer").getAsString().equals(alicePeer), "each view is its own peer");

        // alice's view closes (a tab closed): bob's view hears that her state is gone
        ((FakeChannel) bob.comm()).clear();
        JsonObject closed = new JsonObject();
        closed.addProperty("closed", true);
        closed.addProperty("view", "a");
        alice.onCustom(closed, null);
        JsonObject gone = lastAwareness(bob, "b");
        assertTrue(gone != null && gone.get("state").isJsonNull(), "a null state for alice's peer: " + gone);
        assertEquals(alicePeer, gone.get("peer").getAsString());
    }
}
