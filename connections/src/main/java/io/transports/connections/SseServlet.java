package io.transports.connections;

import io.transports.codec.Codec;
import io.transports.codec.CodecException;
import io.transports.codec.Codecs;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Server-Sent Events endpoint, on the Jakarta Servlet API (asynchronous, non-blocking writes):
 * receive-only, JSON, one event per message with the message in {@code data}. Query parameter
 * {@code since} resumes as on WebSocket; {@code codec}, if given, must name JSON. A bad parameter gets
 * HTTP 400 and a denied connection 403, each with a plain-text reason. Register it with async support:
 *
 * <pre>{@code
 * ServletHolder sse = new ServletHolder(new SseServlet(fanout));
 * sse.setAsyncSupported(true);
 * context.addServlet(sse, "/transports/events");
 * }</pre>
 */
public final class SseServlet extends HttpServlet {
    private final transient Fanout fanout;

    public SseServlet(Fanout fanout) { this.fanout = Objects.requireNonNull(fanout, "fanout"); }

    @Override protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<Long, Long> since;
        try {
            since = SinceParam.parse(req.getParameter("since"));
            BatchParam.parse(req.getParameter("batch"));
            String codec = req.getParameter("codec");
            if (codec != null && !codec.isEmpty()) {
                Codec c;
                try {
                    c = Codecs.forName(codec);
                } catch (CodecException e) {
                    throw new IllegalArgumentException("unknown codec '" + codec + "': use json, msgpack or cbor");
                }
                if (c.binary()) throw new IllegalArgumentException("codec '" + codec + "' is binary: an event stream carries JSON only");
            }
        } catch (IllegalArgumentException e) {
            plain(resp, 400, e.getMessage());
            return;
        }
        Handshake handshake = handshake(req);
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("X-Accel-Buffering", "no"); // ask buffering proxies to pass events through at once

        AsyncContext async = req.startAsync();
        async.setTimeout(0); // the stream lives until either side ends it
        ServletOutputStream out = resp.getOutputStream();
        SseChannel channel = new SseChannel(async, out);
        async.addListener(channel);
        out.setWriteListener(channel);
        try {
            Outbound o = fanout.open(channel, handshake, "json", since);
            channel.attach(fanout, o);
        } catch (Refusal r) {
            // nothing is written before a refusal, so the status can still say what happened
            resp.setStatus(r.httpStatus());
            resp.setContentType("text/plain;charset=utf-8");
            resp.setHeader("Cache-Control", null);
            channel.write((r.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), e -> channel.close(r.code, r.getMessage()));
        } catch (RuntimeException e) { // a model that cannot be snapshotted, say: this stream only
            System.err.println("transports: cannot open " + handshake.path() + ": " + e);
            resp.setStatus(500);
            resp.setContentType("text/plain;charset=utf-8");
            resp.setHeader("Cache-Control", null);
            channel.write(("server error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), x -> channel.close(1011, "server error"));
        }
    }

    private static Handshake handshake(HttpServletRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) headers.put(name, Collections.list(req.getHeaders(name)));
        Map<String, List<String>> query = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> query.put(k, List.of(v)));
        return new Handshake("sse", req.getRequestURI(), query, headers, req.getUserPrincipal());
    }

    private static void plain(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().println(message);
    }
}
