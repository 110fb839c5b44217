package io.transports.jupyter;

import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A widget comm for unit tests (no kernel can run inside a unit test): it records every custom
 * message the widget sends, and {@link #deliveries()} counts what the views would receive, since
 * every view of a widget listens on its one comm.
 */
final class FakeChannel implements WidgetChannel {
    private static int next;
    private final String id = "fake-" + (++next);
    final List<JsonObject> sent = new ArrayList<>();
    /** The buffers of each sent message, in the same order as {@link #sent}. */
    final List<List<byte[]>> buffers = new ArrayList<>();
    private boolean closed;

    /** A notebook whose widgets open fake channels; nothing is displayed and no sync thread starts. */
    static Notebook notebook() {
        return new Notebook((w, data) -> new FakeChannel(), w -> { }, w -> { }, () -> { });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void sendCustom(JsonObject content, List<byte[]> buffers, MessageContext parent) {
        sent.add(content.deepCopy());
        this.buffers.add(buffers);
    }

    /** The state changes sent, in order. */
    final List<JsonObject> updates = new ArrayList<>();

    @Override
    public void sendUpdate(JsonObject state, MessageContext parent) {
        updates.add(state.deepCopy());
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The protocol frames sent (messages with "wire", or "codec" and a buffer). */
    List<JsonObject> frames() {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject o : sent) if (o.has("wire") || o.has("codec")) out.add(o);
        return out;
    }

    /** Frames view {@code view} applies: those addressed to it and those without a view. */
    List<String> framesFor(String view) {
        List<String> out = new ArrayList<>();
        for (JsonObject o : frames()) {
            if (!o.has("view") || o.get("view").getAsString().equals(view)) out.add(o.get("wire").getAsString());
        }
        return out;
    }

    /** How many frame messages reach some view in all: each message reaches all {@code views} views. */
    int deliveries(int views) {
        return frames().size() * views;
    }

    void clear() {
        sent.clear();
        buffers.clear();
    }
}
