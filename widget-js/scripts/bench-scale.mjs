// Measures the widget at scale in headless Chromium (numbers printed, never a pass/fail): for a list
// of records and a deep tree of 10^5 and 10^6 nodes, the first screen after the snapshot arrives (the
// MessagePack frame handed to the view as the kernel's comm buffer: decode, mirror, form, layout and
// the next frame); a one-field patch applied and drawn at 10^5 (a visible field and one far away);
// and frame times while the mouse wheel scrolls the rows (real wheel input through DevTools).
// Usage: npm run build && node scripts/bench-scale.mjs [chromium-binary]
import { buildSync } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { awaitGlobal, openPage } from "./chromium.mjs";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const browser = process.argv[2] ?? "chromium";
const code = buildSync({
  stdin: {
    contents: `import widget from "./src/widget.ts"; import { Client } from "./src/client.ts"; export * from "./scripts/scale-models.mjs"; export { widget, Client };`,
    resolveDir: here,
    loader: "js",
  },
  bundle: true,
  format: "iife",
  globalName: "TPS",
  target: "es2020",
  loader: { ".css": "text" },
  write: false,
}).outputFiles[0].text;

// One page per case: a fresh heap, as a notebook output gets. `shape` is "list" or "tree".
const page = (shape, nodes) => `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head>
<body style="margin:8px"><div id="el" style="width:860px"></div>
<script>${code.replace(/<\/script/gi, "<\\/script")}</script>
<script>
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };
window.setup = (async () => {
  const handlers = {};
  let view = null;
  const model = { get: () => undefined, set() {}, off() {}, on(e, cb) { (handlers[e] ||= []).push(cb); },
    send(m) { if (m && m.ready) view = m.view; } };
  const el = document.getElementById("el");
  TPS.widget.render({ model, el });
  const deliver = (frame, addressed) => handlers["msg:custom"].forEach((cb) => cb(addressed ? { codec: "msgpack", view } : { codec: "msgpack" }, [new DataView(frame.buffer)]));
  const value = ${shape === "list" ? `TPS.recordList(Math.round((${nodes} - 3) / 5))` : `TPS.deepTree(${nodes >= 1e6 ? 6 : 5}, 10)`};
  const count = TPS.countNodes(value);
  const bytes = TPS.packFrame({ t: "snapshot", id: 1, type: "Big", rev: 0, value });
  // The decoder alone, on a copy (a view decodes once; this says how much of the first screen it is).
  const copy = bytes.slice();
  let t = performance.now();
  new TPS.Client().recv(copy);
  const decodeMs = performance.now() - t;
  await new Promise((r) => setTimeout(r, 300));
  t = performance.now();
  deliver(bytes, true);
  const scriptMs = performance.now() - t;
  el.offsetHeight;
  const layoutMs = performance.now() - t;
  await frame();
  const firstMs = performance.now() - t;
  const lines = [\`${shape} of \${count.toLocaleString("en")} nodes (\${(bytes.length / 1e6).toFixed(1)} MB MessagePack): first screen \${firstMs.toFixed(0)} ms after the snapshot arrived (decode and mirror alone \${decodeMs.toFixed(0)} ms; all script \${scriptMs.toFixed(0)} ms; with layout \${layoutMs.toFixed(0)} ms); rows in the DOM: \${el.querySelectorAll(".tp-row").length}\`];
  window.form = { el, deliver, lines, value, frame, median, p95 };
  return true;
})();
window.patches = async (path) => {
  const { el, deliver, frame, median, p95 } = window.form;
  const times = [];
  for (let i = 1; i <= 30; i++) {
    const bytes = TPS.packFrame({ t: "patch", id: 1, patch: { rev: (window.rev = (window.rev ?? 0) + 1), ops: [{ Set: { path, value: { Str: "changed " + i } } }] } });
    await frame();
    const t = performance.now();
    deliver(bytes, false);
    el.offsetHeight;
    times.push(performance.now() - t);
  }
  return \`median \${median(times).toFixed(2)} ms, p95 \${p95(times).toFixed(2)} ms\`;
};
window.recordFrames = () => { const ts = []; window.frames_ = ts; const loop = (t) => { ts.push(t); if (!window.stopFrames) requestAnimationFrame(loop); }; window.stopFrames = false; requestAnimationFrame(loop); };
window.frameStats = () => { window.stopFrames = true; const ts = window.frames_; const d = []; for (let i = 1; i < ts.length; i++) d.push(ts[i] - ts[i - 1]);
  const { median, p95 } = window.form; const sc = document.querySelector(".tp-scroll");
  return \`\${d.length} frames, median \${median(d).toFixed(1)} ms, p95 \${p95(d).toFixed(1)} ms, worst \${Math.max(...d).toFixed(1)} ms; scrolled to \${Math.round(sc.scrollTop).toLocaleString("en")} px; rows in the DOM: \${document.querySelectorAll(".tp-row").length}\`; };
window.scrollerBox = () => { const r = document.querySelector(".tp-scroll").getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; };
</script></body></html>`;

const dir = mkdtempSync(join(tmpdir(), "tp-bench-scale-"));
// Other work on the machine stretches every figure: say how busy it was.
console.log(`load average at the start: ${loadavg().map((x) => x.toFixed(1)).join(", ")} (CPUs: ${(await import("node:os")).cpus().length})`);
try {
  for (const [shape, nodes] of [["list", 1e5], ["tree", 1e5], ["list", 1e6], ["tree", 1e6]]) {
    const file = join(dir, `${shape}-${nodes}.html`);
    writeFileSync(file, page(shape, nodes));
    const p = await openPage(`file://${file}`, { browser, width: 1000, height: 900 });
    try {
      await awaitGlobal(p, "setup", 300000);
      const lines = await p.evaluate("window.form.lines");
      if (nodes === 1e5) {
        const near = shape === "list" ? [{ Key: "items" }, { Index: 3 }, { Key: "label" }] : [{ Key: "f0" }, { Key: "f0" }, { Key: "f0" }, { Key: "f0" }, { Key: "f0" }];
        const far = shape === "list" ? [{ Key: "items" }, { Index: 19000 }, { Key: "label" }] : [{ Key: "f9" }, { Key: "f9" }, { Key: "f9" }, { Key: "f9" }, { Key: "f8" }];
        lines.push(`  one-field patch applied and drawn, a field on screen: ${await p.evaluate(`window.patches(${JSON.stringify(near)})`)}`);
        lines.push(`  one-field patch applied and drawn, a field not built: ${await p.evaluate(`window.patches(${JSON.stringify(far)})`)}`);
      }
      // Mouse-wheel scrolling over the rows: real wheel events, 90 of them, one per frame or so.
      const { x, y } = await p.evaluate("window.scrollerBox()");
      await p.evaluate("window.recordFrames()");
      for (let i = 0; i < 90; i++) {
        await p.send("Input.dispatchMouseEvent", { type: "mouseWheel", x, y, deltaX: 0, deltaY: 400 });
        await p.evaluate("new Promise((r) => requestAnimationFrame(() => r()))");
      }
      lines.push(`  scrolling with the mouse wheel (400 px a notch): ${await p.evaluate("window.frameStats()")}`);
      console.log(lines.join("\n"));
    } finally {
      p.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
