package io.transports.jupyter;

import static io.transports.jupyter.Views.channel;
import static io.transports.jupyter.Views.proposal;
import static io.transports.jupyter.Views.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.transports.Frame;
import io.transports.Session;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How one widget's frames reach its views over its one comm (a fake here: no kernel runs in a unit
 * test; the kernel test test_broadcast.py counts the same with real JJava): patches once for all,
 * snapshots and rejects to one view, and a view opened mid-way never misses or re-applies a revision.
 */
class BroadcastTest {
    public static class Lamp {
        public String name = "lamp";
        public boolean on;
    }

    @Test void aPatchGoesOutOnceForThreeViews() {
        Notebook nb = FakeChannel.notebook();
        Lamp lamp = new Lamp();
        Session session = new Session();
        session.host(lamp);
        Widget w = Widget.open(nb, nb.serverOf(session), false);
        for (String v : List.of("a", "b", "c")) w.onCustom(ready(v), null);
        FakeChannel c = channel(w);
        for (String v : List.of("a", "b", "c")) {
            assertEquals(1, c.frames().stream().filter(o -> o.has("view") && o.get("view").getAsString().equals(v)
                    && o.get("wire").getAsString().startsWith("{\"t\":\"snapshot\"")).count(), "one snapshot to " + v);
        }
        c.clear();
        for (int i = 0; i < 10; i++) {
            lamp.on = !lamp.on;
            nb.syncAll();
        }
        assertEquals(10, c.frames().size(), "one message per patch, not one per view");
        for (JsonObject o : c.frames()) assertFalse(o.has("view"), "a patch for every view names none: " + o);
        assertEquals(30, c.deliveries(3)); // it was 3 copies x 3 views = 90 before
    }

    @Test void anEchoIsOneBroadcastAndARejectGoesToItsViewAlone() {
        Notebook nb = FakeChannel.notebook();
        Session session = new Session();
        session.host(new Lamp());
        Widget w = Widget.open(nb, nb.serverOf(session), false);
        w.onCustom(ready("a"), null);
        w.onCustom(ready("b"), null);
        FakeChannel c = channel(w);
        c.clear();
        w.onCustom(proposal("a", "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":0,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":true}}}]}}"), null);
        assertEquals(1, c.frames().size(), c.sent.toString());
        assertFalse(c.frames().get(0).has("view"));
        c.clear();
        w.onCustom(proposal("b", "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Str\":\"yes\"}}}]}}"), null);
        List<JsonObject> frames = c.frames();
        assertEquals(2, frames.size(), c.sent.toString()); // the revert snapshot and the reject
        for (JsonObject o : frames) assertEquals("b", o.get("view").getAsString());
        assertTrue(frames.get(1).get("wire").getAsString().startsWith("{\"t\":\"reject\""));
    }

    @Test void theEchoOfAProposalWithAnIdIsOneBroadcastAndAnAckToItsProposer() {
        Notebook nb = FakeChannel.notebook();
        Lamp lamp = new Lamp();
        Session session = new Session();
        session.host(lamp);
        Widget w = Widget.open(nb, nb.serverOf(session), false);
        for (String v : List.of("a", "b", "c")) w.onCustom(ready(v), null);
        FakeChannel c = channel(w);
        c.clear();
        w.onCustom(proposal("a", "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":0,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"name\"}],"
                + "\"value\":{\"Str\":\"porch\"}}}]},\"proposal\":\"auto-1\"}"), null);
        assertEquals("porch", lamp.name);
        List<JsonObject> frames = c.frames();
        assertEquals(2, frames.size(), c.sent.toString()); // the patch once for all, the proposer's ack
        assertFalse(frames.get(0).has("view"), "the echo goes once to every view: " + frames.get(0));
        assertTrue(frames.get(0).get("wire").getAsString().startsWith("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,"));
        assertFalse(frames.get(0).get("wire").getAsString().contains("auto-1"), "other views' ids are their own");
        assertEquals("a", frames.get(1).get("view").getAsString());
        assertEquals("{\"t\":\"ack\",\"id\":1,\"rev\":1,\"proposal\":\"auto-1\"}", frames.get(1).get("wire").getAsString());
    }

    @Test void aLoneViewKeepsItsTaggedEcho() {
        Notebook nb = FakeChannel.notebook();
        Session session = new Session();
        session.host(new Lamp());
        Widget w = Widget.open(nb, nb.serverOf(session), false);
        w.onCustom(ready("a"), null);
        FakeChannel c = channel(w);
        c.clear();
        w.onCustom(proposal("a", "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":0,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"on\"}],"
                + "\"value\":{\"Bool\":true}}}]},\"proposal\":\"p1\"}"), null);
        assertEquals(1, c.frames().size(), c.sent.toString());
        assertTrue(c.frames().get(0).get("wire").getAsString().contains("\"proposal\":\"p1\""), c.sent.toString());
    }

    @Test void aViewOpenedBetweenFlushesGetsEachRevisionOnce() {
        Notebook nb = FakeChannel.notebook();
        Lamp lamp = new Lamp();
        Session session = new Session();
        session.host(lamp);
        Widget w = Widget.open(nb, nb.serverOf(session), false);
        w.onCustom(ready("a"), null);
        lamp.on = true; // pending when b opens: b's snapshot has it, a gets it as a patch
        w.onCustom(ready("b"), null);
        nb.syncAll();
        lamp.name = "desk";
        nb.syncAll();
        FakeChannel c = channel(w);
        List<String> b = c.framesFor("b");
        assertTrue(b.get(0).startsWith("{\"t\":\"snapshot\",\"id\":1,"), b.toString());
        long snapRev = FrameHead.of(io.transports.Frame.ofText(b.get(0))).rev();
        // everything b applies after its snapshot is newer than it, each revision once
        long last = snapRev;
        for (String f : b.subList(1, b.size())) {
            FrameHead h = FrameHead.of(io.transports.Frame.ofText(f));
            if (h.rev() <= snapRev) continue; // a broadcast its snapshot covers: the mirror skips it
            assertTrue(h.rev() > last, "revision order for b: " + b);
            last = h.rev();
        }
        assertEquals(snapRev + 1, last, b.toString());
        List<String> a = c.framesFor("a");
        assertEquals(3, a.size(), a.toString()); // snapshot, on=true, name=desk
    }

    @Test void aPatchAViewDoesNotGetIsNotBroadcast() {
        // (a view that may not see a model: its connection is left out of the server's frames for it)
        Notebook nb = FakeChannel.notebook();
        Session session = new Session();
        session.host(new Lamp());
        Widget w = Widget.open(nb, nb.serverOf(session), false);
        w.onCustom(ready("a"), null);
        w.onCustom(ready("secret"), null);
        FakeChannel c = channel(w);
        c.clear();
        Frame patch = Frame.ofText("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":true}}}]}}");
        nb.dispatch(Map.of(w.viewConnection("a"), List.of(patch)), null);
        assertEquals(1, c.frames().size(), c.sent.toString());
        assertEquals("a", c.frames().get(0).get("view").getAsString());
        assertTrue(c.framesFor("secret").isEmpty());
    }
}
