package io.transports.connections;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a connection presented when it opened: the channel ({@code "websocket"} or {@code "sse"}), the
 * request path, query parameters, headers (names compared case-insensitively) and the authenticated
 * user, if the container established one. {@link ConnectionAccess} decides from this alone.
 */
public record Handshake(
        String channel,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        Principal user) {

    public Handshake {
        query = Map.copyOf(query == null ? Map.of() : query);
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) headers.forEach((k, v) -> h.merge(k, List.copyOf(v), Handshake::concat));
        headers = java.util.Collections.unmodifiableMap(h);
    }

    /** The first value of a query parameter. */
    public Optional<String> param(String name) { return first(query.get(name)); }

    /** The first value of a header (any capitalisation of the name). */
    public Optional<String> header(String name) { return first(headers.get(name)); }

    public Optional<Principal> userPrincipal() { return Optional.ofNullable(user); }

    private static Optional<String> first(List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
