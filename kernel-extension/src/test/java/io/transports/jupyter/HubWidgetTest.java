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
}
