// Measures a 10^6-node snapshot from the Java object to the first screen in JupyterLab, through the
// real JJava kernel, for two models: a list of 200,000 records (4 fields each) and a deep tree (a
// binary tree 18 levels deep, 262,143 nodes of 4 values each). Prints numbers, asserts nothing.
//
// The split, per model and run:
//   java encode   the kernel making and encoding the view's opening snapshot (object -> Value ->
//                 MessagePack), from the kernel's frame log ("view opened ... encodeMs")
//   transfer      from the kernel starting to send the frame (frame log "at", epoch ms) until the
//                 page has the whole message (a tap on the kernel WebSocket's message event)
//   browser decode  the same bytes read again by the widget's Client in the page (dist/client.js)
//   first draw    from the message's arrival until the first frame painted after the view drew it
//                 (includes the view's own decode of the frame)
//   total         java encode + transfer + first draw
// Run (after ./install.sh):  cd kernel-extension/src/test/e2e && node bench-kernel-snapshot.mjs
// BENCH_RUNS (default 3) runs per model; the median and the range are printed. BENCH_MODEL=records or
// BENCH_MODEL=deep runs one of them; BENCH_TIMEOUT_MS bounds the wait for a draw (default 15 min).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./chromium.mjs";
import { ROOT, startJupyterLab } from "./jupyterlab.mjs";
import { LONG, openNotebook, restored, runAll, runNewCell } from "./lab-page.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// BENCH_RECORDS and BENCH_DEPTH shrink the models for a quick check (defaults: 10^6 nodes each).
const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const DEPTH = Number(process.env.BENCH_DEPTH ?? 18);
const WAIT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 15 * 60_000); // per draw, then the model is reported as not drawn
const say = (s) => process.stderr.write(`[bench] ${s}\n`);
const NAME = "bench-snapshot.ipynb";
const cell = (source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });
const NOTEBOOK = {
  cells: [cell(`import io.transports.*;
import io.transports.jupyter.*;
import java.util.*;
public record Item(int id, String name, double score, boolean ok) {}
public class Items { public List<Item> items = new ArrayList<>(); }
public class Node { public int v; public String tag; public List<Node> kids = new ArrayList<>(); }
Node tree(int depth, int[] n) { Node x = new Node(); x.v = n[0]++; x.tag = "n" + x.v; if (depth > 0) { x.kids.add(tree(depth - 1, n)); x.kids.add(tree(depth - 1, n)); } return x; }
var records = new Items();
for (int i = 0; i < ${RECORDS}; i++) records.items.add(new Item(i, "item " + i, i * 0.5, i % 2 == 0));
var deep = tree(${DEPTH - 1}, new int[] {0});
"ready"`)],
  metadata: { kernelspec: { display_name: "Java (transports)", language: "java", name: "java-transports" }, language_info: { name: "java" } },
  nbformat: 4, nbformat_minor: 5,
};
// Value nodes: records: the holder map, its list, per item a map and 4 scalars; tree: per node a map,
// 2 scalars and the kids list.
const MODELS = [
  { name: `list of ${RECORDS.toLocaleString("en")} records`, expr: "records", nodes: 2 + RECORDS * 5 },
  { name: `binary tree, ${DEPTH} levels`, expr: "deep", nodes: (2 ** DEPTH - 1) * 4 },
];

// In the page before its scripts: note when each large binary kernel message arrives (epoch ms),
// keep its bytes, and note the first paint after each transports-change event.
const TAP = () => {
  const now = () => performance.timeOrigin + performance.now();
  window.__bench = { big: [], changes: [] };
  const Orig = window.WebSocket;
  window.WebSocket = class extends Orig {
    constructor(url, p) {
      super(url, p);
      if (!String(url).includes("/channels")) return;
      this.addEventListener("message", (ev) => {
        if (ev.data instanceof ArrayBuffer && ev.data.byteLength > 100_000) window.__bench.big.push({ at: now(), data: ev.data });
      });
    }
  };
  document.addEventListener("transports-change", (ev) => {
    if (ev.detail?.kind !== "snapshot") return;
    const entry = { at: now(), painted: null };
    window.__bench.changes.push(entry);
    requestAnimationFrame(() => setTimeout(() => (entry.painted = now()), 0));
  });
};

