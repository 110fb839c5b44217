// Wires the page: the published client's connect() (WebSocket, or connectSSE with ?sse) mirrors this
// server's session, with reconnect and resume, and renderModels draws it and proposes the edits —
// the same view the notebook widget uses, with no transport code of the page's own.
import { connect, connectSSE, renderModels } from "./widget/client.js";

const sse = new URLSearchParams(location.search).has("sse");
const conn = sse
  ? connectSSE(`${location.origin}/transports/events`)
  : connect(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/transports`);
const view = renderModels(conn.client, document.getElementById("app"), (frame) => conn.send(frame), { readOnly: sse });

const status = document.getElementById("status");
let wasOpen = false;
function showStatus(s) {
  const shown = s === "open" ? "open" : wasOpen ? "reconnecting" : "connecting";
  wasOpen ||= s === "open";
  status.dataset.status = shown;
  status.textContent = { open: sse ? "live (read-only, SSE)" : "live", connecting: "connecting…", reconnecting: "reconnecting…" }[shown];
  // While the connection is down the form is disabled: an edit could not reach the Java object.
  view.setOffline(shown === "reconnecting" ? "The connection to the server is lost — reconnecting. Edits are not sent meanwhile." : null);
}
conn.onStatus(showStatus);
conn.onError((e) => console.warn("[demo]", e.message));
showStatus(conn.status);
