package io.transports.serve;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps other web sites away from a served session. WebSocket handshakes are not bound by the browser's
 * same-origin rule, so without this any page the user visits could open {@code ws://127.0.0.1:PORT} and
 * edit the served objects: a browser's handshake to the endpoints (it carries an {@code Origin} header)
 * is refused with 403 unless it comes from a page of this server. Clients that are not browsers send no
 * Origin and are let in. On a loopback bind every request must also name a loopback host (127.x, [::1],
 * localhost), which defeats a site that rebinds its own name to 127.0.0.1 to become "same origin".
 */
final class SameOriginOnly extends Handler.Wrapper {
    private final boolean loopback;
    private final List<String> endpointPaths;

    SameOriginOnly(Handler next, boolean loopback, List<String> endpointPaths) {
        super(next);
        this.loopback = loopback;
        this.endpointPaths = List.copyOf(endpointPaths);
    }

    @Override public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (loopback && !loopbackHost(host)) {
            Response.writeError(request, response, callback, 403,
                    "Host " + host + " refused: this server listens on loopback and answers loopback host names only");
            return true;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String path = Request.getPathInContext(request);
        if (origin != null && endpointPaths.stream().anyMatch(path::startsWith) && !sameAuthority(origin, host)) {
            Response.writeError(request, response, callback, 403,
                    "Origin " + origin + " refused: only pages of this server may connect to " + path);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** "127.0.0.1:8080", "[::1]:8080", "localhost" -> true; no name lookups (only literals and localhost). */
    static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null) return false;
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) h = h.substring(1, Math.max(1, h.indexOf(']')));
        else if (h.indexOf(':') >= 0) h = h.substring(0, h.indexOf(':'));
        if (h.equals("localhost")) return true;
        if (!h.matches("[0-9.]+") && !h.matches("[0-9a-f:]+")) return false;
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean sameAuthority(String origin, String host) {
        try {
            String authority = URI.create(origin).getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