/** True once the page has the frame and painted after the view drew it; false after `ms`. */
async function drawnWithin(p, before, ms) {
  const deadline = Date.now() + ms;
  const check = p.evaluate((b) => {
    const c = window.__bench.changes;
    return window.__bench.big.length > b.big && c.length > b.changes && c[c.length - 1].painted !== null;
  }, before);
  for (let pending = check; Date.now() < deadline; ) {
    const got = await Promise.race([pending.then((v) => ({ v })), new Promise((r) => setTimeout(() => r(null), 1000))]);
    if (got === null) continue; // the page is still busy: keep waiting for the same answer
    if (got.v) return true;
    await new Promise((r) => setTimeout(r, 250)); // next look at the page
    pending = p.evaluate((b) => {
      const c = window.__bench.changes;
      return window.__bench.big.length > b.big && c.length > b.changes && c[c.length - 1].painted !== null;
    }, before);
  }
  return false;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${Math.round(median(xs))} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;

const lab = await startJupyterLab({ env: { TRANSPORTS_FRAME_LOG: "1" } });
const browser = await launchChromium();
const { page } = browser;
try {
  writeFileSync(join(lab.dirs.notebooks, NAME), JSON.stringify(NOTEBOOK));
  await page.addInitScript(TAP);
  await openNotebook(page, lab.base, NAME);
  await runAll(page);
  say("models built in the kernel");
  const clientSrc = readFileSync(join(ROOT, "widget-js/dist/client.js"), "utf8");
  for (const model of MODELS.filter((m) => !process.env.BENCH_MODEL || m.expr === process.env.BENCH_MODEL)) {
    const rows = { encode: [], transfer: [], decode: [], draw: [], total: [], size: [] };
    for (let run = 0; run < RUNS; run++) {
      const mark = lab.log().length;
      const before = await page.evaluate(() => ({ big: window.__bench.big.length, changes: window.__bench.changes.length }));
      say(`${model.name}: run ${run + 1}, displaying`);
      await runNewCell(page, `var bench = Widget.of(${model.expr});\nbench`);
      say("cell ran; waiting for the first draw");
      // Polled from here, with this process's clock: a page busy drawing cannot answer, and a wait
      // inside the page could not time out while its main thread is blocked.
      const drawn = await drawnWithin(page, before, WAIT_MS);
      if (!drawn) {
        const log = lab.log().slice(mark);
        const opened = log.match(/view opened comm=\S+ view=\S+ encodeMs=([\d.]+)/);
        const sent = log.match(/snapshot model=\d+ rev=\d+ size=(\d+) msgpack at=(\d+) sendMs=(\d+)/);
        console.log(`${model.name}: ${model.nodes.toLocaleString("en")} nodes: not drawn within ${WAIT_MS / 1000} s` +
          (opened ? `; java encode ${opened[1]} ms` : "") + (sent ? `; frame ${(Number(sent[1]) / 1e6).toFixed(1)} MB sent in ${sent[3]} ms` : "; no frame sent"));
        say(`kernel lines:\n${log.split("\n").filter((l) => l.includes("[transports]")).slice(-5).join("\n")}`);
        break;
      }
      const log = lab.log().slice(mark);
      const opened = [...log.matchAll(/view opened comm=\S+ view=\S+ encodeMs=([\d.]+)/g)].map((m) => Number(m[1]));
      const sent = [...log.matchAll(/frame comm=\S+ to=\S+ snapshot model=\d+ rev=\d+ size=(\d+) msgpack at=(\d+) sendMs=(\d+)/g)];
      if (opened.length === 0 || sent.length === 0) throw new Error(`no frame log lines for the snapshot:\n${log.slice(-2000)}`);
      const last = sent[sent.length - 1];
      const sentAt = Number(last[2]);
      const page1 = await page.evaluate(async (src) => {
        // the frame's bytes: the last buffer of the v1 kernel WebSocket message (count, offsets, parts)
        const m = window.__bench.big[window.__bench.big.length - 1];
        const dv = new DataView(m.data);
        const n = Number(dv.getBigUint64(0, true));
        const start = Number(dv.getBigUint64(8 * (n - 1), true));
        const end = Number(dv.getBigUint64(8 * n, true));
        const at = m.at;
        const bytes = new Uint8Array(m.data, start, end - start);
        const url = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
        const { Client } = await import(url);
        const t0 = performance.now();
        new Client().recv(bytes);
        const decode = performance.now() - t0;
        const c = window.__bench.changes[window.__bench.changes.length - 1];
        // drop the big messages kept so far, so the page does not hold every run's bytes
        window.__bench.big = window.__bench.big.map(() => ({ at: 0, data: null }));
        return { arrived: at, decode, painted: c.painted };
      }, clientSrc);
      rows.encode.push(opened[opened.length - 1]);
      rows.transfer.push(page1.arrived - sentAt);
      rows.decode.push(page1.decode);
      rows.draw.push(page1.painted - page1.arrived);
      rows.total.push(opened[opened.length - 1] + (page1.arrived - sentAt) + (page1.painted - page1.arrived));
      rows.size.push(Number(last[1]));
      // the next run's widget is the only one: close this one (its views go) and clear the outputs
      await runNewCell(page, "bench.close();");
      await page.evaluate(() => window.jupyterapp.commands.execute("notebook:clear-all-cell-outputs"));
    }
    if (rows.total.length === 0) continue;
    console.log(`${model.name}: ${model.nodes.toLocaleString("en")} nodes, MessagePack frame ${(median(rows.size) / 1e6).toFixed(1)} MB, ${RUNS} runs, median (range)`);
    console.log(`  java encode     ${fmt(rows.encode)}`);
    console.log(`  transfer        ${fmt(rows.transfer)}`);
    console.log(`  browser decode  ${fmt(rows.decode)}`);
    console.log(`  first draw      ${fmt(rows.draw)}   (from arrival; includes the view's decode)`);
    console.log(`  total           ${fmt(rows.total)}   (Java object -> first screen)`);
  }
} finally {
  await browser.close();
  await lab.stop();
}
