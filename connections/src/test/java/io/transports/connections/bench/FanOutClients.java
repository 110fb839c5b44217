package io.transports.connections.bench;

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
 * The load side of the fan-out benchmark: N JSON WebSocket clients on the JDK's java.net.http in one
 * process, kept cheap (no mirror, no value decoding): each received frame is counted and the host's
 * mutation time is read from the {@code ts} field by a text scan; latency = receipt wall clock - ts.
 * Works against any server of the protocol (the Java and the Python one alike). Prints one result line:
 * {@code clients=... patches_per_s=... median_ms=... p99_ms=...}. Arguments: {@code --url U --clients N
 * --seconds S --warmup W}.
 *
 * <p>With {@code --writers K --write-rate R}, the first K clients also write: each sends R proposals a
 * second setting {@code ts} to its send time (so latency is then from a writer's proposal to each
 * receipt), and {@code writes_per_s} is the rise of the model's revision the clients saw over the window
 * divided by its length: the writes the server accepted and broadcast (skewed when the clients' lag
 * changes during the window; {@code window_ms} gives the window's wall-clock bounds so a host that
 * reports its own revision can be read over the same span, as connections/hub-writes.sh does).
 *
 * <p>With {@code --shape flat|deep|seq} (a {@link HubWritesHost}'s shared model, {@code --model} its id),
 * client i connects as tenant {@code w<i>} (a writer) or {@code reader}, each writer proposes at the
 * revision it last saw (what a mirror would send) the write that fits the model — {@code flat}: Set
 * {@code w<i>} to {@code {"ts": t}}; {@code deep}: Set {@code writers.w<i>.ts}; {@code seq}: Insert
 * {@code {"ts": t}} at 0 of {@code items} and RemoveAt 100 — and every {@code ts} in a received patch
 * counts (a flush may carry several writes). The default shape {@code ticker} is the single-field form above.
 */
public final class FanOutClients {
    private FanOutClients() {}

    public static void main(String[] args) throws Exception {
        String url = FanOutHost.arg(args, "--url", "ws://127.0.0.1:8080/transports");
        int n = Integer.parseInt(FanOutHost.arg(args, "--clients", "500"));
        int seconds = Integer.parseInt(FanOutHost.arg(args, "--seconds", "10"));
        int warmup = Integer.parseInt(FanOutHost.arg(args, "--warmup", "3"));
        String label = FanOutHost.arg(args, "--label", "server");
        int writers = Integer.parseInt(FanOutHost.arg(args, "--writers", "0"));
        int writeRate = Integer.parseInt(FanOutHost.arg(args, "--write-rate", "10"));
        long modelId = Long.parseLong(FanOutHost.arg(args, "--model", "1"));
        String shape = FanOutHost.arg(args, "--shape", "ticker");
        boolean hub = !shape.equals("ticker");

        Recorder rec = new Recorder(n * 200 * (seconds + 1));
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < 4; i++) https.add(HttpClient.newHttpClient());
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        List<Listener> listeners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Listener listener = new Listener(rec, hub);
            listeners.add(listener);
            String at = hub ? url + (url.contains("?") ? "&" : "?") + "tenant=" + (i < writers ? "w" + i : "reader") : url;
            opening.add(https.get(i % https.size()).newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(at), listener));
            if (i % 50 == 49) CompletableFuture.allOf(opening.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        }
        List<WebSocket> sockets = new ArrayList<>();
        for (var f : opening) sockets.add(f.get(60, TimeUnit.SECONDS));
        var writing = java.util.concurrent.Executors.newScheduledThreadPool(2);
        for (int w = 0; w < Math.min(writers, sockets.size()); w++) {
            WebSocket ws = sockets.get(w);
            Listener mine = listeners.get(w);
            String writer = "w" + w;
            AtomicInteger inFlight = new AtomicInteger();
            long period = 1_000_000_000L / writeRate;
            writing.scheduleAtFixedRate(() -> {
                if (inFlight.get() > 0) return; // the socket is still busy with the last one: skip, do not queue
                Instant now = Instant.now();
                long ts = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                inFlight.incrementAndGet();
                String ops = switch (shape) {
                    case "flat" -> "{\"Set\":{\"path\":[{\"Key\":\"" + writer + "\"}],\"value\":{\"Map\":{\"ts\":{\"Int\":" + ts + "}}}}}";
                    case "deep" -> "{\"Set\":{\"path\":[{\"Key\":\"writers\"},{\"Key\":\"" + writer + "\"},{\"Key\":\"ts\"}],\"value\":{\"Int\":" + ts + "}}}";
                    case "seq" -> "{\"Insert\":{\"path\":[{\"Key\":\"items\"}],\"index\":0,\"value\":{\"Map\":{\"ts\":{\"Int\":" + ts + "}}}}},"
                            + "{\"RemoveAt\":{\"path\":[{\"Key\":\"items\"}],\"index\":100}}";
                    default -> "{\"Set\":{\"path\":[{\"Key\":\"ts\"}],\"value\":{\"Int\":" + ts + "}}}";
                };
                long base = hub ? Math.max(0, mine.lastRev) : 0;
                ws.sendText("{\"t\":\"patch\",\"id\":" + modelId + ",\"patch\":{\"rev\":" + base + ",\"ops\":[" + ops + "]}}", true)
                        .whenComplete((x, e) -> inFlight.decrementAndGet());
            }, period * w / Math.max(1, writers), period, TimeUnit.NANOSECONDS);
        }
        Thread.sleep(warmup * 1000L); // let connections settle before measuring (a benchmark, not a test)
        long windowStart = System.currentTimeMillis();
        rec.start();
        Thread.sleep(seconds * 1000L);
        rec.stop();
        long windowStop = System.currentTimeMillis();
        writing.shutdownNow();
        long[] lat = rec.latencies();
        Arrays.sort(lat);
        double perSec = rec.frames() / (double) seconds;
        System.out.printf(Locale.ROOT,
                "%s: clients=%d open=%d seconds=%d patches=%d patches_per_s=%.0f per_client_per_s=%.1f median_ms=%.2f p99_ms=%.2f closed=%d writers=%d writes_per_s=%.0f window_ms=%d-%d%n",
                label, n, n - rec.closed.get(), seconds, rec.frames(), perSec, perSec / n,
                pct(lat, 0.50), pct(lat, 0.99), rec.closed.get(), writers, rec.revRise() / (double) seconds, windowStart, windowStop);
        for (WebSocket ws : sockets) ws.abort();
        System.exit(0);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    /** Latencies (ns) and frame counts of the measuring window, shared by every listener. */
    static final class Recorder {
        private final long[] samples;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicLong frames = new AtomicLong();
        final AtomicInteger closed = new AtomicInteger();
        private volatile boolean on;

        Recorder(int capacity) { samples = new long[capacity]; }

        private final AtomicLong maxRev = new AtomicLong(-1);
        private volatile long revAtStart = -1, revAtStop = -1;

        void start() {
            revAtStart = maxRev.get();
            on = true;
        }

        void stop() {
            on = false;
            revAtStop = maxRev.get();
        }

        void rev(long rev) { maxRev.accumulateAndGet(rev, Math::max); }

        /** How far the model's revision rose over the measuring window. */
        long revRise() { return revAtStart < 0 ? 0 : revAtStop - revAtStart; }

        void frame(long latencyNanos) {
            if (!on) return;
            frames.incrementAndGet();
            int i = count.getAndIncrement();
            if (i < samples.length) samples[i] = latencyNanos;
        }

        long frames() { return frames.get(); }

        long[] latencies() { return Arrays.copyOf(samples, Math.min(count.get(), samples.length)); }
    }

    static final class Listener implements WebSocket.Listener {
        private final Recorder rec;
        private final boolean everyTs;
        private final StringBuilder text = new StringBuilder();
        /** The newest revision this connection has seen (a writer proposes at it). */
        volatile long lastRev = -1;

        Listener(Recorder rec, boolean everyTs) {
            this.rec = rec;
            this.everyTs = everyTs;
        }

        @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long rev = rev(text);
                if (rev >= 0) {
                    rec.rev(rev);
                    if (rev > lastRev) lastRev = rev;
                }
                if (text.indexOf("\"patch\"") >= 0) {
                    Instant now = Instant.now();
                    long nowNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                    if (everyTs) {
                        for (long ts : allTs(text)) if (ts > 0) rec.frame(nowNs - ts);
                    } else {
                        long ts = ts(text);
                        if (ts > 0) rec.frame(nowNs - ts);
                    }
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            rec.closed.incrementAndGet();
            return null;
        }

        @Override public void onError(WebSocket ws, Throwable error) { rec.closed.incrementAndGet(); }

        /** The last revision in the message (the newest patch of a batch or merge), or -1; spaces allowed (Python's JSON). */
        static long rev(CharSequence s) {
            String str = s.toString();
            int k = str.lastIndexOf("\"rev\"");
            if (k < 0) return -1;
            int i = k + 5;
            while (i < str.length() && (str.charAt(i) == ' ' || str.charAt(i) == ':')) i++;
            long v = 0;
            int start = i;
            while (i < str.length() && Character.isDigit(str.charAt(i))) v = v * 10 + (str.charAt(i++) - '0');
            return i > start ? v : -1;
        }

        /** The Int after every "ts" key in the message (one per write a coalesced patch carries). */
        static List<Long> allTs(CharSequence s) {
            String str = s.toString();
            List<Long> out = new ArrayList<>();
            for (int k = str.indexOf("\"ts\""); k >= 0; k = str.indexOf("\"ts\"", k + 4)) {
                int i = str.indexOf("\"Int\":", k);
                if (i < 0) break;
                i += 6;
                while (i < str.length() && str.charAt(i) == ' ') i++;
                long v = 0;
                int start = i;
                while (i < str.length() && Character.isDigit(str.charAt(i))) v = v * 10 + (str.charAt(i++) - '0');
                if (i > start) out.add(v);
            }
            return out;
        }

        /** The Int right after the last "ts" key in the message, or -1. */
        static long ts(CharSequence s) {
            String str = s.toString();
            int k = str.lastIndexOf("\"ts\"");
            if (k < 0) return -1;
            int i = str.indexOf("\"Int\":", k);
            if (i < 0) return -1;
            i += 6;
            while (i < str.length() && str.charAt(i) == ' ') i++;
            long v = 0;
            int start = i;
            while (i < str.length() && Character.isDigit(str.charAt(i))) v = v * 10 + (str.charAt(i++) - '0');
            return i > start ? v : -1;
        }
    }
}
