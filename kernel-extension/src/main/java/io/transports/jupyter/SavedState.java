package io.transports.jupyter;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.transports.Session;
import io.transports.codec.Codecs;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A widget's last synced values, kept in its widget state under {@code saved} so that JupyterLab
 * writes them into the notebook with the widget state, and a view drawn from that saved state (the
 * kernel that made it is gone) shows them read-only with a note: {@code {"frames": ["<snapshot JSON>",
 * ...], "at": "<ISO-8601 time>"}}. Models too large to save ({@link #MAX_CHARS} characters of frames
 * in all) are left out, and {@code "omitted"} counts them. Sent at most every {@link #EVERY_MS} ms,
 * and after each cell, and only when a revision changed.
 */
final class SavedState {
    static final long EVERY_MS = 2_000;
    static final int MAX_CHARS = 512 * 1024;

    private Map<Long, Long> savedRevs = Map.of();
    private long savedAt;

    /** The new {@code saved} value, or null when nothing changed or it is too soon. */
    JsonObject next(Session session, boolean now, long nowMs) {
        if (!now && nowMs - savedAt < EVERY_MS) return null;
        Map<Long, Long> revs = new HashMap<>();
        for (long id : session.ids()) revs.put(id, session.rev(id));
        if (revs.equals(savedRevs)) return null;
        JsonArray frames = new JsonArray();
        int chars = 0;
        int omitted = 0;
        for (long id : session.ids()) {
            String text;
            try {
                text = Codecs.forName("json").encode(session.snapshot(id)).text();
            } catch (RuntimeException e) {
                omitted++;
                continue;
            }
            if (chars + text.length() > MAX_CHARS) {
                omitted++;
                continue;
            }
            chars += text.length();
            frames.add(text);
        }
        savedRevs = revs;
        savedAt = nowMs;
        JsonObject saved = new JsonObject();
        saved.add("frames", frames);
        saved.addProperty("at", Instant.ofEpochMilli(System.currentTimeMillis()).toString());
        if (omitted > 0) saved.addProperty("omitted", omitted);
        return saved;
    }
}
