package io.transports.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.transports.Frame;
import io.transports.Server;
import io.transports.Session;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Views that ask for MessagePack in their ready message get their frames as a comm buffer; views that
 * do not still get JSON text; each codec's patches go out once for the views of that codec. The
 * frames are the real server's (no kernel can run here: the comm is a fake; the kernel test
 * test_binary_frames.py checks the buffers through real JJava).
 */
class BinaryFramesTest {
    public static class Lamp {
        public String name = "lamp";
        public boolean on;
    }

    private static JsonObject ready(String view, String codec) {
        JsonObject o = new JsonObject();
        o.addProperty("ready", true);
        o.addProperty("view", view);
        if (codec != null) o.addProperty("codec", codec);
        return o;
    }

    @Test void headsOfMessagePackFramesAreRead() {
        Session session = new Session();
        Lamp lamp = new Lamp();
        session.host(lamp);
        Server server = new Server(session);
        List<Frame> opened = server.open("v", "msgpack");
        FrameHead snap = FrameHead.of(opened.get(0));
        assertEquals(new FrameHead("snapshot", 1, 0), snap);
        lamp.on = true;
        Map<Object, List<Frame>> out = server.flush();
        assertEquals(new FrameHead("patch", 1, 1), FrameHead.of(out.get("v").get(0)));
        assertEquals(FrameHead.OTHER, FrameHead.ofMsgpack(new byte[] {(byte) 0x81, (byte) 0xa1, 't'}));
        assertEquals(FrameHead.OTHER, FrameHead.ofMsgpack(new byte[0]));
    }

    @Test void eachCodecGetsOneBroadcastAndSnapshotsTravelAsBuffers() {
        Notebook nb = FakeChannel.notebook();
        Session session = new Session();
        Lamp lamp = new Lamp();
        session.host(lamp);
        Widget w = Widget.open(nb, nb.serverOf(session), false);
        FakeChannel c = (FakeChannel) w.comm();
        w.onCustom(ready("bin1", "msgpack"), null);
        w.onCustom(ready("bin2", "msgpack"), null);
        w.onCustom(ready("text", null), null);
        w.onCustom(ready("odd", "carrier-pigeon"), null); // an unknown codec: JSON
        List<JsonObject> frames = c.frames();
        assertEquals(4, frames.size(), c.sent.toString());
        for (int i = 0; i < c.sent.size(); i++) {
            JsonObject o = c.sent.get(i);
            if (!o.has("wire") && !o.has("codec")) continue;
            String view = o.get("view").getAsString();
            boolean binary = view.startsWith("bin");
            assertEquals(binary, o.has("codec"), o.toString());
            assertEquals(binary ? 1 : 0, c.buffers.get(i).size());
            if (binary) assertTrue(FrameHead.of(Frame.ofBytes(c.buffers.get(i).get(0))).isSnapshot());
        }
        c.clear();
        lamp.on = true;
        nb.syncAll();
        assertEquals(2, c.frames().size(), c.sent.toString()); // one per codec, not one per view
        for (int i = 0; i < c.sent.size(); i++) {
            JsonObject o = c.sent.get(i);
            assertFalse(o.has("view"), o.toString());
            if (o.has("codec")) assertTrue(FrameHead.of(Frame.ofBytes(c.buffers.get(i).get(0))).isPatch());
            else assertTrue(o.get("wire").getAsString().startsWith("{\"t\":\"patch\""));
        }
    }

    @Test void aMessagePackViewsProposalIsAppliedAndEchoedAndBadTextRejected() {
        Notebook nb = FakeChannel.notebook();
        Session session = new Session();
        Lamp lamp = new Lamp();
        session.host(lamp);
        Widget w = Widget.open(nb, nb.serverOf(session), false);
        FakeChannel c = (FakeChannel) w.comm();
        w.onCustom(ready("bin", "msgpack"), null);
        c.clear();
        JsonObject p = new JsonObject();
        p.addProperty("wire", "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":0,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":true}}}]}}");
        p.addProperty("view", "bin");
        w.onCustom(p, null);
        assertTrue(lamp.on, "the proposal reached the Java object");
        assertEquals(1, c.frames().size(), c.sent.toString());
        assertTrue(FrameHead.of(Frame.ofBytes(c.buffers.get(0).get(0))).isPatch(), "the echo, as MessagePack");
        c.clear();
        p.addProperty("wire", "not json");
        w.onCustom(p, null);
        JsonObject reject = c.frames().get(0);
        assertEquals("bin", reject.get("view").getAsString());
        assertTrue(reject.get("wire").getAsString().contains("malformed frame"), reject.toString());
    }
}
