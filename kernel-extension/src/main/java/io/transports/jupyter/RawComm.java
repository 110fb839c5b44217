package io.transports.jupyter;

import com.google.gson.JsonObject;
import io.transports.Broadcaster;
import io.transports.Frame;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;

import java.util.List;
import java.util.Map;

/**
 * A front end's comm on target {@code transports} (docs/protocol.md, "Channels"): one connection of
 * a served {@code Server} or {@code Hub}, where each comm message's data is the protocol message
 * itself. The connection presents the parameters {@link Targets} took from the comm_open data (a hub
 * reads its tenant from them). It gets its snapshots as soon as it opens; its messages are proposals;
 * input the broadcaster cannot read is answered with a reject to this comm alone; a comm the
 * broadcaster will not open (a hub that cannot decide its tenant) is closed after a reject saying why.
 */
final class RawComm extends Comm implements Endpoint {
    private final CommManager manager;
    private final Notebook notebook;
    private final Broadcaster server;
    private final KernelConnection conn;
    /** Whether the broadcaster opened the connection (only then is there something to forget on close). */
    private boolean attached;

    RawComm(CommManager manager, String id, String target, Notebook notebook, Broadcaster server, Map<String, List<String>> params) {
        super(manager, id, target);
        this.manager = manager;
        this.notebook = notebook;
        this.server = server;
        this.conn = notebook.connection("transports comm " + id, "json", io.transports.Permissions.all(), params, this);
    }

    /**
     * Opens the connection and sends its opening frames; when the broadcaster refuses it (a hub's
     * tenant function cannot place it), sends a reject with the reason and closes the comm.
     */
    void start(MessageContext parent) {
        synchronized (notebook.lock) {
            List<Frame> opening;
            try {
                opening = server.connect(conn);
            } catch (IllegalArgumentException e) {
                notebook.forget(conn);
                Kernel.withParent(manager, parent, () -> {
                    send(Json.parseObject(Json.reject(0, 0, "this comm cannot be opened: " + Log.describe(e))));
                    close();
                });
                return;
            }
            notebook.attach(server);
            attached = true;
            deliver(opening, parent);
        }
    }

    @Override
    public void deliver(List<Frame> frames, MessageContext parent) {
        if (isClosed()) return;
        synchronized (notebook.lock) {
            Kernel.withParent(manager, parent, () -> {
                for (Frame f : frames) {
                    if (f.isText()) send(Json.parseObject(f.text()));
                }
            });
        }
    }

    @Override
    protected void onMessage(Message<CommMsgCommand> message) {
        receive(message.getContent().getData(), message);
    }

    /** One protocol message from the front end (a comm message's data). */
    void receive(JsonObject data, MessageContext parent) {
        String text = null;
        try {
            text = data == null ? "null" : data.toString();
            synchronized (notebook.lock) {
                notebook.dispatch(server.receive(conn, Frame.ofText(text)), parent);
                notebook.flushAfterProposal(server, parent);
            }
        } catch (Throwable e) {
            try {
                deliver(List.of(Frame.ofText(Json.reject(text == null ? 0 : Json.modelId(text), 0,
                        "could not read this message: " + Log.describe(e)))), parent);
            } catch (Throwable again) {
                Log.warn("transports comm " + getID() + ": could not reject a message", again);
            }
        }
    }

    @Override
    protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        closed(message);
    }

    /** The front end closed the comm: forget the connection; the others hear what they must (awareness). */
    void closed(MessageContext parent) {
        try {
            synchronized (notebook.lock) {
                if (!attached) return;
                attached = false;
                notebook.dispatch(server.disconnect(conn), parent);
                notebook.forget(conn);
                notebook.detach(server);
            }
        } catch (Throwable e) {
            Log.warn("transports comm " + getID() + ": could not close", e);
        }
    }

    @Override
    public String toString() {
        return "transports comm " + getID();
    }
}
