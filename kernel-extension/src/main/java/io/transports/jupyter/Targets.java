package io.transports.jupyter;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comm targets the front end may open: {@code jupyter.widget.control} (widget restore) and
 * {@code transports} (a raw protocol connection to a served Server or Hub, chosen by the optional
 * {@code "server"} name in the comm_open data, else the one served last; a hub's comm presents the
 * data's string fields, such as {@code "tenant"}, as connection parameters). An open that cannot be
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
        return open(m, id, target, Notebook.current(), msg.getContent().getData(), msg);
    }

    /**
     * A comm on the transports target: the broadcaster served under the open data's {@code "server"}
     * name (else the one served last), one connection presenting the open data's string fields as
     * parameters — with the tenant of a {@code Jupyter.serve(name, hub, tenant)} in place of any the
     * data names. Nothing served under that name: accepted and closed with the reason.
     */
    static Comm open(CommManager m, String id, String target, Notebook notebook, JsonObject data, MessageContext parent) {
        String name = null;
        Notebook.Served served;
        try {
            name = Json.string(data, "server");
            served = notebook.served(name);
        } catch (Throwable e) {
            served = null;
        }
        if (served == null) {
            List<String> names = notebook.servedNames();
            String why = names.isEmpty()
                    ? "no server is served in this kernel: call Jupyter.serve(server) in a cell first"
                    : "no server is served under the name '" + name + "'; served: " + names;
            Refused refused = new Refused(m, id, target, notebook);
            refused.refuse(why, parent);
            return refused;
        }
        RawComm comm = new RawComm(m, id, target, notebook, served.broadcaster(), params(data, served.tenant()));
        try {
            comm.start(parent);
        } catch (Throwable e) {
            Log.warn("transports comm " + id + ": could not send the opening snapshots", e);
        }
        return comm;
    }

    /** The comm_open data's string fields as connection parameters; a fixed tenant replaces any given. */
    static Map<String, List<String>> params(JsonObject data, String tenant) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (data != null) {
            for (Map.Entry<String, JsonElement> e : data.entrySet()) {
                JsonElement v = e.getValue();
                if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) out.put(e.getKey(), List.of(v.getAsString()));
            }
        }
        if (tenant != null) out.put("tenant", List.of(tenant));
        return out;
    }

    /** A comm that is closed right away, after a reject message that says why. */
    private static final class Refused extends Comm {
        private final Notebook notebook;
        private final CommManager manager;

        Refused(CommManager m, String id, String target, Notebook notebook) {
            super(m, id, target);
            this.notebook = notebook;
            this.manager = m;
        }

        void refuse(String why, MessageContext parent) {
            try {
                synchronized (notebook.lock) {
                    Kernel.withParent(manager, parent, () -> {
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
