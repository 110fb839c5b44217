package io.transports.jupyter;

import io.transports.Server;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The comm targets the front end may open: {@code jupyter.widget.control} (widget restore) and
 * {@code transports} (a raw protocol connection to a served Server, chosen by the optional
 * {@code "server"} name in the comm_open data, else the one served last). An open that cannot be
 * served is accepted and closed at once with the reason in the close data.
 */
final class Targets {
    static final String CONTROL = "jupyter.widget.control";
    static final String TRANSPORTS = "transports";

    /** Servers offered on the transports target, by name. Guarded by Kernel.LOCK. */
    private static final Map<String, Server> SERVED = new LinkedHashMap<>();
    private static String lastServed;

    private Targets() {
    }

    static void register(CommManager manager) {
        manager.registerTarget(CONTROL, (m, id, target, msg) -> new ControlComm(m, id, target));
        manager.registerTarget(TRANSPORTS, Targets::openTransports);
    }

    static void serve(String name, Server server) {
        synchronized (Kernel.LOCK) {
            SERVED.put(name, server);
            lastServed = name;
        }
    }

    private static Comm openTransports(CommManager m, String id, String target, Message<CommOpenCommand> msg) {
        String name = null;
        Server server;
        try {
            name = Json.string(msg.getContent().getData(), "server");
            synchronized (Kernel.LOCK) {
                server = SERVED.get(name != null ? name : lastServed);
            }
        } catch (Throwable e) {
            server = null;
        }
        if (server == null) {
            String why = SERVED.isEmpty()
                    ? "no server is served in this kernel: call Jupyter.serve(server) in a cell first"
                    : "no server is served under the name '" + name + "'; served: " + SERVED.keySet();
            Refused refused = new Refused(m, id, target);
            refused.refuse(why, msg);
            return refused;
        }
        RawComm comm = new RawComm(m, id, target, server);
        try {
            comm.start(msg);
        } catch (Throwable e) {
            Log.warn("transports comm " + id + ": could not send the opening snapshots", e);
        }
        return comm;
    }

    /** A comm that is closed right away, after a reject message that says why. */
    private static final class Refused extends Comm {
        Refused(CommManager m, String id, String target) {
            super(m, id, target);
        }

        void refuse(String why, Message<?> parent) {
            try {
                synchronized (Kernel.LOCK) {
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
