package io.transports.jupyter;

import com.google.gson.JsonObject;
import io.transports.Frame;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One rendered view of a widget, as a connection of the widget's {@code Server}. Each view (a cell
 * output, a second tab, a reloaded page) says {@code {"ready": true, "view": id}} and gets its own
 * connection, so snapshots, echoes and rejects reach exactly the view they are for. Frames travel
 * as anywidget custom messages {@code {"wire": "<JSON text>", "view": id}}.
 */
final class ViewConnection implements Endpoint {
    final Widget widget;
    final String view;

    ViewConnection(Widget widget, String view) {
        this.widget = widget;
        this.view = view;
    }

    @Override
    public void deliver(List<Frame> frames, MessageContext parent) {
        for (Frame f : frames) {
            JsonObject content = new JsonObject();
            content.addProperty("wire", f.isText() ? f.text() : new String(f.bytes(), StandardCharsets.UTF_8));
            content.addProperty("view", view);
            widget.comm().sendCustom(content, parent);
        }
    }

    @Override
    public String toString() {
        return "view " + view + " of widget " + widget.modelId();
    }
}
