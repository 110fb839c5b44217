package io.transports.jupyter;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.transports.Broadcaster;
import io.transports.Connection;
import io.transports.Frame;
import io.transports.Hub;
import io.transports.Permissions;
import io.transports.Server;
import io.transports.Session;
import io.transports.codec.CodecException;
import io.transports.codec.Codecs;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A live, editable view of hosted objects in a Java notebook: an anywidget widget whose front end
 * (widget-js) mirrors a {@code Server}'s models and sends edits back as proposals.
 *
 * <pre>{@code
 * var session = new Session();
 * var lamp = new Device("lamp");
 * session.host(lamp);
 * var view = Widget.of(session);   // shown under the cell; a later bare "view" shows another view
 * lamp.on = true;                  // in a later cell: the widget shows it when that cell ends
 * }</pre>
 *
 * <p>A widget made in a cell is displayed under that cell: as the cell's value when the cell ends
 * with it, else when the cell's last statement has run ({@code CellDisplay}); {@code display(view)}
 * shows it where you call it.
 *
 * <p>{@code Widget.of(hub, "alice")} shows one tenant of a {@link Hub}: its private models and the
 * shared models it subscribes to (edits to those are merged by the hub and reach every subscriber).
 * On a shared model each view shows who else is on which field, named by tenant (presence).
 *
 * <p>Each rendered view (several outputs, a second tab, a reloaded page) is its own connection of
 * the server (or hub). A read-only widget ({@link #readOnly(Object)}) shows the models but refuses every
 * edit with a reason. Creating a widget opens its comm, so do it from a cell.
 */
public final class Widget implements DisplayDataRenderable {
    static final String MODEL_NAME = "AnyModel";
    static final String VIEW_NAME = "AnyView";
    static final String MODULE = "anywidget";
    /** The anywidget front-end versions this state is for (the installed front end is 0.11.x). */
    static final String MODULE_VERSION = "~0.11.*";
    static final String PROTOCOL_VERSION = "2.1.0";
    static final String READ_ONLY_REASON = "this widget is read-only";
    private static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";

    private final Notebook notebook;
    private final Broadcaster server;
    /** The session whose models give the views their schemas and the saved state its values. */
    private final Session session;
    /** What each view's connection presents (a hub reads its tenant from it). */
    private final Map<String, List<String>> params;
    private final boolean readOnly;
    private final JsonObject state;
    /** Connections of this widget's views, by view id. Guarded by the notebook's lock. */
    private final Map<String, ViewConnection> views = new LinkedHashMap<>();
    private WidgetChannel comm;
    private boolean closed;
    /** The last values kept in the widget state for a saved notebook. Guarded by the notebook's lock. */
    private final SavedState saved = new SavedState();

    private Widget(Notebook notebook, Broadcaster server, Session session, Map<String, List<String>> params, boolean readOnly) {
        this.notebook = notebook;
        this.server = server;
        this.session = session;
        this.params = params;
        this.readOnly = readOnly;
        this.state = initialState(readOnly);
    }

    /** A widget of every model the server's session hosts. */
    public static Widget of(Server server) {
        return open(Notebook.current(), server, false);
    }

    /**
     * A widget of every model the session hosts. It shares the server of the notebook's other widgets
     * of this session, if any, so one flush serves them all.
     */
    public static Widget of(Session session) {
        Notebook notebook = Notebook.current();
        return open(notebook, notebook.serverOf(session), false);
    }

    /**
     * A widget of {@code target}: a {@code Server} or {@code Session} as above, or any other object,
     * which is then hosted in a session of its own so that the widget shows that one model.
     */
    public static Widget of(Object target) {
        Notebook notebook = Notebook.current();
        return open(notebook, serverFor(notebook, target), false);
    }

    /**
     * A widget of one tenant of a hub: the tenant's private models and the shared models it subscribes
     * to. Each view is a connection of the hub whose {@code tenant} parameter is {@code tenant}, so the
     * hub's tenant function should read {@code conn.param("tenant")}.
     */
    public static Widget of(Hub hub, String tenant) {
        if (hub == null || tenant == null) throw new IllegalArgumentException("Widget.of(hub, tenant): pass a Hub and a tenant name");
        return ofTenant(Notebook.current(), hub, tenant);
    }

    static Widget ofTenant(Notebook notebook, Hub hub, String tenant) {
        return open(notebook, hub, hub.tenant(tenant), Map.of("tenant", List.of(tenant)), false);
    }

    /** Like {@link #of(Object)}, but every edit from the views is refused with a reason. */
    public static Widget readOnly(Object target) {
        Notebook notebook = Notebook.current();
        return open(notebook, serverFor(notebook, target), true);
    }

    static Server serverFor(Notebook notebook, Object target) {
        if (target == null) throw new IllegalArgumentException("Widget.of(null): pass a Server, a Session or an object to show");
        if (target instanceof Widget) throw new IllegalArgumentException("Widget.of(widget): the argument is already a widget");
        if (target instanceof Server) return (Server) target;
        if (target instanceof Session) return notebook.serverOf((Session) target);
        Session session = new Session();
        session.host(target);
        return Notebook.newServer(session);
    }

    /** Opens the widget's comm in {@code notebook} (the kernel's, or a test's with a fake comm). */
    static Widget open(Notebook notebook, Server server, boolean readOnly) {
        if (server == null) throw new IllegalArgumentException("Widget.of(null): pass a Server, a Session or an object to show");
        return open(notebook, server, server.session(), Map.of(), readOnly);
    }

    /** Opens a widget of any broadcaster; {@code session} gives schemas and saved values, {@code params} go on each view's connection. */
    static Widget open(Notebook notebook, Broadcaster server, Session session, Map<String, List<String>> params, boolean readOnly) {
        Widget w = new Widget(notebook, server, session, params, readOnly);
        // A tenant's views show the tenant's name to the other people on a shared field (presence).
        List<String> tenant = params.get("tenant");
        if (tenant != null && !tenant.isEmpty()) w.state.addProperty("user", tenant.get(0));
        w.state.addProperty("_esm", WidgetBundle.esm());
        w.state.addProperty("_css", WidgetBundle.css());
        synchronized (notebook.lock) {
            try {
                JsonObject first = w.saved.next(session, true, System.currentTimeMillis());
                if (first != null) w.state.add("saved", first);
            } catch (RuntimeException e) {
                Log.warn("could not keep the first values of a widget in its state", e);
            }
            JsonObject openData = new JsonObject();
            openData.add("state", w.state.deepCopy());
            openData.add("buffer_paths", new JsonArray());
            w.comm = notebook.openComm(w, openData);
            notebook.add(w);
            notebook.attach(server);
        }
        return w;
    }

    private static JsonObject initialState(boolean readOnly) {
        JsonObject s = new JsonObject();
        s.addProperty("_model_name", MODEL_NAME);
        s.addProperty("_model_module", MODULE);
        s.addProperty("_model_module_version", MODULE_VERSION);
        s.addProperty("_view_name", VIEW_NAME);
        s.addProperty("_view_module", MODULE);
        s.addProperty("_view_module_version", MODULE_VERSION);
        s.add("_view_count", JsonNull.INSTANCE);
        s.addProperty("_anywidget_id", Widget.class.getName());
        s.addProperty("read_only", readOnly);
        return s;
    }

    /** The widget's model id (its comm id), as in the display bundle. */
    public String modelId() {
        return comm.id();
    }

    /**
     * The server whose models this widget shows.
     *
     * @throws IllegalStateException for a widget of a hub's tenant (see {@link #broadcaster()})
     */
    public Server server() {
        if (server instanceof Server s) return s;
        throw new IllegalStateException("this widget shows a tenant of a hub, not a Server; use broadcaster()");
    }

    /** The server or hub this widget's views are connections of. */
    public Broadcaster broadcaster() {
        return server;
    }

    /** The connection of one view, or null (for tests of the routing). */
    io.transports.Connection viewConnection(String view) {
        synchronized (notebook.lock) {
            ViewConnection v = views.get(view);
            return v == null ? null : v.conn;
        }
    }

    /** The session whose models give the views their schemas (a hub tenant's private session). */
    Session session() {
        return session;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /** How many rendered views are connected now. */
    public int views() {
        synchronized (notebook.lock) {
            return views.size();
        }
    }

    /** Closes every view's connection and the widget's comm; the outputs stop updating. */
    public void close() {
        synchronized (notebook.lock) {
            if (closed) return;
            notebook.rendered(this);
            closeViews(null);
            comm.close();
        }
    }

    @Override
    public Set<MIMEType> getSupportedRenderTypes() {
        return Set.of(MIMEType.parse(VIEW_MIME), MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN);
    }

    @Override
    public Set<MIMEType> getPreferredRenderTypes() {
        return getSupportedRenderTypes();
    }

    /**
     * The display bundle: the widget view reference, a static HTML copy of the values for viewers that
     * run no widgets ({@link StaticHtml}), and a text fallback.
     */
    @Override
    public void render(RenderContext context) {
        notebook.rendered(this);
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("model_id", modelId());
        ref.put("version_major", 2);
        ref.put("version_minor", 1);
        context.getOutputContainer().putData(VIEW_MIME, ref);
        try {
            String html;
            synchronized (notebook.lock) {
                html = StaticHtml.of(session, toString());
            }
            context.getOutputContainer().putHTML(html);
        } catch (RuntimeException e) {
            Log.warn("could not make the static copy of " + this, e); // the live view does not need it
        }
        context.getOutputContainer().putText(toString());
    }

    @Override
    public String toString() {
        return "Widget(" + modelId() + (readOnly ? ", read-only" : "") + ")";
    }

    // ---- called by the comm layer, on the shell thread -----------------------------------------

    WidgetChannel comm() {
        return comm;
    }

    Notebook notebook() {
        return notebook;
    }

    /** A copy of the current widget state, for {@code request_state} and the control comm. */
    JsonObject state() {
        synchronized (notebook.lock) {
            return state.deepCopy();
        }
    }

    /**
     * Puts the last synced values into the widget state and sends them to the front end, which keeps
     * them for a notebook saved with widget state ({@link SavedState}); {@code now} after a cell, else
     * at most every 2 s. Called with the notebook's lock held.
     */
    void saveState(boolean now) {
        if (closed || comm.isClosed()) return;
        JsonObject s = saved.next(session, now, System.currentTimeMillis());
        if (s == null) return;
        state.add("saved", s);
        JsonObject change = new JsonObject();
        change.add("saved", s);
        comm.sendUpdate(change, null);
    }

    void frontEndUpdate(JsonObject changes) {
        synchronized (notebook.lock) {
            for (String key : changes.keySet()) {
                if (!key.startsWith("_") && !key.equals("read_only") && !key.equals("saved")) state.add(key, changes.get(key));
            }
        }
    }

    void onCustom(JsonObject content, MessageContext request) {
        String view = Json.string(content, "view");
        if (view == null) view = "";
        synchronized (notebook.lock) {
            if (closed) return;
            if (Json.isTrue(content, "ready")) {
                // a view that reads MessagePack says so; every other answer (none, an older view) is JSON
                openView(view, ViewConnection.MSGPACK.equals(Json.string(content, "codec")) ? ViewConnection.MSGPACK
                        : ViewConnection.JSON, request);
            } else if (content.has("wire")) {
                propose(view, content, request);
            } else if (Json.isTrue(content, "closed")) {
                closeView(view, request);
            }
        }
    }

    private ViewConnection openView(String view, String codec, MessageContext request) {
        ViewConnection old = views.remove(view);
        if (old != null) forget(old, request);
        ViewConnection conn = new ViewConnection(this, view, codec,
                readOnly ? Permissions.all().readOnly(READ_ONLY_REASON) : Permissions.all(), params);
        views.put(view, conn);
        long t0 = FrameLog.ON ? System.nanoTime() : 0;
        List<Frame> opening = server.connect(conn.conn); // the snapshots, encoded
        FrameLog.opened(comm, view, t0);
        conn.deliver(opening, request);
        return conn;
    }

    private void propose(String view, JsonObject content, MessageContext request) {
        ViewConnection conn = views.get(view);
        if (conn == null) conn = openView(view, ViewConnection.JSON, request);
        String text = Json.string(content, "wire");
        if (text == null) {
            reject(conn, 0, "a proposal must carry the protocol message as JSON text in the string field \"wire\"", request);
            return;
        }
        try {
            notebook.dispatch(server.receive(conn.conn, proposalFrame(conn, text)), request);
            notebook.flushAfterProposal(server, request);
        } catch (CodecException e) {
            reject(conn, 0, "malformed frame: " + e.getMessage(), request);
        } catch (RuntimeException e) {
            reject(conn, Json.modelId(text), "could not apply this proposal: " + Log.describe(e), request);
        }
    }

    /**
     * Proposals are JSON text from every view; a MessagePack view's connection reads MessagePack, so its
     * proposal is read as JSON here and re-encoded (text that does not read gets the reject a malformed
     * frame gets from the server).
     */
    private static Frame proposalFrame(ViewConnection conn, String text) {
        Frame frame = Frame.ofText(text);
        if (!ViewConnection.MSGPACK.equals(conn.codec)) return frame;
        return Codecs.forName(ViewConnection.MSGPACK).encode(Codecs.forName(ViewConnection.JSON).decode(frame));
    }

    private void reject(ViewConnection conn, long id, String why, MessageContext request) {
        conn.deliver(List.of(Frame.ofText(Json.reject(id, 0, why))), request);
    }

    private void closeView(String view, MessageContext request) {
        ViewConnection conn = views.remove(view);
        if (conn != null) forget(conn, request);
    }

    /** The view's connection leaves the server (a hub tells the others its awareness is gone). */
    private void forget(ViewConnection conn, MessageContext request) {
        try {
            notebook.dispatch(server.disconnect(conn.conn), request);
        } finally {
            notebook.forget(conn.conn);
        }
    }

    /**
     * Sends the server's frames for this widget's views: patches that all views of one codec get go
     * once for all of them (a view ignores broadcasts in the other codec), the rest to each view by id
     * ({@link ViewRouting}). Called with the notebook's lock held.
     */
    void deliver(Map<Connection, List<Frame>> out, MessageContext parent) {
        if (closed || comm.isClosed()) return;
        Map<ViewConnection, List<Frame>> frames = new LinkedHashMap<>();
        for (ViewConnection v : views.values()) {
            List<Frame> l = out.get(v.conn);
            if (l != null) frames.put(v, l);
        }
        frames = EchoSharing.share(frames);
        Map<String, List<ViewConnection>> byCodec = new LinkedHashMap<>();
        for (ViewConnection v : views.values()) byCodec.computeIfAbsent(v.codec, k -> new ArrayList<>()).add(v);
        for (List<ViewConnection> group : byCodec.values()) {
            ViewRouting.Plan plan = ViewRouting.plan(group, frames);
            if (!plan.broadcast().isEmpty()) {
                for (ViewConnection v : group) v.sendNewSchemas(parent);
                for (Frame f : plan.broadcast()) ViewConnection.send(comm, f, null, parent);
            }
            for (Map.Entry<ViewConnection, List<Frame>> e : plan.addressed().entrySet()) e.getKey().deliver(e.getValue(), parent);
        }
    }

    private void closeViews(MessageContext request) {
        for (ViewConnection conn : views.values()) {
            try {
                forget(conn, request);
            } catch (RuntimeException e) {
                Log.warn("could not close " + conn, e);
            }
        }
        views.clear();
        closed = true;
        notebook.remove(this);
        notebook.detach(server);
    }

    void closedByFrontEnd() {
        synchronized (notebook.lock) {
            if (!closed) closeViews(null);
        }
    }
}
