package io.transports.jupyter;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;

/**
 * The {@code jupyter.widget.control} comm a page opens when it (re)connects to the kernel: it asks
 * {@code request_states} and gets {@code update_states} with every live widget's model name,
 * module, version and state, so views come back after a reload or in a second tab. (JupyterLab's
 * fallback, comm_info_request, fails against JJava, whose reply lacks {@code status: "ok"}.)
 */
final class ControlComm extends Comm {

    ControlComm(CommManager manager, String id, String target) {
        super(manager, id, target);
    }

    @Override
    protected void onMessage(Message<CommMsgCommand> message) {
        try {
            if (!"request_states".equals(Json.string(message.getContent().getData(), "method"))) return;
            JsonObject states = new JsonObject();
            Notebook notebook = Notebook.current();
            for (Widget w : notebook.widgets()) {
                JsonObject entry = new JsonObject();
                entry.addProperty("model_name", Widget.MODEL_NAME);
                entry.addProperty("model_module", Widget.MODULE);
                entry.addProperty("model_module_version", Widget.MODULE_VERSION);
                entry.add("state", w.state());
                states.add(w.modelId(), entry);
            }
            JsonObject reply = new JsonObject();
            reply.addProperty("method", "update_states");
            reply.add("states", states);
            reply.add("buffer_paths", new JsonArray());
            // A kernel with no widget answers once the page's restore has settled (RestoreGate says why).
            RestoreGate.answer(states.size() > 0, () -> {
                synchronized (notebook.lock) {
                    Kernel.withParent(Kernel.comms(), message, () -> send(reply));
                }
            });
        } catch (Throwable e) {
            Log.warn("could not answer request_states", e);
        }
    }

    @Override
    protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        // nothing is kept per control comm
    }
}
