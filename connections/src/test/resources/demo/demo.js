// Wires the page: the widget's default view (the same module the notebook widget uses) over a
// SocketModel connected to this server's WebSocket endpoint, or its SSE endpoint with ?sse.
import widget from "./widget/widget.js";
import { SocketModel } from "./socket-model.js";

const sse = new URLSearchParams(location.search).has("sse");
const url = sse
  ? `${location.origin}/transports/events`
  : `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/transports`;
const el = document.getElementById("app");
const status = document.getElementById("status");
const model = new SocketModel(url, {
  sse,
  el,
  onStatus(s) {
    status.dataset.status = s;
    status.textContent = { open: sse ? "live (read-only, SSE)" : "live", connecting: "connecting…", reconnecting: "reconnecting…" }[s];
  },
});
widget.initialize?.({ model });
widget.render({ model, el });
