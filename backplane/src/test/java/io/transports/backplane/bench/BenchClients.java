package io.transports.backplane.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load side of the backplane benchmark: N JSON WebSocket clients in one JVM, spread evenly over the
 * web processes' URLs, kept cheap (each patch frame is counted and the host's {@code ts} read by a
 * text scan; latency = receipt wall clock - ts). Prints one line: {@code label: processes=.. clients=..
 * patches_per_s=.. median_ms=.. p99_ms=..}. Arguments: URLS (comma-separated) CLIENTS SECONDS WARMUP LABEL.
 */
public final class BenchClients {
    public static void main(String[] args) throws Exception {
        String[] urls = args[0].split(",");
        int n = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        String label = args[4];
        long[] samples = new long[n * 120 * (seconds + 1)];
        AtomicInteger count = new AtomicInteger();
        AtomicLong frames = new AtomicLong();
        AtomicInteger closed = new AtomicInteger();
        boolean[] on = {false};
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < 4; i++) https.add(HttpClient.newHttpClient());
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WebSocket.Listener listener = new WebSocket.Listener() {
                final StringBuilder text = new StringBuilder();

                @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        long ts = ts(text);
                        if (on[0] && ts > 0 && text.indexOf("\"patch\"") >= 0) {
                            Instant now = Instant.now();
                            frames.incrementAndGet();
                            int k = count.getAndIncrement();
                            if (k < samples.length) samples[k] = now.getEpochSecond() * 1_000_000_000L + now.getNano() - ts;
                        }
                        text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }

                @Override public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closed.incrementAndGet();
                    return null;
                }

                @Override public void onError(WebSocket ws, Throwable error) { closed.incrementAndGet(); }
            };
            opening.add(https.get(i % https.size()).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(urls[i % urls.length]), listener));
            if (i % 50 == 49) CompletableFuture.allOf(opening.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        }
        List<WebSocket> sockets = new ArrayList<>();
        for (var f : opening) sockets.add(f.get(60, TimeUnit.SECONDS));
        Thread.sleep(warmup * 1000L); // a benchmark's warm-up, not a test's wait
        on[0] = true;
        Thread.sleep(seconds * 1000L);
        on[0] = false;
        long[] lat = Arrays.copyOf(samples, Math.min(count.get(), samples.length));
        Arrays.sort(lat);
        double perSec = frames.get() / (double) seconds;
        System.out.printf(Locale.ROOT, "%s: processes=%d clients=%d open=%d seconds=%d patches_per_s=%.0f per_client_per_s=%.1f median_ms=%.2f p99_ms=%.2f%n",
                label, urls.length, n, n - closed.get(), seconds, perSec, perSec / n, pct(lat, 0.50), pct(lat, 0.99));
        for (WebSocket ws : sockets) ws.abort();
        System.exit(0);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    /** The Int right after the last "ts" key in the message, or -1. */
    static long ts(CharSequence s) {
        String str = s.toString();
        int k = str.lastIndexOf("\"ts\"");
        if (k < 0) return -1;
        int i = str.indexOf("\"Int\":", k);
        if (i < 0) return -1;
        i += 6;
        long v = 0;
        int start = i;
        while (i < str.length() && Character.isDigit(str.charAt(i))) v = v * 10 + (str.charAt(i++) - '0');
        return i > start ? v : -1;
    }
}
