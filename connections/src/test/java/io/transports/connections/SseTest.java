package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Session;
import io.transports.connections.support.Await;
import io.transports.connections.support.Fixture;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The event stream: its wire form, keep-alives on a quiet stream, and resume with since. */
class SseTest {
    @Test void eachMessageIsOneEventWithTheJsonInDataAndQuietStreamsGetKeepAlives() throws Exception {
        try (Fixture f = Fixture.start(new Session(), Limits.DEFAULT.withSseKeepAliveMillis(100))) {
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(f.server.sseUrl())).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) lines.add(line);
                } catch (Exception ignored) {
                    // the stream is closed when the test ends
                }
            });
            reader.setDaemon(true);
            reader.start();
            Await.until("the snapshot event", () -> lines.stream().anyMatch(l -> l.startsWith("data: {\"t\":\"snapshot\"")));
            assertEquals("retry: 1000", lines.get(0));
            Await.until("a keep-alive comment on the quiet stream", () -> lines.contains(": keep-alive"));
            f.board.tick = 3;
            Await.until("the patch event", () -> lines.stream().anyMatch(l -> l.startsWith("data: {\"t\":\"patch\"")));
            r.body().close();
        }
    }

    @Test void aRunningSseClientResumesWithSinceAfterItsStreamDies() throws Exception {
        try (Fixture f = Fixture.start()) {
            TransportsClient sse = f.client("json").withBackoff(Duration.ofMillis(300), Duration.ofMillis(300));
            AtomicInteger snapshots = new AtomicInteger();
            sse.onChange(c -> {
                if (c.isSnapshot()) snapshots.incrementAndGet();
            });
            sse.runSse(f.server.sseUrl());
            Await.until("the first snapshot", () -> f.converged(sse));
            sse.dropConnection();
            for (int i = 0; i < 10; i++) {
                f.board.tick = 500 + i;
                f.fanout.sync();
            }
            Await.until("the stream to resume and catch up", () -> sse.openCount() >= 2 && f.converged(sse));
            assertEquals(1, snapshots.get(), "resumed from its revision: no second snapshot");
        }
    }
}
