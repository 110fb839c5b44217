// Wires the widget page of Serve: connect() (WebSocket, or connectSSE with ?sse) mirrors what this
// server serves, with reconnect and resume, and renderModels draws every model and proposes the edits.
// The page's own query parameters (except sse) go to the endpoint, so ?tenant=alice reaches a hub's
// tenant function and ?batch=1 asks for batch frames; the client adds `since` itself when it resumes.
import { connect, connectSSE, renderModels } from "./widget/client.js";

const params = new URLSearchParams(location.search);
const sse = params.has("sse");
params.delete("sse");
params.delete("since");
const query = params.toString() ? `?${params}` : "";
const conn = sse
  ? connectSSE(`${location.origin}/transports/events${query}`)
  : connect(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/transports${query}`);
const view = renderModels(conn.client, document.getElementById("app"), (frame) => conn.send(frame), { readOnly: sse });

const who = params.get("tenant");
document.title = who ? `transports: ${who}` : "transports";
const status = document.getElementById("status");
let wasOpen = false;
function showStatus(s) {
  const shown = s === "open" ? "open" : wasOpen ? "reconnecting" : "connecting";
  wasOpen ||= s === "open";
  status.dataset.status = shown;
  const live = `live${who ? ` as ${who}` : ""}${sse ? " (read-only, SSE)" : ""}`;
  status.textContent = { open: live, connecting: "connecting…", reconnecting: "reconnecting…" }[shown];
  // While the connection is down the form is disabled: an edit could not reach the Java object.
  view.setOffline(shown === "reconnecting" ? "The connection to the server is lost — reconnecting. Edits are not sent meanwhile." : null);
}
conn.onStatus(showStatus);
conn.onError((e) => {
  console.warn("[transports]", e.message);
  status.title = e.message;
});
showStatus(conn.status);
