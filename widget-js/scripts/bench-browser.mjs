// Measures the widget in headless Chromium (if installed): renders a 10,000-node model through
// the widget module (the same source as dist/widget.js, bundled as a classic script so it runs
// before the page's load event and --dump-dom sees the result), then applies a one-field patch,
// a head insert and a move, forcing layout after each. Prints the timings; never fails on a
// number. Usage: npm run build && node scripts/bench-browser.mjs [chromium-binary]
import { buildSync } from "esbuild";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { awaitGlobal, openPage } from "./chromium.mjs";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const code = buildSync({
  entryPoints: [join(here, "src/widget.ts")],
  bundle: true,
  format: "iife",
  globalName: "TPW",
  target: "es2020",
  loader: { ".css": "text" },
  write: false,
}).outputFiles[0].text;
const browser = process.argv[2] ?? "chromium";

const html = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body><div id="el"></div><pre id="out">pending</pre>
<script>${code.replace(/<\/script/gi, "<\\/script")}</script>
<script>
window.benchResult = (async () => {
const widget = TPW.default;
const handlers = {};
const model = {
  get: () => undefined, set() {}, off() {},
  on(e, cb) { (handlers[e] ||= []).push(cb); },
  send() {},
};
const wire = (obj) => handlers["msg:custom"].forEach((cb) => cb({ wire: JSON.stringify(obj) }, []));
const el = document.getElementById("el");
widget.render({ model, el });
const items = [];
for (let i = 0; i < 2500; i++) items.push({ Map: { id: { Int: i }, label: { Str: "item " + i }, on: { Bool: i % 2 === 0 } } });
const value = { Map: { title: { Str: "big" }, items: { List: items } } };
const lines = [];
const time = (name, fn) => { const t0 = performance.now(); fn(); const js = performance.now() - t0; el.offsetHeight; const all = performance.now() - t0; lines.push(name + ": " + js.toFixed(1) + " ms script, " + all.toFixed(1) + " ms with layout"); };
const tRender = performance.now();
time("first render of a 10,003-node model", () => wire({ t: "snapshot", id: 1, type: "Big", rev: 0, value }));
lines.push("after the first render: " + el.querySelectorAll(".tp-field").length + " fields built, " + el.querySelectorAll(".tp-list > li.tp-row").length + " item rows present (the rest windowed away: see bench-scale.mjs)");
el.offsetHeight;
await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
lines.push("first screen: from the snapshot until its rows exist and a frame was drawn: " + (performance.now() - tRender).toFixed(1) + " ms; fields: " + el.querySelectorAll(".tp-field").length + ", of them inputs: " + el.querySelectorAll("input").length);
// Let the page settle (garbage collection after the build) before timing the edits.
await new Promise((r) => setTimeout(r, 1000));
const mo = new MutationObserver(() => {});
mo.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
time("one-field patch", () => wire({ t: "patch", id: 1, patch: { rev: 1, ops: [{ Set: { path: [{ Key: "items" }, { Index: 1234 }, { Key: "label" }], value: { Str: "changed" } } }] } }));
lines.push("DOM mutation records for the one-field patch: " + mo.takeRecords().length + " (0: item 1234 is not built, the patch changes only the value; 1 when the field is on screen)");
time("insert at head of 2,500 items", () => wire({ t: "patch", id: 1, patch: { rev: 2, ops: [{ Insert: { path: [{ Key: "items" }], index: 0, value: items[0] } }] } }));
time("move last item to head", () => wire({ t: "patch", id: 1, patch: { rev: 3, ops: [{ Move: { path: [{ Key: "items" }], from: 2500, to: 0 } }] } }));
time("re-snapshot, one field differs", () => { const v2 = structuredClone(value); v2.Map.title.Str = "big2"; wire({ t: "snapshot", id: 1, type: "Big", rev: 9, value: v2 }); });
return lines.join("\\n");
})();
</script></body></html>`;

const dir = mkdtempSync(join(tmpdir(), "tp-bench-"));
const file = join(dir, "bench.html");
writeFileSync(file, html);
const page = await openPage(`file://${file}`, { browser });
try {
  console.log(await awaitGlobal(page, "benchResult"));
} finally {
  page.close();
}
