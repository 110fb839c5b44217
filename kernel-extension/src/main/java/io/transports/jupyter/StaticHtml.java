package io.transports.jupyter;

import io.transports.Session;
import io.transports.protocol.Snapshot;
import io.transports.value.BoolValue;
import io.transports.value.FloatValue;
import io.transports.value.IntValue;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.StrValue;
import io.transports.value.SubmodelValue;
import io.transports.value.Value;

/**
 * The {@code text/html} part of a widget's display bundle: the models' values at display time as
 * plain nested tables and lists, every text escaped, no script and no style sheet. Viewers that run
 * no widgets (GitHub, nbviewer, a notebook opened without the widget extension) show this instead
 * of nothing. A large model is cut after {@link #MAX_NODES} nodes with a line saying how much is
 * left out, so the saved notebook stays small.
 */
final class StaticHtml {
    static final int MAX_NODES = 2_000;

    private final StringBuilder out = new StringBuilder();
    private int nodes;
    private int skipped;

    private StaticHtml() {
    }

    /** Every model of the session, each under a heading with its id and type. */
    static String of(Session session, String title) {
        StaticHtml h = new StaticHtml();
        h.out.append("<div class=\"transports-static\"><p><b>").append(escape(title))
                .append("</b> (a static copy made when the cell ran; the live widget needs a running kernel)</p>");
        for (long id : session.ids()) {
            Snapshot s;
            try {
                s = session.snapshot(id);
            } catch (RuntimeException e) {
                h.out.append("<p>model ").append(id).append(": cannot be shown (").append(escape(Log.describe(e))).append(")</p>");
                continue;
            }
            h.out.append("<details open><summary>model ").append(id).append(": ").append(escape(s.type())).append("</summary>");
            h.value(s.value());
            h.out.append("</details>");
        }
        if (h.skipped > 0) h.out.append("<p>… ").append(h.skipped).append(" more values not shown</p>");
        return h.out.append("</div>").toString();
    }

    private void value(Value v) {
        if (nodes >= MAX_NODES) {
            skipped += count(v);
            return;
        }
        nodes++;
        if (v instanceof MapValue m) {
            out.append("<table>");
            for (int i = 0; i < m.size(); i++) {
                out.append("<tr><th style=\"text-align:left;vertical-align:top\">").append(escape(m.keyAt(i))).append("</th><td>");
                value(m.valueAt(i));
                out.append("</td></tr>");
            }
            out.append("</table>");
        } else if (v instanceof ListValue l) {
            out.append("<ol start=\"0\">");
            for (int i = 0; i < l.size(); i++) {
                out.append("<li>");
                value(l.get(i));
                out.append("</li>");
            }
            out.append("</ol>");
        } else if (v instanceof StrValue s) {
            out.append(escape(s.value()));
        } else if (v instanceof IntValue n) {
            out.append(n.value());
        } else if (v instanceof FloatValue f) {
            out.append(f.value());
        } else if (v instanceof BoolValue b) {
            out.append(b.value());
        } else if (v instanceof SubmodelValue sub) {
            out.append("→ model ").append(sub.id());
        } else {
            out.append("<i>null</i>");
        }
    }

    private static int count(Value v) {
        int n = 1;
        if (v instanceof ListValue l) for (int i = 0; i < l.size(); i++) n += count(l.get(i));
        if (v instanceof MapValue m) for (int i = 0; i < m.size(); i++) n += count(m.valueAt(i));
        return n;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
