package io.transports.jupyter;

import static io.transports.jupyter.Views.messages;
import static io.transports.jupyter.Views.proposal;
import static io.transports.jupyter.Views.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.transports.Hub;
import io.transports.value.Value;
import io.transports.codec.Codecs;
import io.transports.crdt.CrdtDocument;
import io.transports.crdt.CrdtJson;
import io.transports.crdt.CrdtOp;
import io.transports.crdt.CrdtPolicy;
import io.transports.crdt.CrdtSpec;
import io.transports.protocol.CrdtMessage;
import io.transports.protocol.CrdtSnapshot;
import io.transports.protocol.Message;
import io.transports.protocol.Reject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Widget.of(hub, tenant)} with a CRDT-backed shared model: a view that says it is ready gets
 * the {@code crdt_snapshot} the widget-js form needs (spec and state, so it can build its replica and
 * type into it); the operations one tenant's view sends reach the other tenant's widget as a
 * {@code crdt} frame; a READ subscriber's operations are refused naming them ({@code crdt_ops}), which
 * is what the view's status line shows. (Fake comms: no kernel runs in a unit test.)
 */
class HubCrdtWidgetTest {

    /** What widget-js sends after typing: its replica's operations in a crdt frame. */
    private static String typed(CrdtSnapshot s, String replica, int at, String text) {
        CrdtDocument doc = CrdtDocument.fromState(CrdtSpec.fromNode(s.spec()), s.state(), replica);
        List<CrdtOp> ops = doc.insertText(List.of(), at, text);
        return "{\"t\":\"crdt\",\"id\":" + s.id() + ",\"rev\":0,\"ops\":" + CrdtJson.toNode(ops, CrdtJson.Form.WIRE) + "}";
    }

    @Test void aViewGetsTheCrdtSnapshotItNeedsAndItsTypingReachesTheOtherTenant() {
        Notebook nb = FakeChannel.notebook();
        Hub hub = new Hub(c -> c.param("tenant").orElseThrow());
        long doc = hub.shareCrdt(Value.of("hello"), CrdtSpec.of(CrdtPolicy.text()));
        hub.subscribe("alice", doc, Hub.Mode.WRITE);
        hub.subscribe("bob", doc, Hub.Mode.READ);
        Widget alice = Widget.ofTenant(nb, hub, "alice");
        Widget bob = Widget.ofTenant(nb, hub, "bob");
        alice.onCustom(ready("a"), null);
        bob.onCustom(ready("b"), null);

        CrdtSnapshot snap = (CrdtSnapshot) messages(alice, "a").get(0);
        assertEquals(doc, snap.id());
        assertEquals(Value.of("hello"), snap.value());
        // the spec the view reads to make a text field collaborative (a string sequence)
        assertEquals(CrdtSpec.of(CrdtPolicy.text()), CrdtSpec.fromNode(snap.spec()), snap.spec().toString());
        assertNotNull(snap.state(), "the view builds its replica from the state");
        assertTrue(messages(bob, "b").get(0) instanceof CrdtSnapshot, "a READ subscriber's view is drawn too");

        ((FakeChannel) alice.comm()).clear();
        ((FakeChannel) bob.comm()).clear();
        alice.onCustom(proposal("a", typed(snap, "view-a", 5, "!")), null);
        assertEquals(Value.of("hello!"), hub.shared(doc));
        CrdtMessage theirs = (CrdtMessage) messages(bob, "b").get(0);
        assertEquals(doc, theirs.id());
        assertEquals(1, theirs.ops().size(), theirs.ops().toString());
        assertTrue(messages(alice, "a").get(0) instanceof CrdtMessage, "alice's view gets the echo that confirms its edit");

        ((FakeChannel) bob.comm()).clear();
        bob.onCustom(proposal("b", typed(snap, "view-b", 0, ">")), null);
        List<Message> back = messages(bob, "b");
        Reject r = (Reject) back.get(0);
        assertTrue(r.error().contains("read-only"), r.error());
        assertNotNull(r.crdtOps(), "the refused operations are named, so the view can show them");
        assertEquals(1, r.crdtOps().size());
        assertEquals(Value.of("hello!"), hub.shared(doc));
        // and a fresh snapshot puts the view's optimistic text back to the shared one
        CrdtSnapshot again = (CrdtSnapshot) back.get(back.size() - 1);
        assertEquals(Value.of("hello!"), again.value());
    }
}
