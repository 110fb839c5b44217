package io.transports.connections;

import io.transports.Change;
import io.transports.Client;
import io.transports.Frame;
import io.transports.Proposal;
import io.transports.codec.Codecs;
import io.transports.patch.Op;
import io.transports.protocol.Reject;
import io.transports.value.Value;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Java mirror of a remote session over WebSocket or Server-Sent Events, on the JDK's
 * {@code java.net.http} (no other dependency). It wraps a core {@link Client}: the mirrored values,
 * change and reject events are the core client's.
 *
 * <p>{@link #connect} and {@link #connectSse} open one connection and stay down when it drops;
 * {@link #run} and {@link #runSse} keep a connection up, reconnecting with exponential backoff and
 * resuming with {@code since} = the revisions the mirror holds, so the server replays only what was
 * missed (or sends a snapshot when its log no longer reaches back). Given several URLs (processes
 * behind one backplane), each reconnect goes to the next one in turn: failover without losing or
 * repeating a patch. A WebSocket server that stays silent past {@link #withIdleTimeout} (default
 * 30 s; a ping goes out at half of it) is taken for dead and dropped, since a dead peer does not always
 * produce a close or an error. {@link #withBatch} asks for batch frames.
 *
 * <p>A frame the mirror cannot apply never leaves it silently wrong: the core client marks that model
 * as needing a resync ({@link #onResync}), and a kept-up connection ({@link #run}) is dropped and
 * re-opened (after the shortest backoff) with {@code since} leaving that model out, so the server
 * sends a fresh snapshot of it ({@link #resyncCount()} counts these). A one-shot connection only
 * reports it.
 *
 * <p>Every proposal carries an id (docs/protocol.md "Proposal ids"). {@link #submit} and
 * {@link #submitOps} return it as a {@link Proposal} whose future completes with the revision the
 * server accepted it at (its echo, or an ack when it changed nothing), or fails with the server's
 * reason ({@code ProposalRejectedException}) or, when the connection goes away first or it could not
 * be sent, as abandoned ({@code ProposalAbandonedException}).
 *
 * <pre>{@code
 * try (var client = new TransportsClient("msgpack")) {
 *     client.onChange(c -> System.out.println(c.id() + " -> " + c.value()));
 *     client.run("ws://localhost:8080/transports");
 *     ...
 *     client.propose(1, Transports.toValue(new Device("lamp", true)));   // true when it went out
 *     long rev = client.submit(1, Transports.toValue(new Device("lamp", false))).accepted().get(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 */
public final class TransportsClient implements AutoCloseable {
    /** Where the client stands: never connected, connecting, open, or down (possibly about to retry). */
    public enum Status { IDLE, CONNECTING, OPEN, CLOSED }

    /** How the last connection ended: a WebSocket close code (or HTTP status for a refused SSE request) and reason. */
    public record Closed(int code, String reason) {}

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default {@link #withIdleTimeout}: twice the server's SSE keep-alive period (Limits: 15 s). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final Client mirror;
    private final String codec;
    private final HttpClient http;
    private final Link.Events events = new LinkEvents();
    private final List<Consumer<Status>> statusListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Throwable>> errorListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger opens = new AtomicInteger();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final Map<String, String> headers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private volatile Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private volatile Link link;
    private volatile Status status = Status.IDLE;
    private volatile Closed lastClose;
    private volatile String managedUrl;   // set by run/runSse: reconnect to it (the current one of managedUrls)
    private volatile List<String> managedUrls = List.of(); // run/runSse with several URLs: fail over in turn
    private volatile int urlIndex;
    private volatile boolean batch;      // ask for batch frames (batch=1)
    private volatile boolean managedSse;
    private volatile boolean gotFrame;    // since the last (re)connect: resets the backoff
    private volatile boolean closed;

    /** A JSON client. */
    public TransportsClient() { this("json"); }

    /** A client for a codec of the table in docs/protocol.md (json, msgpack, cbor); it sends that as the {@code codec} parameter. */
    public TransportsClient(String codec) { this(codec, null); }

    /** A client that shares an {@link HttpClient} (many clients in one process need not each have one). */
    public TransportsClient(String codec, HttpClient http) {
        this.codec = codec == null || codec.isEmpty() ? "json" : codec;
        Codecs.forName(this.codec); // an unknown name fails here, not on the server
        this.mirror = new Client(this.codec);
        this.http = http != null ? http : HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Reconnect delays for {@link #run}: from {@code min}, doubling, up to {@code max} (defaults 100 ms and 5 s). */
    public TransportsClient withBackoff(Duration min, Duration max) {
        this.backoff = new Backoff(min, max);
        return this;
    }

    /**
     * How long a WebSocket connection may hear nothing from its server before it is taken for dead
     * (default {@link #DEFAULT_IDLE_TIMEOUT}, 30 s). After half of it without a frame the client sends
     * a ping (every WebSocket server must answer with a pong); when the whole of it passes with no
     * frame, ping or pong, the connection is dropped — reported to {@link #onError} as "nothing heard
     * from the server", {@link #lastClose()} 1006 — and {@link #run} reconnects, failing over to the
     * next URL. So a dead server is noticed at most 1.25 x this after the last thing it sent, even when
     * no close or end of stream ever reaches the client. Time the client spends applying a frame does
     * not count. Applies to connections opened from now on.
     */
    public TransportsClient withIdleTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 4) throw new IllegalArgumentException("idle timeout must be at least 4 ms, got " + timeout);
        this.idleTimeout = timeout;
        return this;
    }

    /**
     * Ask the server for batch frames ({@code batch=1}, docs/protocol.md "Batch frames"): one frame per
     * flush holding all its messages, applied in order. Applies to connections opened from now on.
     */
    public TransportsClient withBatch(boolean batch) {
        this.batch = batch;
        return this;
    }

    /** Send this header with every connection attempt (credentials, roles: what the server's access hook reads). */
    public TransportsClient withHeader(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The core mirror: values, revisions, typed models. */
    public Client mirror() { return mirror; }

    public Value value(long id) { return mirror.value(id); }

    public <T> T model(long id, Class<T> type) { return mirror.model(id, type); }

    public Runnable onChange(Consumer<Change> listener) { return mirror.onChange(listener); }

    public Runnable onReject(Consumer<Reject> listener) { return mirror.onReject(listener); }

    /** Mirrors that needed a fresh snapshot (a patch failed to apply): the model id and why. */
    public Runnable onResync(Consumer<io.transports.Resync> listener) { return mirror.onResync(listener); }

    /** How many times a failed frame made this client reconnect for fresh snapshots. */
    public int resyncCount() { return resyncs.get(); }

    public Runnable onStatus(Consumer<Status> listener) {
        statusListeners.add(listener);
        return () -> statusListeners.remove(listener);
    }

    /** Connection failures and frames the mirror could not apply. Without listeners they go to standard error. */
    public Runnable onError(Consumer<Throwable> listener) {
        errorListeners.add(listener);
        return () -> errorListeners.remove(listener);
    }

    public Status status() { return status; }

    /** How the last connection ended, if one has. */
    public Optional<Closed> lastClose() { return Optional.ofNullable(lastClose); }

    /** Pongs heard on the current WebSocket connection (tests: the idle watch's pings were answered). */
    int pongsOnCurrentConnection() { return link instanceof WebSocketLink w ? w.pongs() : 0; }

    /** How many times a connection has opened (1 after the first connect; more after reconnects). */
    public int openCount() { return opens.get(); }

    /**
     * Open one WebSocket connection (ws:// or wss:// URL) and wait until it is open. It is not
     * re-established when it drops. A server that refuses the connection closes it right away:
     * see {@link #status()} and {@link #lastClose()}.
     *
     * @throws IOException when the connection cannot be made
     */
    public void connect(String url) throws IOException {
        awaitLink(start(List.of(Objects.requireNonNull(url, "url")), false, false));
    }

    /** Open one SSE stream (http:// URL) and wait for the response. Receive-only: {@link #propose} returns false. */
    public void connectSse(String url) throws IOException {
        awaitLink(start(List.of(Objects.requireNonNull(url, "url")), true, false));
    }

    /** Keep a WebSocket connection to {@code url} up: connect in the background, reconnect with backoff, resume with since. */
    public TransportsClient run(String url) {
        start(List.of(Objects.requireNonNull(url, "url")), false, true);
        return this;
    }

    /**
     * Keep a WebSocket connection up to one of these URLs (server processes sharing one backplane):
     * start with the first; whenever the connection drops or an attempt fails, go on to the next one in
     * turn (after the backoff), resuming there with {@code since}, so a dead process costs its clients
     * one reconnect, not their state.
     */
    public TransportsClient run(List<String> urls) {
        start(urls, false, true);
        return this;
    }

    /** Keep an SSE stream to {@code url} up, like {@link #run}. */
    public TransportsClient runSse(String url) {
        start(List.of(Objects.requireNonNull(url, "url")), true, true);
        return this;
    }

    /** Keep an SSE stream up to one of these URLs, failing over in turn like {@link #run(List)}. */
    public TransportsClient runSse(List<String> urls) {
        start(urls, true, true);
        return this;
    }

    /** The URL of the current (or next) attempt of {@link #run}/{@link #runSse}, or null for one-shot connections. */
    public String currentUrl() { return managedUrl; }

    /**
     * Propose that model {@code id} become {@code value}, over the current connection. Returns whether
     * the proposal went out (false when not connected, on SSE, or when no snapshot of the model has
     * arrived). The mirror changes only when the server's echo arrives; a refusal comes back as a reject.
     * {@link #submit} does the same and returns the proposal, to await its outcome.
     */
    public boolean propose(long id, Value value) {
        try {
            return dispatch(mirror.propose(id, value));
        } catch (NoSuchElementException e) {
            return false;
        }
    }

    /**
     * Propose these ops for model {@code id} (as a view does: only what the user changed, so a field the
     * host is changing meanwhile is not part of the proposal). Returns whether the proposal went out, as
     * {@link #propose} does.
     */
    public boolean proposeOps(long id, List<Op> ops) {
        try {
            return dispatch(mirror.proposeOps(id, ops));
        } catch (NoSuchElementException e) {
            return false;
        }
    }

    /**
     * Propose that model {@code id} become {@code value} and return the proposal: its future completes
     * with the revision the server accepted it at, or fails: refused ({@code ProposalRejectedException}),
     * or abandoned ({@code ProposalAbandonedException}: it could not be sent, or the connection closed
     * before the answer came).
     *
     * @throws NoSuchElementException when no snapshot of the model has arrived
     */
    public Proposal submit(long id, Value value) {
        Proposal p = mirror.propose(id, value);
        dispatch(p);
        return p;
    }

    /** Propose these ops for model {@code id} and return the proposal (see {@link #submit}). */
    public Proposal submitOps(long id, List<Op> ops) {
        Proposal p = mirror.proposeOps(id, ops);
        dispatch(p);
        return p;
    }

    /**
     * Send a frame as it is over the current WebSocket connection (a proposal made with the mirror's
     * {@code proposeOps} under an id of the caller's, say, or a message this client does not know).
     * Returns whether it went out: false when not connected, or on SSE (receive-only).
     */
    public boolean send(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        Link l = link;
        if (l == null || status != Status.OPEN || closed) return false;
        return l.send(frame);
    }

    /** Send a proposal; when it cannot go out, it is abandoned at once. Returns whether it went out. */
    private boolean dispatch(Proposal p) {
        boolean sent = send(p.frame());
        if (!sent) mirror.abandon(p.id(), status == Status.OPEN ? "its frame could not be sent" : "not connected");
        return sent;
    }

    /** Drop the current connection without a closing handshake; {@link #run} then reconnects and resumes. */
    public void dropConnection() {
        Link l = link;
        if (l != null) l.abort();
    }

    /** Close for good: no reconnect. */
    @Override public void close() {
        closed = true;
        Link l = link;
        link = null;
        if (l != null) l.close();
        mirror.abandonPending("the client was closed");
        setStatus(Status.CLOSED);
    }

    // ---- connecting ----

    private volatile CompletableFuture<? extends Link> pending;

    /** Start the first attempt; returns its future (the one-shot connects wait on it). */
    private synchronized CompletableFuture<? extends Link> start(List<String> urls, boolean sse, boolean managed) {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) throw new IllegalArgumentException("no URL to connect to");
        if (closed) throw new IllegalStateException("this client is closed");
        if (link != null || (pending != null && !pending.isDone())) throw new IllegalStateException("this client is already connected; use one client per server");
        managedUrls = managed ? urls : List.of();
        urlIndex = 0;
        managedUrl = managed ? urls.get(0) : null;
        managedSse = sse;
        return attempt(urls.get(0), sse);
    }

    private CompletableFuture<? extends Link> attempt(String url, boolean sse) {
        if (closed) return CompletableFuture.failedFuture(new IOException("the client is closed"));
        setStatus(Status.CONNECTING);
        gotFrame = false;
        String target = ClientUrls.with(url, sse ? null : codec, mirror.revisions(), batch);
        CompletableFuture<? extends Link> attempt;
        try {
            Map<String, String> h = Map.copyOf(headers);
            attempt = sse ? SseLink.open(http, target, h, CONNECT_TIMEOUT, events)
                          : WebSocketLink.open(http, target, h, CONNECT_TIMEOUT, idleTimeout, events);
        } catch (RuntimeException e) { // a malformed URL
            attempt = CompletableFuture.failedFuture(e);
            if (managedUrl != null) events.failed(null, e); // a one-shot connect throws it instead
            return attempt;
        }
        if (link == null) pending = attempt; // unless it already opened (opened() clears pending)
        return attempt;
    }

    private void awaitLink(CompletableFuture<? extends Link> attempt) throws IOException {
        try {
            attempt.get(CONNECT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            throw new IOException("cannot connect: " + cause, cause);
        } catch (TimeoutException e) {
            pending = null;
            throw new IOException("cannot connect: no answer in " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting");
        }
    }

    private void retryLater() {
        List<String> urls = managedUrls;
        if (managedUrl == null || urls.isEmpty() || closed) return;
        urlIndex = (urlIndex + 1) % urls.size(); // fail over: the next process resumes this mirror from the shared log
        String url = urls.get(urlIndex);
        managedUrl = url;
        long delay = backoff.nextMillis();
        boolean sse = managedSse;
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> attempt(url, sse));
    }

    private void setStatus(Status s) {
        if (status == s) return;
        status = s;
        for (Consumer<Status> l : statusListeners) l.accept(s);
    }

    private void report(Throwable e) {
        if (errorListeners.isEmpty()) {
            System.err.println("transports client: " + e);
            return;
        }
        for (Consumer<Throwable> l : errorListeners) l.accept(e);
    }

    /** Events from the current link; events from a replaced link are ignored. */
    private final class LinkEvents implements Link.Events {
        @Override public void opened(Link l) {
            if (closed) {
                l.close();
                return;
            }
            link = l;
            pending = null;
            opens.incrementAndGet();
            setStatus(Status.OPEN);
            // CRDT edits made while disconnected (or never echoed) go out again: operations are
            // idempotent, so the host applies each once however often it arrives
            for (Frame f : mirror.pendingCrdtFrames()) l.send(f);
        }

        @Override public void frame(Link l, Frame frame) {
            if (l != link) return;
            if (!gotFrame) {
                gotFrame = true;
                backoff.reset(); // the server accepted us: the next drop starts from the shortest delay
            }
            try {
                mirror.recv(frame);
            } catch (RuntimeException e) {
                // the core client has marked the model(s) for resync and left them out of revisions():
                // reconnecting now asks for fresh snapshots of exactly those
                report(new IOException("a frame could not be applied (" + e.getMessage() + ")"
                        + (managedUrl != null ? "; reconnecting for a fresh snapshot" : ""), e));
                if (managedUrl != null) {
                    resyncs.incrementAndGet();
                    l.abort();
                }
            }
        }

        @Override public void ended(Link l, int code, String reason) {
            lastClose = new Closed(code, reason == null ? "" : reason);
            down(l);
        }

        @Override public void failed(Link l, Throwable error) {
            if (!closed) {
                lastClose = new Closed(1006, String.valueOf(error.getMessage()));
                // report drops of an open connection; a failed attempt is either thrown by connect() or,
                // for run(), expected while the server is away
                boolean wasOpen = l != null && l == link;
                if (!(error instanceof Link.Aborted) && wasOpen) report(error);
            }
            down(l);
        }

        private void down(Link l) {
            synchronized (TransportsClient.this) {
                if (l != null && link != null && l != link) return; // an old link
                link = null;
                pending = null;
            }
            // no answer can come over a closed connection: its pending proposals are abandoned (after a
            // reconnect the mirror shows whether the server applied them)
            Closed why = lastClose;
            mirror.abandonPending("the connection closed" + (why == null ? "" : " (" + why.code() + (why.reason().isEmpty() ? "" : " " + why.reason()) + ")"));
            mirror.forgetPeers(); // their removals cannot reach us now; the hub sends the current states on reconnect
            if (closed) return;
            setStatus(Status.CLOSED);
            retryLater();
        }
    }
}
