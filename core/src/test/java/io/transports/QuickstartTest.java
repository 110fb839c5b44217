package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed quickstart, step by step, with the exact frames the Python package puts on the wire. */
class QuickstartTest {

    @Test
    void quickstartProducesTheSameWireAsThePythonPackage() {
        var session = new Session();
        var lamp = new Device("lamp");
        long mid = session.host(lamp);
        assertEquals(1, mid);

        lamp.on = true;
        assertEquals("[(1, {\"rev\":1,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":true}}}]})]",
                session.drain().toString());

        var server = new Server(session);
        var client = new Client();
        List<Frame> opening = server.open("browser");
        assertEquals(List.of(Frame.ofText("{\"t\":\"snapshot\",\"id\":1,\"type\":\"Device\",\"rev\":1,"
                + "\"value\":{\"Map\":{\"name\":{\"Str\":\"lamp\"},\"on\":{\"Bool\":true}}}}")), opening);
        for (var frame : opening) client.recv(frame);
        assertEquals("name=lamp, on=true", client.model(mid, Device.class).toString());

        lamp.name = "desk lamp";
        List<Frame> flushed = server.flush().get("browser");
        assertEquals(List.of(Frame.ofText("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":2,\"ops\":"
                + "[{\"Set\":{\"path\":[{\"Key\":\"name\"}],\"value\":{\"Str\":\"desk lamp\"}}}]}}")), flushed);
        for (var frame : flushed) client.recv(frame);
        assertEquals("name=desk lamp, on=true", client.model(mid, Device.class).toString());

        var proposal = client.edit(mid, Transports.toValue(new Device("desk lamp", false)));
        assertEquals("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":2,\"ops\":"
                + "[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":false}}}]},\"proposal\":\"auto-1\"}", proposal.text());
        Map<Object, List<Frame>> replies = server.recv("browser", proposal);
        assertEquals(Map.of("browser", List.of(Frame.ofText("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":3,\"ops\":"
                + "[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":false}}}]},\"proposal\":\"auto-1\"}"))), replies);
        for (var e : replies.entrySet()) for (var f : e.getValue()) client.recv(f);

        assertFalse(lamp.on);
        assertEquals("name=desk lamp, on=false", client.model(mid, Device.class).toString());
        assertEquals(List.of(), session.drain(), "an accepted proposal must not come back as a host patch");
    }
}
