package io.transports.jupyter;

import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.messages.MessageContext;

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
    void sendCustom(JsonObject content, MessageContext parent);

    void close();
}
