package io.transports.jupyter;

import io.transports.Frame;

/**
 * An operator's record of every protocol frame the kernel sends to widget views, one line each on the
 * kernel's standard error (the Jupyter server's log): which comm, to whom ({@code all} for a broadcast
 * every view applies, else the view id), the frame's kind, model, revision and size. Off unless the
 * kernel's environment sets {@code TRANSPORTS_FRAME_LOG=1} (or the system property
 * {@code transports.frameLog=true}); the end-to-end test of several views counts these lines to check
 * that a patch leaves the kernel once for all views.
 */
final class FrameLog {
    private static final java.io.PrintStream ERR = System.err;
    static final boolean ON = "1".equals(System.getenv("TRANSPORTS_FRAME_LOG"))
            || Boolean.getBoolean("transports.frameLog");

    private FrameLog() {
    }

    static void sent(WidgetChannel comm, String view, Frame f) {
        if (!ON) return;
        FrameHead h = FrameHead.of(f);
        int size = f.isText() ? f.text().length() : f.bytes().length;
        ERR.println("[transports] frame comm=" + comm.id() + " to=" + (view == null ? "all" : view) + " " + h.kind()
                + " model=" + h.id() + " rev=" + h.rev() + " size=" + size + (f.isText() ? " json" : " msgpack"));
    }
}
