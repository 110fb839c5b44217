// Drives one JupyterLab page through the app object that --LabApp.expose_app_in_browser puts on
// window: open a notebook, wait for its kernel, run cells, add and run a new cell, read outputs, save.
// Every wait is on a condition, with a generous timeout.

export const LONG = 180_000;

export async function openNotebook(page, base, name) {
  await page.goto(`${base}/lab/tree/${name}`);
  await page.waitForFunction(() => window.jupyterapp && window.jupyterapp.shell.currentWidget?.content?.widgets?.length > 0,
    null, { timeout: LONG });
  await waitKernelIdle(page);
}

export async function waitKernelIdle(page) {
  await page.waitForFunction(() => {
    const w = window.jupyterapp.shell.currentWidget;
    const k = w?.sessionContext?.session?.kernel;
    return k && k.connectionStatus === "connected" && k.status === "idle";
  }, null, { timeout: LONG });
}

export async function command(page, id, args = {}) {
  await page.evaluate(([id, args]) => window.jupyterapp.commands.execute(id, args), [id, args]);
}

/** Runs every cell and waits until the last one has an execution count. */
export async function runAll(page) {
  await command(page, "notebook:run-all-cells");
  await page.waitForFunction(() => {
    const cells = window.jupyterapp.shell.currentWidget.content.widgets.filter((c) => c.model.type === "code");
    return cells.length > 0 && cells.every((c) => c.model.executionCount !== null);
  }, null, { timeout: LONG });
  await waitKernelIdle(page);
}

/** Appends a code cell with `source`, runs it, and returns its text output once it has run. */
export async function runNewCell(page, source) {
  const before = await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets.length);
  await page.evaluate(() => {
    const nb = window.jupyterapp.shell.currentWidget.content;
    nb.activeCellIndex = nb.widgets.length - 1;
  });
  await command(page, "notebook:insert-cell-below");
  await page.evaluate((src) => {
    const nb = window.jupyterapp.shell.currentWidget.content;
    nb.activeCell.model.sharedModel.setSource(src);
  }, source);
  await command(page, "notebook:run-cell");
  await page.waitForFunction((n) => {
    const nb = window.jupyterapp.shell.currentWidget.content;
    const c = nb.widgets[n];
    return c && c.model.executionCount !== null;
  }, before, { timeout: LONG });
  return page.evaluate((n) => {
    const c = window.jupyterapp.shell.currentWidget.content.widgets[n];
    const outs = c.model.outputs.toJSON();
    return outs.map((o) => (o.text ?? o.data?.["text/plain"] ?? "")).map((t) => (Array.isArray(t) ? t.join("") : t)).join("");
  }, before);
}
