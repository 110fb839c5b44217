package io.transports.jupyter;

import io.transports.Frame;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.util.List;

/**
 * A connection handle this extension gives to a {@code Server}: it knows how to carry that
 * connection's frames to the front end (a widget view, or a raw {@code transports} comm).
 */
interface Endpoint {
    /**
     * Sends the frames, in order. {@code parent} is the request being answered, or null. Called with
     * the notebook's lock held.
     */
    void deliver(List<Frame> frames, MessageContext parent);
}
