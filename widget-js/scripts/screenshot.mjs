// Renders the widget in headless Chromium twice, with JupyterLab-like light and dark theme
// variables, including a refused edit and the connection-lost banner, and writes a PNG.
// Usage: npm run build && node scripts/screenshot.mjs [out.png] [chromium-binary]
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { awaitGlobal, openPage } from "./chromium.mjs";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const out = process.argv[2] ?? join(tmpdir(), "transports-widget.png");
const code = readFileSync(join(here, "dist/widget.js"), "utf8");

const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; display: flex; gap: 0; }
.theme { flex: 1; padding: 12px; min-height: 100vh; box-sizing: border-box; }
.light { --jp-layout-color1: #fff; --jp-ui-font-color1: rgba(0,0,0,.87); --jp-ui-font-color2: rgba(0,0,0,.54); --jp-border-color1: #bdbdbd; --jp-border-color2: #e0e0e0; --jp-ui-font-family: system-ui, sans-serif; background: #fff; }
.dark { --jp-layout-color1: #111; --jp-ui-font-color0: #fff; --jp-ui-font-color1: rgba(255,255,255,.87); --jp-ui-font-color2: rgba(255,255,255,.54); --jp-border-color1: #616161; --jp-border-color2: #424242; --jp-input-background: #212121; --jp-warn-color3: #4e342e; --jp-error-color1: #ef5350; background: #111; }
</style></head><body><div class="theme light"><div id="a"></div></div><div class="theme dark"><div id="b"></div></div>
<script type="module">
const url = URL.createObjectURL(new Blob([${JSON.stringify(code)}], { type: "text/javascript" }));
const widget = (await import(url)).default;
function fakeModel() {
  const h = {};
  return { get: () => false, on(e, cb) { (h[e] ||= []).push(cb); }, off() {}, send() {}, emit(e, ...a) { (h[e] || []).forEach((cb) => cb(...a)); } };
}
const value = { Map: {
  name: { Str: "lamp <b>not bold</b>" }, on: { Bool: true }, watts: { Int: 40 }, ratio: { Float: 0.75 },
  owner: "Null", parent: { Submodel: 2 },
  tags: { List: [{ Str: "desk" }, { Str: "warm" }] },
  place: { Map: { room: { Str: "hall" }, floor: { Int: 1 } } } } };
for (const id of ["a", "b"]) {
  const m = fakeModel();
  widget.render({ model: m, el: document.getElementById(id) });
  const wire = (o) => m.emit("msg:custom", { wire: JSON.stringify(o) });
  wire({ t: "snapshot", id: 1, type: "Device", rev: 3, value });
  wire({ t: "snapshot", id: 2, type: "Room", rev: 0, value: { Map: { label: { Str: "hall" } } } });
  const sel = "#" + id + " [data-path='[{\\"Key\\":\\"watts\\"}]']";
  document.querySelector(sel).focus(); // the shown value becomes an input
  const input = document.querySelector(sel);
  input.value = "5000"; input.dispatchEvent(new Event("change", { bubbles: true }));
  wire({ t: "snapshot", id: 1, type: "Device", rev: 3, value });
  wire({ t: "reject", id: 1, rev: 3, error: "watts must be at most 2000" });
  if (id === "b") m.emit("destroy");
}
window.shotReady = true;
</script></body></html>`;

const dir = mkdtempSync(join(tmpdir(), "tp-shot-"));
writeFileSync(join(dir, "shot.html"), html);
const page = await openPage(`file://${join(dir, "shot.html")}`, { browser: process.argv[3] ?? "chromium", width: 1000, height: 620 });
try {
  await awaitGlobal(page, "shotReady");
  writeFileSync(out, await page.screenshot());
  console.log(`wrote ${out}`);
} finally {
  page.close();
}
