package io.transports.jupyter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The widget front end the jar carries: widget-js's ES module (sent as the anywidget {@code _esm})
 * and its optional style sheet ({@code _css}), copied in by the Maven build from widget-js/dist.
 */
final class WidgetBundle {
    private static final String DIR = "/io/transports/jupyter/web/";
    private static volatile String esm;
    private static volatile String css;

    private WidgetBundle() {
    }

    static String esm() {
        String s = esm;
        if (s == null) {
            s = read("widget.js");
            if (s == null) {
                throw new IllegalStateException("this transports-kernel-extension jar has no widget bundle ("
                        + DIR + "widget.js): build widget-js (npm ci && npm run build) and rebuild the jar");
            }
            esm = s;
        }
        return s;
    }

    static String css() {
        String s = css;
        if (s == null) {
            s = read("widget.css");
            css = s = s == null ? "" : s;
        }
        return s;
    }

    private static String read(String name) {
        try (InputStream in = WidgetBundle.class.getResourceAsStream(DIR + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the widget bundle " + DIR + name + ": " + e.getMessage(), e);
        }
    }
}
