package io.transports.connections;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the URL a client opens: the given URL with its {@code codec} and {@code since} query
 * parameters replaced by the client's own (since omitted when the client holds nothing yet), and
 * {@code batch=1} when the client asks for batch frames.
 */
final class ClientUrls {
    private ClientUrls() {}

    static String with(String url, String codec, Map<Long, Long> since) { return with(url, codec, since, false); }

    /** As above; {@code batch}: ask for batch frames ({@code batch=1}, replacing any {@code batch} given). */
    static String with(String url, String codec, Map<Long, Long> since, boolean batch) {
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String base = hash < 0 ? url : url.substring(0, hash);
        int q = base.indexOf('?');
        String path = q < 0 ? base : base.substring(0, q);
        List<String> params = new ArrayList<>();
        if (q >= 0) {
            for (String p : base.substring(q + 1).split("&")) {
                if (!p.isEmpty() && !p.startsWith("codec=") && !p.startsWith("since=") && !(batch && p.startsWith("batch="))) params.add(p);
            }
        }
        if (codec != null && !codec.isEmpty()) params.add("codec=" + encode(codec));
        if (batch) params.add("batch=1");
        if (since != null && !since.isEmpty()) params.add("since=" + encode(SinceParam.format(since)));
        return (params.isEmpty() ? path : path + "?" + String.join("&", params)) + fragment;
    }

    private static String encode(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
