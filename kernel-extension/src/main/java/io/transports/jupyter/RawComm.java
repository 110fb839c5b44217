package io.transports.jupyter;

import com.google.gson.JsonObject;
import io.transports.Frame;
import io.transports.Server;
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
 * a served {@code Server}, where each comm message's data is the protocol message itself. It gets
 * its snapshots as soon as it opens; its messages are proposals; input the server cannot read is
 * answered with a reject to this comm alone.
 */
final class RawComm extends Comm implements Endpoint {
    private final Notebook notebook;
    private final Server server;
    private final KernelConnection conn;

    RawComm(CommManager manager, String id, String target, Notebook notebook, Server server) {
        super(manager, id, target);
        this.notebook = notebook;
        this.server = server;
        this.conn = notebook.connection("transports comm " + id, "json", io.transports.Permissions.all(), Map.of(), this);
    }

    void start(MessageContext parent) {
        synchronized (notebook.lock) {
            notebook.attach(server);
            deliver(server.connect(conn), parent);
        }
    }

    @Override
    public void deliver(List<Frame> frames, MessageContext parent) {
        if (isClosed()) return;
        synchronized (notebook.lock) {
            Kernel.withParent(Kernel.comms(), parent, () -> {
                for (Frame f : frames) {
                    if (f.isText()) send(Json.parseObject(f.text()));
                }
            });
        }
    }

    @Override
    protected void onMessage(Message<CommMsgCommand> message) {
        String text = null;
        try {
            JsonObject data = message.getContent().getData();
            text = data == null ? "null" : data.toString();
            synchronized (notebook.lock) {
                notebook.dispatch(server.receive(conn, Frame.ofText(text)), message);
            }
        } catch (Throwable e) {
            try {
                deliver(List.of(Frame.ofText(Json.reject(text == null ? 0 : Json.modelId(text), 0,
                        "could not read this message: " + Log.describe(e)))), message);
            } catch (Throwable again) {
                Log.warn("transports comm " + getID() + ": could not reject a message", again);
            }
        }
    }

    @Override
    protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        try {
            synchronized (notebook.lock) {
                notebook.dispatch(server.disconnect(conn), message);
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
