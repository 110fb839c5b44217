package io.transports.connections;

import io.transports.Frame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A receive-only {@link Link} over a Server-Sent Events stream, read with {@code java.net.http} on a
 * daemon thread: {@code data:} lines are joined and each event is handed on as one JSON frame; comment
 * lines (keep-alives) and other fields are skipped. A non-200 answer ends the link with that status
 * and the body's first line as the reason.
 */
final class SseLink implements Link {
    private final Events events;
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile InputStream body;

    private SseLink(Events events) { this.events = events; }

    /** Start the request; the future completes when the response headers are in (or fails). */
    static CompletableFuture<SseLink> open(
            HttpClient http, String url, java.util.Map<String, String> headers, Duration timeout, Events events) {
        SseLink link = new SseLink(events);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .timeout(timeout)
                .GET();
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).handle((resp, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                link.finish(() -> events.failed(link, cause));
                throw new java.util.concurrent.CompletionException(cause);
            }
            link.body = resp.body();
            if (resp.statusCode() != 200) {
                String reason = firstLine(resp.body());
                link.finish(() -> events.ended(link, resp.statusCode(), reason));
                return link;
            }
            events.opened(link);
            Thread reader = new Thread(link::read, "transports-sse-reader");
            reader.setDaemon(true);
            reader.start();
            return link;
        });
    }

    private void read() {
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (hasData && !over.get()) events.frame(this, Frame.ofText(data.toString()));
                    data.setLength(0);
                    hasData = false;
                } else if (line.startsWith("data:")) {
                    if (hasData) data.append('\n');
                    data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
                    hasData = true;
                } // comments (":"), event:, id: and retry: lines carry nothing for the mirror
            }
            finish(() -> events.ended(this, 1006, "the event stream ended"));
        } catch (IOException e) {
            finish(() -> events.failed(this, e));
        }
    }

    private void finish(Runnable report) {
        if (over.compareAndSet(false, true)) report.run();
    }

    @Override public boolean send(Frame frame) { return false; }

    @Override public void abort() {
        finish(() -> events.failed(this, new Aborted()));
        closeBody();
    }

    @Override public void close() {
        over.set(true);
        closeBody();
    }

    private void closeBody() {
        InputStream b = body;
        if (b == null) return;
        try {
            b.close(); // cancels the response's subscription
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static String firstLine(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(2048);
            String s = new String(bytes, StandardCharsets.UTF_8).strip();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        } catch (IOException e) {
            return "";
        }
    }
}
