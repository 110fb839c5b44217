// End-to-end: a notebook saved with widget state, reopened with a fresh kernel several times in
// JupyterLab and Chromium. Every time the widget must show the last synced values read-only with the
// saved-view note — never "Error displaying widget: model not found". Also checks that the saved file
// has the text/html static copy and the last values in the widget state. The reopen count is
// TRANSPORTS_REOPENS (default 5; TRANSPORTS_FULL=1 makes it 20). "model not found" came from a race in
// JupyterLab's widget manager between two restores that a slow kernel start opens; the kernel now
// holds its empty control-comm answer until the page's restore has settled (RestoreGate.java).
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "./chromium.mjs";
import { startJupyterLab } from "./jupyterlab.mjs";
import { LONG, openNotebook, runAll, runNewCell, save } from "./lab-page.mjs";

const REOPENS = Number(process.env.TRANSPORTS_REOPENS ?? (process.env.TRANSPORTS_FULL ? 20 : 5));
const NAME = "saved-widget.ipynb";
const NOT_FOUND = "model not found";

const cell = (source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });
const NOTEBOOK = {
  cells: [
    cell("import io.transports.*;\nimport io.transports.jupyter.*;\npublic class Lamp { public String name = \"first <lamp>\"; public boolean on = true; }"),
    cell("var lamp = new Lamp();\nWidget.of(lamp)"),
  ],
  metadata: { kernelspec: { display_name: "Java (transports)", language: "java", name: "java-transports" }, language_info: { name: "java" } },
  nbformat: 4, nbformat_minor: 5,
};

let lab, context, page, browser;

before(async () => {
  lab = await startJupyterLab();
  writeFileSync(join(lab.dirs.notebooks, NAME), JSON.stringify(NOTEBOOK));
  // JupyterLab saves widget state with the notebook only with this setting on (off by default)
  const dir = join(lab.dirs.settings, "@jupyter-widgets", "jupyterlab-manager");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "plugin.jupyterlab-settings"), JSON.stringify({ saveState: true }));
  ({ context, page } = browser = await launchChromium());
  page.setDefaultTimeout(LONG);
});

after(async () => {
  await browser?.close();
  await lab?.stop();
});

/** The widget's state or the manager's error, whichever the output shows first. */
async function widgetOutcome(p) {
  const handle = await p.waitForFunction((nf) => {
    const out = document.querySelector(".jp-OutputArea-output .tp-root, .jp-OutputArea-output.jupyter-widgets");
    if (!out) return null;
    if (out.textContent.includes(nf)) return "not found";
    const banner = out.querySelector?.(".tp-banner");
    if (out.classList.contains("tp-root") && out.textContent.includes("last synced")) {
      return banner && !banner.hidden ? `saved: ${banner.textContent}` : "live";
    }
    return null;
  }, NOT_FOUND, { timeout: LONG });
  return handle.jsonValue();
}

test("a notebook saved with widget state keeps the last values and an HTML copy", async () => {
  await openNotebook(page, lab.base, NAME);
  await runAll(page);
  await page.waitForFunction(() => document.querySelector(".tp-root")?.textContent.includes("first <lamp>"), null, { timeout: LONG });
  await runNewCell(page, 'lamp.name = "last synced";');
  await page.waitForFunction(() => document.querySelector(".tp-root")?.textContent.includes("last synced"), null, { timeout: LONG });
  // the kernel sends the saved values right after the cell; the front end's model holds them
  await save(page);
  const saved = JSON.parse(readFileSync(join(lab.dirs.notebooks, NAME), "utf8"));
  const output = saved.cells[1].outputs.find((o) => o.data?.["application/vnd.jupyter.widget-view+json"]);
  assert.ok(output, "the widget output is saved");
  const html = [].concat(output.data["text/html"]).join("");
  assert.match(html, /first &lt;lamp&gt;/, "the static copy has the value at display time, escaped");
  const modelId = output.data["application/vnd.jupyter.widget-view+json"].model_id;
  const state = saved.metadata.widgets?.["application/vnd.jupyter.widget-state+json"]?.state?.[modelId]?.state;
  assert.ok(state, "the widget state is saved with the notebook");
  assert.match(JSON.stringify(state.saved), /last synced/, "the last synced values are in the widget state");
});

test(`reopened ${REOPENS} times with a fresh kernel, it shows the saved view, never "model not found"`, async () => {
  const outcomes = [];
  for (let i = 0; i < REOPENS; i++) {
    // end the kernel that made the widget, as closing and shutting down would
    await page.evaluate(() => window.__tpPanel().sessionContext.shutdown());
    await openNotebook(page, lab.base, NAME); // a fresh kernel starts for it
    outcomes.push(await widgetOutcome(page));
  }
  console.log(`reopenings: ${outcomes.map((o) => o.split(":")[0]).join(", ")}`);
  assert.equal(outcomes.filter((o) => o === "not found").length, 0, outcomes.join("\n"));
  for (const o of outcomes) assert.match(o, /^saved: Saved view: the values last synced/);
});
