package io.transports.jupyter;

import io.transports.Frame;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.util.List;

/**
 * Where a {@link KernelConnection}'s frames go: a widget view, or a raw {@code transports} comm. It
 * knows how to carry them to the front end.
 */
interface Endpoint {
    /** The widget whose views share one comm (its frames are routed together), or null for a raw comm. */
    default Widget widget() { return null; }

    /**
     * Sends the frames, in order. {@code parent} is the request being answered, or null. Called with
     * the notebook's lock held.
     */
    void deliver(List<Frame> frames, MessageContext parent);
}
