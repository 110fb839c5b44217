package io.transports.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import io.transports.Frame;
import io.transports.Server;
import io.transports.Session;
import io.transports.bridge.JsonSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a view reads from frames before sending schemas, against frames the real server encodes. */
class ViewConnectionTest {
    public static class Lamp {
        public String name = "lamp";
        public boolean on;
    }

    @Test void snapshotFramesNameTheirModelAndOtherFramesNone() {
        Session session = new Session();
        Lamp lamp = new Lamp();
        session.host(lamp);
        session.host(new Lamp());
        Server server = new Server(session);
        List<Frame> opened = server.open("v");
        assertEquals(1, ViewConnection.snapshotId(opened.get(0).text()));
        assertEquals(2, ViewConnection.snapshotId(opened.get(1).text()));
        lamp.name = "\"t\":\"snapshot\",\"id\":7"; // a patch whose value looks like a snapshot head
        Map<Object, List<Frame>> flushed = server.flush();
        String patch = flushed.get("v").get(0).text();
        assertTrue(patch.contains("snapshot"), patch);
        assertEquals(0, ViewConnection.snapshotId(patch));
    }

    @Test void schemasBecomeGsonTreesWithNumbersAndOrderKept() {
        JsonElement tree = Schemas.gson(JsonSchema.tree(Lamp.class));
        var props = tree.getAsJsonObject().getAsJsonObject("properties");
        assertEquals(List.of("name", "on"), List.copyOf(props.keySet()));
        assertEquals("boolean", props.getAsJsonObject("on").get("type").getAsString());
        assertEquals("lamp", tree.getAsJsonObject().getAsJsonObject("default").get("name").getAsString());
        assertTrue(tree.getAsJsonObject().get("x-order").isJsonArray());
    }
}
