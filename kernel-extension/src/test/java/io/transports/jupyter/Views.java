package io.transports.jupyter;

import com.google.gson.JsonObject;
import io.transports.Frame;
import io.transports.codec.Codecs;
import io.transports.protocol.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * What a widget's views send and receive over its fake comm ({@link FakeChannel}), for the widget
 * tests: the custom messages widget-js sends (a view saying it is ready, a proposal frame) and the
 * protocol messages one view applies.
 */
final class Views {
    private Views() {
    }

    /** The message a view sends once it has rendered and wants its snapshots. */
    static JsonObject ready(String view) {
        JsonObject o = new JsonObject();
        o.addProperty("ready", true);
        o.addProperty("view", view);
        return o;
    }

    /** The message a view sends to propose a protocol frame (a patch, a crdt batch, awareness). */
    static JsonObject proposal(String view, String wire) {
        JsonObject o = new JsonObject();
        o.addProperty("wire", wire);
        o.addProperty("view", view);
        return o;
    }

    /** The widget's fake comm. */
    static FakeChannel channel(Widget w) {
        return (FakeChannel) w.comm();
    }

    /** The protocol messages view {@code view} has applied so far (JSON views), decoded. */
    static List<Message> messages(Widget w, String view) {
        List<Message> out = new ArrayList<>();
        for (String text : channel(w).framesFor(view)) out.add(Codecs.forName("json").decode(Frame.ofText(text)));
        return out;
    }
}
