package io.transports.jupyter;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;

import java.util.HashMap;
import java.util.List;

/**
 * The kernel end of one widget model's {@code jupyter.widget} comm (widget protocol 2.1.0): it
 * answers {@code request_state} with the full state, keeps state updates the front end sends, and
 * hands anywidget custom messages to its {@link Widget}. Nothing thrown here may reach the kernel's
 * message loop, so every handler catches and logs.
 */
final class WidgetComm extends Comm implements WidgetChannel {
    private final Widget widget;

    WidgetComm(CommManager manager, String id, String target, Widget widget) {
        super(manager, id, target);
        this.widget = widget;
    }

    /** Opens a {@code jupyter.widget} comm for {@code w} whose comm_open carries {@code openData}; null without a front end. */
    static WidgetComm open(Widget w, JsonObject openData) {
        return Kernel.comms().openComm("jupyter.widget", (m, id, target, msg) -> {
            WidgetComm made = new WidgetComm(m, id, target, w);
            for (String key : openData.keySet()) msg.getContent().getData().add(key, openData.get(key));
            msg.getNonNullMetadata().put("version", Widget.PROTOCOL_VERSION);
            return made;
        });
    }

    @Override
    public String id() {
        return getID();
    }

    /** {@code {"method": "custom", "content": content}} to the front end. */
    @Override
    public void sendCustom(JsonObject content, List<byte[]> buffers, MessageContext parent) {
        JsonObject data = new JsonObject();
        data.addProperty("method", "custom");
        data.add("content", content);
        send(data, buffers, parent);
    }

    @Override
    public void sendUpdate(JsonObject state, MessageContext parent) {
        JsonObject data = new JsonObject();
        data.addProperty("method", "update");
        data.add("state", state);
        data.add("buffer_paths", new JsonArray());
        send(data, parent);
    }

    private void send(JsonObject data, MessageContext parent) {
        send(data, List.of(), parent);
    }

    private void send(JsonObject data, List<byte[]> buffers, MessageContext parent) {
        if (isClosed()) return;
        synchronized (widget.notebook().lock) {
            Kernel.withParent(Kernel.comms(), parent, () -> {
                if (buffers.isEmpty()) send(data);
                else send(data, new HashMap<>(), buffers);
            });
        }
    }

    @Override
    protected void onMessage(Message<CommMsgCommand> message) {
        try {
            JsonObject data = message.getContent().getData();
            String method = Json.string(data, "method");
            if ("custom".equals(method)) {
                JsonObject content = Json.object(data, "content");
                if (content != null) widget.onCustom(content, message);
            } else if ("request_state".equals(method)) {
                JsonObject reply = new JsonObject();
                reply.addProperty("method", "update");
                reply.add("state", widget.state());
                reply.add("buffer_paths", new JsonArray());
                send(reply, message);
            } else if ("update".equals(method)) {
                JsonObject state = Json.object(data, "state");
                if (state != null) widget.frontEndUpdate(state);
            }
        } catch (Throwable e) {
            Log.warn("widget " + getID() + ": could not handle a message from the front end", e);
        }
    }

    @Override
    protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        try {
            if (!sending) widget.closedByFrontEnd();
        } catch (Throwable e) {
            Log.warn("widget " + getID() + ": could not close", e);
        }
    }
}
