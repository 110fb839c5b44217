package io.transports.jupyter;

import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.util.List;

/**
 * The kernel end of one widget's comm as the widget sees it: its id and a way to send anywidget
 * custom messages. In the kernel it is a {@link WidgetComm}; the unit tests give a fake that records
 * what was sent, so the routing of frames to views can be tested without a kernel.
 */
interface WidgetChannel {
    /** The comm id, which is the widget's model id. */
    String id();

    boolean isClosed();

    /** Sends {@code {"method": "custom", "content": content}}; {@code parent} is the request answered, or null. */
    default void sendCustom(JsonObject content, MessageContext parent) {
        sendCustom(content, List.of(), parent);
    }

    /** The same with binary buffers, which anywidget hands to the view next to the content. */
    void sendCustom(JsonObject content, List<byte[]> buffers, MessageContext parent);

    /** Sends a widget state change, {@code {"method": "update", "state": state, "buffer_paths": []}}. */
    void sendUpdate(JsonObject state, MessageContext parent);

    void close();
}
