package io.transports.jupyter;

import io.transports.Frame;

/**
 * An operator's record of every protocol frame the kernel sends to widget views, one line each on the
 * kernel's standard error (the Jupyter server's log): which comm, to whom ({@code all} for a broadcast
 * every view applies, else the view id), the frame's kind, model, revision and size. Off unless the
 * kernel's environment sets {@code TRANSPORTS_FRAME_LOG=1} (or the system property
 * {@code transports.frameLog=true}); the end-to-end test of several views counts these lines to check
 * that a patch leaves the kernel once for all views, and the snapshot benchmark reads when a frame
 * left (epoch ms, {@code at}) and how long handing it to the kernel's comm took ({@code sendMs}).
 */
final class FrameLog {
    private static final java.io.PrintStream ERR = System.err;
    static final boolean ON = "1".equals(System.getenv("TRANSPORTS_FRAME_LOG"))
            || Boolean.getBoolean("transports.frameLog");

    private FrameLog() {
    }

    /** @param startedMs when the send began (epoch ms): the line gives it and how long the send took */
    static void sent(WidgetChannel comm, String view, Frame f, long startedMs) {
        if (!ON) return;
        long now = System.currentTimeMillis();
        FrameHead h = FrameHead.of(f);
        int size = f.isText() ? f.text().length() : f.bytes().length;
        ERR.println("[transports] frame comm=" + comm.id() + " to=" + (view == null ? "all" : view) + " " + h.kind()
                + " model=" + h.id() + " rev=" + h.rev() + " size=" + size + (f.isText() ? " json" : " msgpack") + " at=" + startedMs + " sendMs=" + (now - startedMs));
    }

    /** A view opened: how long making and encoding its snapshots took ({@code encodeMs}, from {@code startedNanos}). */
    static void opened(WidgetChannel comm, String view, long startedNanos) {
        if (!ON) return;
        ERR.println("[transports] view opened comm=" + comm.id() + " view=" + view + " encodeMs="
                + String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - startedNanos) / 1e6));
    }
}
