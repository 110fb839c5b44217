package io.transports.jupyter;

import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.messages.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * Shows a widget made in a cell even when the cell's value is not that widget, so that
 * {@code var view = Widget.of(server);} (a declaration, which JJava gives no value) displays the widget
 * as the docs say. A widget made in a cell is "pending" until it is rendered (as a cell's value or by
 * {@code display(view)}); when the cell's last snippet has run, every widget still pending is displayed
 * under the cell — except the one JJava is about to render because the last snippet's value is a
 * Widget (as in {@code var view = Widget.of(server); view}), so no cell shows a widget twice. A later
 * bare {@code view} renders another view of the same widget, as any value would.
 *
 * <p>The last snippet is found the way JJava splits a cell: JShell's source analysis of the code of the
 * execute request being handled. The pending list is guarded by itself.
 */
final class CellDisplay {
    private CellDisplay() {
    }

    private static final List<Widget> PENDING = new ArrayList<>();

    static void made(Widget w) {
        synchronized (PENDING) {
            PENDING.add(w);
        }
    }

    static void rendered(Widget w) {
        synchronized (PENDING) {
            PENDING.remove(w);
        }
    }

    /** Called after each snippet of a cell (AfterCellHook), on the shell thread. */
    static void afterSnippet(JShell shell, SnippetEvent event) {
        List<Widget> show;
        synchronized (PENDING) {
            Snippet.Status status = event.status();
            // JJava drops overwritten snippets itself: those events are not a snippet of this cell running
            if (PENDING.isEmpty() || event.causeSnippet() != null || status == Snippet.Status.DROPPED
                    || status == Snippet.Status.OVERWRITTEN) return;
            boolean failed = event.exception() != null || status == Snippet.Status.REJECTED; // the cell stops here
            if (!failed && !isLast(shell, event.snippet())) return;
            show = new ArrayList<>(PENDING);
            if (!failed && valueIsAWidget(event.snippet())) show.remove(renderedByJJava(shell, event.snippet(), show));
            PENDING.clear();
        }
        BaseKernel kernel = Kernel.get();
        for (Widget w : show) {
            try {
                kernel.display(kernel.getRenderer().render(w));
            } catch (RuntimeException e) {
                Log.warn("could not display " + w + "; show it with display(view)", e);
            }
        }
    }

    /** Whether JJava will render the value of this snippet as the cell's value, and that value is a Widget. */
    private static boolean valueIsAWidget(Snippet s) {
        String type = s instanceof VarSnippet v && (s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) ? v.typeName()
                : s instanceof ExpressionSnippet e ? e.typeName() : null;
        return type != null && (type.equals("Widget") || type.equals(Widget.class.getName()));
    }

    /**
     * Which pending widget the last snippet's value is: for a bare variable ({@code view}), the one whose
     * text JShell reports for that variable; for an expression ({@code Widget.of(x)}), the newest.
     */
    private static Widget renderedByJJava(JShell shell, Snippet s, List<Widget> pending) {
        Widget newest = pending.get(pending.size() - 1);
        if (!(s instanceof ExpressionSnippet e) || s.subKind() != Snippet.SubKind.VAR_VALUE_SUBKIND) return newest;
        try {
            String text = shell.variables().filter(v -> v.name().equals(e.name()))
                    .map(shell::varValue).findFirst().orElse(null);
            for (Widget w : pending) if (w.toString().equals(text) || ("\"" + w + "\"").equals(text)) return w;
        } catch (RuntimeException ex) {
            // the variable's text is not available: the newest is the usual case (var view = ...; view)
        }
        return newest;
    }

    /** Whether this snippet is the last statement of the cell being run. */
    static boolean isLast(JShell shell, Snippet snippet) {
        String code = currentCode();
        if (code == null) return false;
        String last = null;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            last = info.source();
            String rest = info.remaining();
            if (rest == null || rest.isBlank()) break;
            info = analysis.analyzeCompletion(rest);
        }
        return last != null && same(last, snippet.source());
    }

    private static boolean same(String a, String b) {
        return trim(a).equals(trim(b));
    }

    private static String trim(String s) {
        s = s.strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        return s;
    }

    /** The code of the execute request the kernel is handling (the comm manager's message context), or null. */
    private static String currentCode() {
        try {
            Object context = Kernel.context();
            if (!(context instanceof Message<?> m) || m.getContent() == null) return null;
            Object code = m.getContent().getClass().getMethod("getCode").invoke(m.getContent());
            return code instanceof String s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
