// Screenshots of the schema-driven form for the README, rendered by the built widget in headless
// Chromium with JupyterLab-like theme variables: a record with typed controls (select, slider, Java
// types, required marks, a null toggle), a table of records, a refused edit, and the dark theme.
// The schema is contract-shaped (WIDGET-CONTRACT.md), fed to the widget as the kernel sends it.
// Usage: npm run build && node scripts/screenshot-form.mjs [out-dir] [chromium-binary]
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { awaitGlobal, openPage } from "./chromium.mjs";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = process.argv[2] ?? join(here, "../docs/images");
mkdirSync(outDir, { recursive: true });
const code = readFileSync(join(here, "dist/widget.js"), "utf8");

const THEMES = {
  light: "--jp-layout-color1: #fff; --jp-layout-color2: #eee; --jp-ui-font-color1: rgba(0,0,0,.87); --jp-ui-font-color2: rgba(0,0,0,.54); --jp-ui-font-color3: rgba(0,0,0,.38); --jp-border-color1: #bdbdbd; --jp-border-color2: #e0e0e0; --jp-ui-font-family: system-ui, sans-serif; background: #fff;",
  dark: "--jp-layout-color1: #111; --jp-layout-color2: #2a2a2a; --jp-ui-font-color0: #fff; --jp-ui-font-color1: rgba(255,255,255,.87); --jp-ui-font-color2: rgba(255,255,255,.54); --jp-ui-font-color3: rgba(255,255,255,.38); --jp-border-color1: #616161; --jp-border-color2: #424242; --jp-input-background: #212121; --jp-warn-color3: #4e342e; --jp-error-color1: #ef5350; background: #111; color-scheme: dark;",
};

const schema = {
  type: "object", title: "Thermostat", "x-java": "Thermostat",
  "x-order": ["name", "mode", "target", "fanSpeed", "eco", "note", "readings"],
  required: ["name", "mode", "target", "fanSpeed", "eco", "readings"],
  properties: {
    name: { type: "string", "x-java": "String", minLength: 1, maxLength: 40, "x-messages": { minLength: "must not be blank" } },
    mode: { type: "string", enum: ["OFF", "ECO", "BOOST"], "x-java": "Mode" },
    target: { type: "number", format: "double", "x-java": "double", description: "wanted temperature, °C" },
    fanSpeed: { type: "integer", format: "int32", minimum: 0, maximum: 10, "x-java": "int", "x-messages": { maximum: "must be less than or equal to 10" } },
    eco: { type: "boolean", "x-java": "boolean" },
    note: { anyOf: [{ type: "string" }, { type: "null" }], "x-java": "Optional<String>" },
    readings: { type: "array", "x-java": "List<Reading>", items: { $ref: "#/$defs/Reading" } },
  },
  $defs: { Reading: { type: "object", title: "Reading", "x-order": ["sensor", "celsius", "ok"], properties: {
    sensor: { type: "string", "x-java": "String" }, celsius: { type: "number", format: "double", "x-java": "double" }, ok: { type: "boolean", "x-java": "boolean" } },
    default: { sensor: "", celsius: 0.0, ok: true } } },
};
const value = { Map: {
  name: { Str: "hall" }, mode: { Str: "ECO" }, target: { Float: 21 }, fanSpeed: { Int: 2 }, eco: { Bool: true }, note: "Null",
  readings: { List: [
    { Map: { sensor: { Str: "north" }, celsius: { Float: 20.5 }, ok: { Bool: true } } },
    { Map: { sensor: { Str: "south" }, celsius: { Float: 21 }, ok: { Bool: true } } },
    { Map: { sensor: { Str: "east" }, celsius: { Float: 22.25 }, ok: { Bool: false } } } ] } } };

function page(theme, refused) {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; } #w { padding: 12px; min-height: 100vh; box-sizing: border-box; ${THEMES[theme]} }
</style></head><body><div id="w"></div><script type="module">
const url = URL.createObjectURL(new Blob([${JSON.stringify(code)}], { type: "text/javascript" }));
const widget = (await import(url)).default;
const h = {};
const m = { get: () => false, on(e, cb) { (h[e] ||= []).push(cb); }, off() {}, send() {}, emit(e, ...a) { (h[e] || []).forEach((cb) => cb(...a)); } };
widget.render({ model: m, el: document.getElementById("w") });
m.emit("msg:custom", { schema: { 1: ${JSON.stringify(schema)} } });
m.emit("msg:custom", { wire: JSON.stringify({ t: "snapshot", id: 1, type: "Thermostat", rev: 3, value: ${JSON.stringify(value)} }) });
if (${refused}) {
  const sel = "[data-path='[{\\"Key\\":\\"fanSpeed\\"}]']";
  document.querySelector(sel).focus();
  const input = document.querySelector(sel);
  input.value = "25";
  input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  input.blur();
}
window.shotReady = true;
</script></body></html>`;
}

const dir = mkdtempSync(join(tmpdir(), "tp-shot-"));
for (const [name, theme, refused] of [["widget-form", "light", true], ["widget-form-dark", "dark", true]]) {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, page(theme, refused));
  const p = await openPage(`file://${file}`, { browser: process.argv[3] ?? "chromium", width: 820, height: 470 });
  try {
    await awaitGlobal(p, "shotReady");
    writeFileSync(join(outDir, `${name}.png`), await p.screenshot());
    console.log(`wrote ${join(outDir, `${name}.png`)}`);
  } finally {
    p.close();
  }
}
