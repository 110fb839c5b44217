package io.transports.jupyter;

import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Delivers what a cell changed as soon as its code has run, with no call from the user. JJava has
 * no post-execute hook, but every cell is evaluated snippet by snippet through JShell, and JShell
 * tells its snippet-event listeners after each snippet has executed (on the kernel's shell thread,
 * before the cell's reply). So each top-level statement of a cell ends with a sync; a failure is
 * printed under the cell that caused it and never breaks the cell. The same event shows widgets a
 * cell made but did not display ({@link CellDisplay}). The JShell is reached through
 * {@code JavaKernel.getJShell()} by reflection, as JavaKernel is not in the kernel API artifact.
 */
final class AfterCellHook {
    private AfterCellHook() {
    }

    static void install(BaseKernel kernel) throws ReflectiveOperationException {
        Object shell = kernel.getClass().getMethod("getJShell").invoke(kernel);
        if (!(shell instanceof JShell)) throw new IllegalStateException("the kernel has no JShell");
        JShell jshell = (JShell) shell;
        jshell.onSnippetEvent(event -> {
            try {
                CellDisplay.afterSnippet(jshell, event);
            } catch (Throwable e) {
                System.err.println("[transports] could not display this cell's widget: " + Log.describe(e));
            }
            afterSnippet();
            try {
                if (event.causeSnippet() == null && CellDisplay.isLast(jshell, event.snippet())) {
                    Notebook notebook = Notebook.ifMade();
                    if (notebook != null) notebook.saveStates(true);
                }
            } catch (Throwable e) {
                Log.warn("could not keep the widgets' last values in their state", e);
            }
        });
    }

    static void afterSnippet() {
        try {
            Notebook notebook = Notebook.ifMade();
            if (notebook != null && !notebook.idle()) notebook.syncAll();
        } catch (Throwable e) {
            // the shell thread is inside the cell here, so this line appears under it
            System.err.println("[transports] could not send this cell's changes: " + Log.describe(e));
        }
    }
}
