package io.transports.connections;

import io.transports.Frame;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A {@link Channel} over a Server-Sent Events response, written with non-blocking servlet I/O so a
 * reader that stops reading never holds a thread. Each message is one event whose {@code data} is the
 * JSON text; keep-alives are comment lines. Closing writes the reason as a comment and ends the
 * response; the browser's reconnect (or the Java client's) then resumes with {@code since}.
 */
final class SseChannel implements Channel, WriteListener, AsyncListener {
    private final AsyncContext async;
    private final ServletOutputStream out;
    private Fanout fanout;
    private Outbound outbound;
    private byte[] pending;            // bytes not yet written
    private boolean flushPending;      // written, not yet flushed
    private Consumer<Throwable> done;  // completion of the frame in progress
    private boolean ended;

    SseChannel(AsyncContext async, ServletOutputStream out) {
        this.async = async;
        this.out = out;
    }

    /** Tie the channel to its connection, once the fanout has opened it. */
    synchronized void attach(Fanout fanout, Outbound outbound) {
        this.fanout = fanout;
        this.outbound = outbound;
    }

    private static final Frame PREAMBLE = Frame.ofText("retry: 1000");

    @Override public boolean wantsKeepAlive() { return true; }

    @Override public Frame preamble() { return PREAMBLE; }

    @Override public void send(Frame frame, Consumer<Throwable> done) {
        String text = frame == KEEP_ALIVE ? ": keep-alive\n\n" : frame == PREAMBLE ? "retry: 1000\n\n" : event(frame.text());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(bytes, done);
    }

    /** Write raw bytes (the event text); {@code done} is called when they are flushed. */
    synchronized void write(byte[] bytes, Consumer<Throwable> done) {
        if (ended) {
            done.accept(new IOException("the event stream has ended"));
            return;
        }
        this.pending = bytes;
        this.done = done;
        onWritePossible();
    }

    @Override public void close(int code, String reason) {
        if (reason == null) reason = "";
        boolean idle;
        boolean refused;
        synchronized (this) {
            if (ended) return;
            idle = done == null;
            refused = outbound == null;
        }
        if (idle && refused) {
            end(); // refused: the reason is the body already
        } else if (idle) {
            write((": closed " + code + " " + reason.replace('\n', ' ') + "\n\n").getBytes(StandardCharsets.UTF_8), e -> end());
        } else {
            end(); // a write is stuck: do not queue behind it
        }
    }

    @Override public void onWritePossible() {
        Consumer<Throwable> finished = null;
        synchronized (this) {
            try {
                while (out.isReady()) {
                    if (pending != null) {
                        out.write(pending);
                        pending = null;
                        flushPending = true;
                    } else if (flushPending) {
                        out.flush();
                        flushPending = false;
                    } else {
                        finished = done;
                        done = null;
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
                return;
            }
        }
        if (finished != null) finished.accept(null);
    }

    @Override public void onError(Throwable t) { fail(t); }

    private void fail(Throwable t) {
        Consumer<Throwable> d;
        synchronized (this) {
            d = done;
            done = null;
            pending = null;
        }
        if (d != null) d.accept(t);
        end();
    }

    private void end() {
        Fanout h;
        Outbound o;
        synchronized (this) {
            if (ended) return;
            ended = true;
            h = fanout;
            o = outbound;
        }
        try {
            async.complete();
        } catch (IllegalStateException ignored) {
            // already completed by the container
        }
        if (h != null && o != null) h.closed(o, 1001, "event stream ended");
    }

    @Override public void onComplete(AsyncEvent event) { end(); }

    @Override public void onTimeout(AsyncEvent event) { end(); }

    @Override public void onError(AsyncEvent event) { fail(event.getThrowable()); }

    @Override public void onStartAsync(AsyncEvent event) {}

    /** One SSE event: every line of the text as a {@code data:} line (JSON text normally has one). */
    static String event(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (String line : text.split("\r\n|\r|\n", -1)) sb.append("data: ").append(line).append('\n');
        return sb.append('\n').toString();
    }
}
