package io.transports.jupyter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Operator-facing log lines of the extension. They go to the kernel process's standard error as it
 * was when the extension loaded (the Jupyter server's log), not into whichever cell happens to be
 * running. Repeated identical lines are printed once, so a failing background sync cannot flood it.
 */
final class Log {
    private static final java.io.PrintStream ERR = System.err;
    private static final Set<String> SEEN = Collections.synchronizedSet(new LinkedHashSet<>());

    private Log() {
    }

    static void warn(String what, Throwable e) {
        String line = "[transports] " + what + (e == null ? "" : ": " + describe(e));
        if (SEEN.size() > 1000) SEEN.clear();
        if (SEEN.add(line)) ERR.println(line);
    }

    /** The message, or the class when there is none; an Error always names its class (StackOverflowError, AssertionError). */
    static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return e instanceof Error ? e.getClass().getSimpleName() + ": " + m : m;
    }
}
