// Drives one JupyterLab page through the app object that --LabApp.expose_app_in_browser puts on
// window: open a notebook, wait for its kernel, run cells, add and run a new cell, read outputs, save.
// The notebook is found by its path (window.__tpPath), never by focus. Every wait is on a
// condition, with a generous timeout.

export const LONG = 180_000;

// Defined in the page: the open notebook panel whose path is window.__tpPath.
const PANEL = `window.__tpPanel = () => Array.from(window.jupyterapp.shell.widgets("main"))
  .find((w) => w.context && w.context.path === window.__tpPath && w.content && w.content.widgets);`;

async function definePanel(page, name) {
  await page.waitForFunction(() => !!window.jupyterapp, null, { timeout: LONG });
  await page.evaluate(([name, code]) => {
    window.__tpPath = name;
    (0, eval)(code);
  }, [name, PANEL]);
}

/** Opens `name` alone (a fresh workspace), and waits until its kernel is idle. */
export async function openNotebook(page, base, name) {
  await page.goto(`${base}/lab/tree/${name}?reset`);
  await restored(page, name);
}

/** After a reload of the page: waits for the notebook and its kernel again. */
export async function restored(page, name) {
  await definePanel(page, name);
  await page.waitForFunction(() => window.__tpPanel()?.content.widgets.length > 0, null, { timeout: LONG });
  await waitKernelIdle(page);
}

export async function waitKernelIdle(page) {
  await page.waitForFunction(() => {
    const k = window.__tpPanel()?.sessionContext?.session?.kernel;
    return k && k.connectionStatus === "connected" && k.status === "idle";
  }, null, { timeout: LONG });
}

async function activate(page) {
  await page.evaluate(() => window.jupyterapp.shell.activateById(window.__tpPanel().id));
}

export async function command(page, id, args = {}) {
  await activate(page);
  await page.evaluate(([id, args]) => window.jupyterapp.commands.execute(id, args), [id, args]);
}

/** Runs every cell and waits until each code cell has an execution count. */
export async function runAll(page) {
  await command(page, "notebook:run-all-cells");
  await page.waitForFunction(() => {
    const cells = window.__tpPanel().content.widgets.filter((c) => c.model.type === "code");
    const failed = cells.some((c) => c.model.outputs.toJSON().some((o) => o.output_type === "error"));
    if (failed) throw new Error("a cell failed: " + JSON.stringify(cells.map((c) => c.model.outputs.toJSON())).slice(0, 2000));
    return cells.length > 0 && cells.every((c) => c.model.executionCount !== null);
  }, null, { timeout: LONG });
  await waitKernelIdle(page);
}

/** Appends a code cell with `source`, runs it, and returns its text output once it has run. */
export async function runNewCell(page, source) {
  await activate(page);
  const before = await page.evaluate(() => {
    const nb = window.__tpPanel().content;
    nb.activeCellIndex = nb.widgets.length - 1;
    return nb.widgets.length;
  });
  await command(page, "notebook:insert-cell-below");
  await page.evaluate((src) => window.__tpPanel().content.activeCell.model.sharedModel.setSource(src), source);
  await command(page, "notebook:run-cell");
  await page.waitForFunction((n) => {
    const c = window.__tpPanel().content.widgets[n];
    return c && c.model.executionCount !== null;
  }, before, { timeout: LONG });
  // Leave the new cell's editor as a person leaves it (Escape: command mode), and wait until its
  // focus has settled, so a click that follows is not undone by the editor taking focus late.
  await command(page, "notebook:enter-command-mode");
  await page.waitForFunction(() => !document.activeElement?.closest?.(".cm-editor"), null, { timeout: LONG });
  return page.evaluate((n) => {
    const outs = window.__tpPanel().content.widgets[n].model.outputs.toJSON();
    return outs.map((o) => o.text ?? o.data?.["text/plain"] ?? (o.output_type === "error" ? `${o.ename}: ${o.evalue}` : ""))
      .map((t) => (Array.isArray(t) ? t.join("") : t)).join("");
  }, before);
}

/** Saves the notebook and waits until it is clean. */
export async function save(page) {
  await command(page, "docmanager:save");
  await page.waitForFunction(() => !window.__tpPanel().context.model.dirty, null, { timeout: LONG });
}
