package io.transports;

import io.transports.codec.Codec;
import io.transports.protocol.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Frames per connection being gathered by a {@link Hub} from several sources (each tenant's server, the
 * shared models), in order. A list another source returned may be shared by many connections (a server
 * gives every connection of a codec the same list), so it is adopted as it is and copied only when
 * something must be added to it for one connection.
 */
final class Deliveries {
    private final Map<Connection, List<Frame>> out = new LinkedHashMap<>();
    private final Set<List<Frame>> owned = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Add another source's frames, after what each connection already has. */
    void addAll(Map<Connection, List<Frame>> more) {
        for (var e : more.entrySet()) addAll(e.getKey(), e.getValue());
    }

    void addAll(Connection conn, List<Frame> frames) {
        if (frames.isEmpty()) return;
        List<Frame> have = out.get(conn);
        if (have == null) {
            out.put(conn, frames);
            return;
        }
        mine(conn, have).addAll(frames);
    }

    void add(Connection conn, Frame frame) {
        List<Frame> have = out.get(conn);
        if (have == null) {
            have = new ArrayList<>();
            owned.add(have);
            out.put(conn, have);
        }
        mine(conn, have).add(frame);
    }

    /**
     * One message to each of these connections, encoded once per codec. A codec that cannot encode it
     * is reported in {@code failed} (connection to why) and its connections get nothing.
     */
    void broadcast(Iterable<Connection> to, Message m, Map<Connection, String> failed) {
        Map<Codec, Object> encoded = new IdentityHashMap<>(); // a one-frame list shared by the codec's connections, or why it failed
        for (Connection c : to) {
            Object f = encoded.computeIfAbsent(c.codec(), codec -> {
                try {
                    return List.of(codec.encode(m));
                } catch (RuntimeException e) {
                    return "a " + m.t() + " for model " + Server.idOf(m) + " cannot be encoded in " + codec.name() + ": " + e.getMessage();
                }
            });
            if (f instanceof List<?> one) addAll(c, frames(one));
            else failed.put(c, (String) f);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Frame> frames(List<?> l) { return (List<Frame>) l; }

    /** Drop everything gathered for a connection (it is being closed). */
    void forget(Connection conn) { out.remove(conn); }

    Map<Connection, List<Frame>> result() { return out; }

    private List<Frame> mine(Connection conn, List<Frame> have) {
        if (owned.contains(have)) return have;
        List<Frame> copy = new ArrayList<>(have);
        owned.add(copy);
        out.put(conn, copy);
        return copy;
    }
}
