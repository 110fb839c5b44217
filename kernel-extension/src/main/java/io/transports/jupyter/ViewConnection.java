package io.transports.jupyter;

import com.google.gson.JsonObject;
import io.transports.Frame;
import org.dflib.jjava.jupyter.messages.MessageContext;

import com.google.gson.JsonElement;
import io.transports.Session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One rendered view of a widget, as a connection of the widget's {@code Server}. Each view (a cell
 * output, a second tab, a reloaded page) says {@code {"ready": true, "view": id}} and gets its own
 * connection, so snapshots and rejects reach exactly the view they are for. Frames for one view
 * travel as anywidget custom messages {@code {"wire": "<JSON text>", "view": id}}; patches that every
 * view gets go out once, without {@code view} ({@link ViewRouting}). Before the first frame
 * about a model (its snapshot on ready, or anything after it was hosted), and again before a snapshot
 * when the model's class changed, the view gets the model's schema ({@link Schemas}), so its form
 * knows the Java types before it shows any value.
 */
final class ViewConnection implements Endpoint {
    /** The codecs a view may ask for in its ready message; anything else gets JSON. */
    static final String JSON = "json";
    static final String MSGPACK = "msgpack";

    final Widget widget;
    final String view;
    /** {@link #JSON} (frames as text in "wire") or {@link #MSGPACK} (frames as a binary buffer). */
    final String codec;

    /** This view as a connection of the widget's server or hub. */
    final KernelConnection conn;

    ViewConnection(Widget widget, String view, String codec, io.transports.Permissions permissions, Map<String, List<String>> params) {
        this.widget = widget;
        this.view = view;
        this.codec = codec;
        this.conn = widget.notebook().connection("view " + view + " of widget " + widget.modelId(), codec, permissions, params, this);
    }

    @Override
    public Widget widget() {
        return widget;
    }

    /** The class whose schema this view last got, by model id. Guarded by the notebook's lock. */
    private final Map<Long, Class<?>> schemaSent = new HashMap<>();
    /** The revision of the last snapshot this view got, by model id. Guarded by the notebook's lock. */
    private final Map<Long, Long> snapshotRev = new HashMap<>();

    /** Whether this view's mirror is at or past {@code rev} of model {@code id} (so it skips that patch). */
    boolean covers(long id, long rev) {
        Long have = snapshotRev.get(id);
        return have != null && have >= rev;
    }

    /** Sends these frames to this view alone, with the schemas it lacks first. */
    @Override
    public void deliver(List<Frame> frames, MessageContext parent) {
        sendNewSchemas(parent);
        for (Frame f : frames) {
            FrameHead head = FrameHead.of(f);
            if (head.isSnapshot()) {
                sendSchemaIfNew(head.id(), parent);
                snapshotRev.put(head.id(), head.rev());
            }
            send(widget.comm(), f, view, parent);
        }
    }

    /**
     * One frame as an anywidget custom message: text as {@code {"wire": text}}, bytes (MessagePack) as
     * {@code {"codec": "msgpack"}} with the frame in the message's one buffer; {@code view} null for
     * every view.
     */
    static void send(WidgetChannel comm, Frame f, String view, MessageContext parent) {
        JsonObject content = new JsonObject();
        List<byte[]> buffers;
        if (f.isText()) {
            content.addProperty("wire", f.text());
            buffers = List.of();
        } else {
            content.addProperty("codec", MSGPACK);
            buffers = List.of(f.bytes());
        }
        if (view != null) content.addProperty("view", view);
        long started = FrameLog.ON ? System.currentTimeMillis() : 0;
        comm.sendCustom(content, buffers, parent);
        FrameLog.sent(comm, view, f, started);
    }

    /** Schemas of the models hosted since this view last got schemas (hosted after it opened, say). */
    void sendNewSchemas(MessageContext parent) {
        Session session = widget.session();
        List<Long> ids = session.ids();
        if (ids.size() == schemaSent.size() && schemaSent.keySet().containsAll(ids)) return;
        Map<Long, JsonElement> fresh = new java.util.LinkedHashMap<>();
        for (long id : ids) {
            if (schemaSent.containsKey(id)) continue;
            Class<?> type = Schemas.typeOf(session, id);
            if (type == null) continue;
            schemaSent.put(id, type); // also when no schema can be made: the view shows values alone, and we do not retry
            JsonElement schema = Schemas.of(session, id);
            if (schema != null) fresh.put(id, schema);
        }
        if (!fresh.isEmpty()) widget.comm().sendCustom(Schemas.message(fresh, view), parent);
    }

    private void sendSchemaIfNew(long id, MessageContext parent) {
        Session session = widget.session();
        Class<?> type = Schemas.typeOf(session, id);
        if (type == null || schemaSent.get(id) == type) return;
        schemaSent.put(id, type);
        JsonElement schema = Schemas.of(session, id);
        if (schema == null) return;
        widget.comm().sendCustom(Schemas.message(Map.of(id, schema), view), parent);
    }

    /** The model id of a snapshot frame's text, or 0 for any other frame (reads the head only). */
    static long snapshotId(String text) {
        FrameHead h = FrameHead.of(Frame.ofText(text));
        return h.isSnapshot() ? h.id() : 0;
    }

    @Override
    public String toString() {
        return "view " + view + " of widget " + widget.modelId();
    }
}
