package io.transports.jupyter;

import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;

import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Why a notebook saved with widget state could reopen showing "Error displaying widget: model not
 * found" (about 1 reopening in 60) with this kernel, and what the kernel does about it.
 *
 * <p>JupyterLab's widget manager (jupyterlab_widgets 3.0, {@code WidgetManager.restoreWidgets})
 * restores in two ways that can run at once while a slow kernel starts: the full restore (models from
 * the kernel, then the saved notebook state, whose {@code set_state} registers the saved models only
 * after a {@code comm_info_request} round trip), and a kernel-only restore started when the kernel
 * connection reports "connected" while no restore is marked in progress. Whichever finishes first marks
 * the manager restored; a widget output whose model lookup (it polls for 2 s) ends after that mark but
 * before the saved models are registered shows "model not found" for good. Traced on this machine
 * ({@code kernel-extension/src/test/e2e/reopen-trace.mjs}): the kernel gets the kernel-only restore's
 * control comm ({@code request_states}) and, behind it, the full restore's first {@code comm_info};
 * it answered {@code update_states} at once, which finished the kernel-only restore about 200 ms before
 * the full restore's second {@code comm_info} (from {@code set_state}) was answered. A Python kernel
 * answers within milliseconds, so its window is tiny; JJava's shell loop takes 50-200 ms a round.
 *
 * <p>The fix here: in a kernel that has no widget yet (nothing to restore from the kernel, so the
 * answer is empty anyway), the {@code update_states} answer waits until the page's restore traffic has
 * gone quiet — no {@code comm_info_request} handled for {@link #QUIET_MS} — and at most {@link #MAX_MS}
 * (the front end gives up on the control comm after 4 s). The full restore's {@code set_state} round
 * trip then lands before it, so the saved models are registered before anything marks the manager
 * restored. Held answers go out one at a time, each after its own quiet period. A kernel with widgets
 * answers at once, as before (a page reload must get its live widgets quickly).
 *
 * <p>The kernel's comm_info handling is JJava's own; it is seen through a probe comm registered with
 * the comm manager, whose target name JJava reads for every registered comm while it answers a
 * {@code comm_info_request}. Its target is none the front end asks for, so it never appears in a reply.
 */
final class RestoreGate {
    /**
     * Quiet time after the last comm_info before a held answer goes: the page must still receive the
     * reply, load the widget's module and register the saved models, which under load took longer than
     * the 300 ms first chosen (a CI run on a loaded machine showed the error 2 times in 5 reopenings).
     */
    static final long QUIET_MS = 1500;
    /** The front end gives up on the control comm after 4 s and restores another way; stay well inside it. */
    static final long MAX_MS = 3400;
    private static final String PROBE_TARGET = "transports.comm-info-probe";

    private static final Object LOCK = new Object();
    private static volatile long lastCommInfo;
    private static final ArrayDeque<Held> HELD = new ArrayDeque<>();
    private static ScheduledExecutorService timer;

    private record Held(Runnable answer, long since) {
    }

    private RestoreGate() {
    }

    /** Registers the probe that sees JJava answer comm_info requests. */
    static void install(CommManager manager) {
        manager.registerComm(new Probe(manager));
    }

    /** Runs {@code answer} now when the kernel has widgets, else once restore traffic has gone quiet. */
    static void answer(boolean kernelHasWidgets, Runnable answer) {
        if (kernelHasWidgets) {
            answer.run();
            return;
        }
        synchronized (LOCK) {
            HELD.add(new Held(answer, System.currentTimeMillis()));
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "transports-restore-gate");
                    t.setDaemon(true);
                    return t;
                });
                timer.scheduleWithFixedDelay(RestoreGate::tick, 50, 50, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static void tick() {
        Runnable due = null;
        synchronized (LOCK) {
            Held h = HELD.peek();
            if (h == null) return;
            long now = System.currentTimeMillis();
            long quietSince = Math.max(h.since(), lastCommInfo);
            if (now - quietSince >= QUIET_MS || now - h.since() >= MAX_MS) {
                HELD.poll();
                due = h.answer();
                lastCommInfo = now; // the next held answer waits for its own quiet period
            }
        }
        if (due == null) return;
        try {
            due.run();
        } catch (Throwable e) {
            Log.warn("could not answer a held request_states", e);
        }
    }

    /** Not a comm any front end opens: JJava reads its target name while answering comm_info. */
    private static final class Probe extends Comm {
        Probe(CommManager manager) {
            super(manager, "transports-comm-info-probe", PROBE_TARGET);
        }

        @Override
        public String getTargetName() {
            lastCommInfo = System.currentTimeMillis();
            return PROBE_TARGET;
        }

        @Override
        protected void onMessage(Message<CommMsgCommand> message) {
        }

        @Override
        protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        }
    }
}
