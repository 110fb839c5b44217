// Diagnosis of "Error displaying widget: model not found" on reopening a notebook saved with widget
// state: reopens it N times (TRANSPORTS_REOPENS, default 30) with a fresh kernel, as saved.e2e does,
// and taps the page's kernel WebSocket (JupyterLab's v1 binary protocol) to log, with times from the
// page load, every widget-related message both ways (comm_open/msg/close, comm_info) and the kernel's
// status. Prints the outcome counts, and the trace of every reopening that showed the error (and of
// the first one that did not, to compare). Numbers and traces only; never a pass/fail test.
//   node reopen-trace.mjs            (after ./install.sh)
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./chromium.mjs";
import { startJupyterLab } from "./jupyterlab.mjs";
import { openNotebook, runAll, runNewCell, save } from "./lab-page.mjs";

const N = Number(process.env.TRANSPORTS_REOPENS ?? 30);
const NAME = "trace-widget.ipynb";
const cell = (source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });
const NOTEBOOK = {
  cells: [cell("import io.transports.*;\nimport io.transports.jupyter.*;\npublic class Lamp { public String name = \"lamp\"; public boolean on = true; }"),
    cell("var lamp = new Lamp();\nWidget.of(lamp)")],
  metadata: { kernelspec: { display_name: "Java (transports)", language: "java", name: "java-transports" }, language_info: { name: "java" } },
  nbformat: 4, nbformat_minor: 5,
};

// Runs in the page before its scripts: wraps WebSocket so kernel channel messages are logged.
const TAP = () => {
  const t0 = performance.now();
  const log = (window.__trace = []);
  const at = () => Math.round(performance.now() - t0);
  const dec = new TextDecoder();
  function parse(data) {
    try {
      if (typeof data === "string") return JSON.parse(data);
      const buf = data instanceof ArrayBuffer ? data : data.buffer;
      const dv = new DataView(buf);
      const n = Number(dv.getBigUint64(0, true));
      const offs = [];
      for (let i = 0; i < n; i++) offs.push(Number(dv.getBigUint64(8 * (i + 1), true)));
      const part = (i) => dec.decode(new Uint8Array(buf, offs[i], (offs[i + 1] ?? buf.byteLength) - offs[i]));
      return { channel: part(0), header: JSON.parse(part(1)), parent_header: JSON.parse(part(2)), content: JSON.parse(part(4)) };
    } catch {
      return null;
    }
  }
  const targets = new Map();
  function note(dir, m) {
    if (!m || !m.header) return;
    const type = m.header.msg_type;
    const c = m.content ?? {};
    let what = null;
    if (type === "comm_open") {
      targets.set(c.comm_id, c.target_name);
      what = `${c.target_name} ${c.comm_id.slice(0, 8)}`;
    } else if (type === "comm_msg") {
      const t = targets.get(c.comm_id) ?? "?";
      what = `${t} ${c.comm_id.slice(0, 8)} ${c.data?.method ?? ""}${c.data?.content?.ready ? " ready" : ""}`;
    } else if (type === "comm_close") what = `${targets.get(c.comm_id) ?? "?"} ${c.comm_id.slice(0, 8)}`;
    else if (type === "comm_info_request" || type === "comm_info_reply") what = JSON.stringify(c).slice(0, 80);
    else if (type === "status") what = null; // busy/idle: noise here
    else if (type === "kernel_info_request" || type === "kernel_info_reply") what = "";
    if (what !== null && dir === "->" && (type === "comm_open" || type === "comm_info_request")) {
      // which restore sent it: the manager's method names survive minification, and Chromium keeps
      // async stack frames
      const names = (new Error().stack.match(/(restoreWidgets|_loadFromKernelModels|_loadFromKernel|_loadFromNotebook|set_state|_get_comm_info|_handleKernelConnectionStatusChange|_handleKernelChanged)/g) ?? []);
      what += ` [${[...new Set(names)].join(" < ")}]`;
    }
    if (what !== null) log.push(`${at()} ${dir} ${type} ${what}`);
  }
  const Orig = window.WebSocket;
  window.WebSocket = class extends Orig {
    constructor(url, p) {
      super(url, p);
      if (!String(url).includes("/channels")) return;
      log.push(`${at()} ws open ${String(url).replace(/^.*kernels\//, "").slice(0, 8)}`);
      this.addEventListener("open", () => log.push(`${at()} ws connected`));
      this.addEventListener("message", (ev) => note("<-", parse(ev.data)));
    }
    send(data) {
      if (String(this.url).includes("/channels")) note("->", parse(data));
      return super.send(data);
    }
  };
  const err = console.error;
  console.error = (...a) => {
    log.push(`${at()} console.error ${a.map((x) => String(x?.message ?? x)).join(" ").slice(0, 120)}`);
    return err.apply(console, a);
  };
};

const lab = await startJupyterLab();
const browser = await launchChromium();
const { page } = browser;
try {
  writeFileSync(join(lab.dirs.notebooks, NAME), JSON.stringify(NOTEBOOK));
  const dir = join(lab.dirs.settings, "@jupyter-widgets", "jupyterlab-manager");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "plugin.jupyterlab-settings"), JSON.stringify({ saveState: true }));
  await page.addInitScript(TAP);
  await openNotebook(page, lab.base, NAME);
  await runAll(page);
  await page.waitForFunction(() => document.querySelector(".tp-root")?.textContent.includes("lamp"), null, { timeout: 180_000 });
  await runNewCell(page, 'lamp.name = "saved";');
  await page.waitForFunction(() => document.querySelector(".tp-root")?.textContent.includes("saved"), null, { timeout: 180_000 });
  await save(page);
  const counts = {};
  let shownOk = false;
  for (let i = 0; i < N; i++) {
    await page.evaluate(() => window.__tpPanel().sessionContext.shutdown());
    await openNotebook(page, lab.base, NAME);
    const outcome = await (await page.waitForFunction(() => {
      const out = document.querySelector(".jp-OutputArea-output .tp-root, .jp-OutputArea-output.jupyter-widgets");
      if (!out) return null;
      if (out.textContent.includes("model not found")) return "not found";
      return out.classList.contains("tp-root") && out.textContent.includes("saved") ? "saved view" : null;
    }, null, { timeout: 180_000 })).jsonValue();
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    if (outcome === "not found" || !shownOk) {
      await new Promise((r) => setTimeout(r, 1000)); // let the trace finish (diagnosis only)
      console.log(`--- reopening ${i + 1}: ${outcome}\n${(await page.evaluate(() => window.__trace)).join("\n")}`);
      shownOk ||= outcome !== "not found";
    }
    process.stdout.write(`${i + 1}:${outcome === "not found" ? "X" : "."} `);
  }
  console.log(`\nreopenings: ${N}; ${JSON.stringify(counts)}`);
} finally {
  await browser.close();
  await lab.stop();
}
