// Wires the shared-note page: connect() mirrors the hub as the tenant named by ?tenant= (default
// "guest"), renderModels draws the note and sends each keystroke of its text as a CRDT splice. While
// the connection is down the page says so and the text stays editable; setOffline(null) on the way
// back resends what was typed meanwhile.
import { connect, renderModels } from "./widget/client.js";

const tenant = new URLSearchParams(location.search).get("tenant") ?? "guest";
const scheme = location.protocol === "https:" ? "wss" : "ws";
const conn = connect(`${scheme}://${location.host}/transports?tenant=${encodeURIComponent(tenant)}`);
// userName: the name the other pages show beside the field this person is on (presence).
const view = renderModels(conn.client, document.getElementById("app"), (frame) => conn.send(frame), { userName: tenant });

const status = document.getElementById("status");
let wasOpen = false;
function showStatus(s) {
  const shown = s === "open" ? "open" : wasOpen ? "offline" : "connecting";
  wasOpen ||= s === "open";
  status.dataset.status = shown;
  status.textContent = { open: `live as ${tenant}`, connecting: "connecting…", offline: "offline — your typing is kept and sent when the connection is back" }[shown];
  view.setOffline(shown === "offline" ? "Offline: edits to the note are kept and sent when the connection is back." : null);
}
conn.onStatus(showStatus);
conn.onError((e) => console.warn("[notes]", e.message));
showStatus(conn.status);
