package io.transports.backplane;

import io.transports.Frame;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.patch.Patch;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Snapshot;

/**
 * How patches and snapshots are stored as text: the protocol's own JSON messages (a patch message or a
 * snapshot with id 1, as ids start at 1), so what is in Redis reads like what goes over the wire.
 */
final class Wire {
    private static final Codec JSON = Codecs.forName("json");

    private Wire() {}

    static String patch(Patch p) { return JSON.encode(new PatchMessage(1, p)).text(); }

    static Patch patch(String model, String text) {
        Message m = JSON.decode(Frame.ofText(text));
        if (!(m instanceof PatchMessage pm)) throw new BackplaneException("model " + model + ": a log entry is not a patch: " + text);
        return pm.patch();
    }

    static String snapshot(StoredSnapshot s) { return JSON.encode(new Snapshot(1, s.type(), s.rev(), s.value())).text(); }

    static StoredSnapshot snapshot(String model, String text) {
        Message m = JSON.decode(Frame.ofText(text));
        if (!(m instanceof Snapshot s)) throw new BackplaneException("model " + model + ": the stored snapshot is not a snapshot: " + text);
        return new StoredSnapshot(s.type(), s.rev(), s.value());
    }
}
