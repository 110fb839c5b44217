package io.transports.protocol;

import java.util.List;
import java.util.Objects;

/**
 * {@code {"t":"batch","msgs":[...]}}: several messages of one flush in one frame, sent only to a
 * connection that asked for it ({@code ?batch=1}; docs/protocol.md "Batch frames"). A client applies
 * the messages in order, exactly as if each had come in its own frame. A batch never holds a batch:
 * such a frame is malformed. An unknown message inside one is ignored, like one outside.
 */
public record Batch(List<Message> msgs) implements Message {
    public Batch {
        msgs = List.copyOf(Objects.requireNonNull(msgs, "msgs"));
        for (int i = 0; i < msgs.size(); i++) {
            if (msgs.get(i) instanceof Batch) throw new IllegalArgumentException("msgs[" + i + "]: a batch may not hold a batch");
        }
    }

    @Override public String t() { return "batch"; }
}
