package io.transports.jupyter;

import io.transports.Server;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;

import java.util.List;

/**
 * The comm targets the front end may open: {@code jupyter.widget.control} (widget restore) and
 * {@code transports} (a raw protocol connection to a served Server, chosen by the optional
 * {@code "server"} name in the comm_open data, else the one served last). An open that cannot be
 * served is accepted and closed at once with the reason in the close data.
 */
final class Targets {
    static final String CONTROL = "jupyter.widget.control";
    static final String TRANSPORTS = "transports";

    private Targets() {
    }

    static void register(CommManager manager) {
        manager.registerTarget(CONTROL, (m, id, target, msg) -> new ControlComm(m, id, target));
        manager.registerTarget(TRANSPORTS, Targets::openTransports);
        RestoreGate.install(manager);
    }

    private static Comm openTransports(CommManager m, String id, String target, Message<CommOpenCommand> msg) {
        Notebook notebook = Notebook.current();
        String name = null;
        Server server;
        try {
            name = Json.string(msg.getContent().getData(), "server");
            server = notebook.served(name);
        } catch (Throwable e) {
            server = null;
        }
        if (server == null) {
            List<String> names = notebook.servedNames();
            String why = names.isEmpty()
                    ? "no server is served in this kernel: call Jupyter.serve(server) in a cell first"
                    : "no server is served under the name '" + name + "'; served: " + names;
            Refused refused = new Refused(m, id, target, notebook);
            refused.refuse(why, msg);
            return refused;
        }
        RawComm comm = new RawComm(m, id, target, notebook, server);
        try {
            comm.start(msg);
        } catch (Throwable e) {
            Log.warn("transports comm " + id + ": could not send the opening snapshots", e);
        }
        return comm;
    }

    /** A comm that is closed right away, after a reject message that says why. */
    private static final class Refused extends Comm {
        private final Notebook notebook;

        Refused(CommManager m, String id, String target, Notebook notebook) {
            super(m, id, target);
            this.notebook = notebook;
        }

        void refuse(String why, Message<?> parent) {
            try {
                synchronized (notebook.lock) {
                    Kernel.withParent(Kernel.comms(), parent, () -> {
                        send(Json.parseObject(Json.reject(0, 0, why)));
                        close();
                    });
                }
            } catch (Throwable e) {
                Log.warn("could not refuse a transports comm (" + why + ")", e);
            }
        }

        @Override
        protected void onMessage(Message<CommMsgCommand> message) {
        }

        @Override
        protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        }
    }
}
