package io.transports;

import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One mirror's connection to a {@link Broadcaster} ({@link Server} or {@link Hub}): what the
 * broadcaster needs to know about it — its codec, its {@link Permissions}, its identity (a name for
 * logs, the parameters and user it presented, from which a hub picks its tenant) — and where its
 * frames go. Broadcasters return frames per connection and never do I/O; an adapter subclasses this
 * and overrides {@link #deliver} (queue on a socket, send on a comm), then hands every result to
 * {@link #deliverAll}. Tests use it as it is and read the returned maps.
 *
 * <p>Connections are compared by identity: two objects are two connections, whatever their names.
 *
 * <pre>{@code
 * var browser = new Connection("browser");
 * for (var frame : server.connect(browser)) client.recv(frame);
 * for (var frame : server.sync().getOrDefault(browser, List.of())) client.recv(frame);
 * }</pre>
 */
public class Connection {
    private final String name;
    private final Codec codec;
    private final Map<String, List<String>> params;
    private final Principal user;
    private final Permissions permissions;

    /** A JSON connection that may see and edit everything. */
    public Connection(String name) { this(name, null, Permissions.all(), Map.of(), null); }

    /** A JSON connection that may see and edit everything, presenting these parameters (e.g. {@code tenant}). */
    public Connection(String name, Map<String, String> params) {
        this(name, null, Permissions.all(), listed(params), null);
    }

    private static Map<String, List<String>> listed(Map<String, String> params) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, List.of(v)));
        return m;
    }

    /** A connection with a codec name from docs/protocol.md (null or "" for JSON); no parameters, no user. */
    public Connection(String name, String codec, Permissions permissions) { this(name, codec, permissions, Map.of(), null); }

    /**
     * @param params what the connection presented (a URL's query, a widget's tenant); a hub's tenant
     *               function usually reads one of them
     * @throws io.transports.codec.CodecException for an unknown codec name
     */
    public Connection(String name, String codec, Permissions permissions, Map<String, List<String>> params, Principal user) {
        this.name = Objects.requireNonNull(name, "name");
        this.codec = Codecs.forName(codec);
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.params = Map.copyOf(params == null ? Map.of() : params);
        this.user = user;
    }

    public String name() { return name; }

    public Codec codec() { return codec; }

    public Permissions permissions() { return permissions; }

    /** The first value of a parameter the connection presented. */
    public Optional<String> param(String key) {
        List<String> v = params.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.ofNullable(v.get(0));
    }

    public Map<String, List<String>> params() { return params; }

    public Optional<Principal> user() { return Optional.ofNullable(user); }

    /**
     * Send these frames to the mirror, in order. Called by {@link #deliverAll} on the adapter's thread
     * (under the adapter's lock, so each connection sees its frames in the broadcaster's order). The
     * base class drops them: tests read the broadcasters' returned maps instead.
     */
    protected void deliver(List<Frame> frames) {}

    /**
     * The broadcaster gave up on this connection (a frame it must get cannot be encoded in its codec)
     * and has already forgotten it; the adapter should close the channel so the mirror reconnects and
     * starts from snapshots. The base class does nothing.
     */
    protected void dropped(String why) {}

    /** Hand every connection its frames ({@link #deliver}); empty lists are skipped. */
    public static void deliverAll(Map<Connection, List<Frame>> out) {
        for (var e : out.entrySet()) if (!e.getValue().isEmpty()) e.getKey().deliver(e.getValue());
    }

    @Override public String toString() { return name; }
}
