// End-to-end: JupyterLab (from .venv) with the "Java (transports)" kernel, in Debian's Chromium
// driven by playwright-core. The quickstart notebook runs, the widget shows the model, a new cell's
// change appears in the widget, a click in the widget changes the Java object, a proposal the Java
// type cannot hold is refused with the reason shown and the field reverts, and a reload restores the
// widget. Prints the measured latencies (not asserted) and saves docs/widget.png.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "./chromium.mjs";
import { ROOT, startJupyterLab } from "./jupyterlab.mjs";
import { LONG, openNotebook, restored, runAll, runNewCell, save } from "./lab-page.mjs";
import { clickOn, field, input, retype, shows } from "./person.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let lab, context, page, browser;

before(async () => {
  lab = await startJupyterLab();
  ({ context, page } = browser = await launchChromium());
  page.setDefaultTimeout(LONG);
});

after(async () => {
  await browser?.close();
  await lab?.stop();
});

test("quickstart: the widget shows the model and follows the cells that change it", async () => {
  await openNotebook(page, lab.base, "quickstart.ipynb");
  await runAll(page);
  const name = page.locator(field([{ Key: "name" }]));
  const on = page.locator(input([{ Key: "on" }]));
  await name.waitFor();
  await page.waitForFunction(shows, [field([{ Key: "name" }]), "reading lamp"]);
  assert.equal(await on.isChecked(), true);

  // a new cell changes a field: time from running it to the widget showing it, and to the cell's end
  const shown = [];
  const done = [];
  for (let i = 0; i < 7; i++) {
    const text = `lamp ${i}`;
    const t0 = Date.now();
    const seen = page
      .waitForFunction(shows, [field([{ Key: "name" }]), text])
      .then(() => shown.push(Date.now() - t0));
    await runNewCell(page, `lamp.name = "${text}";`);
    done.push(Date.now() - t0);
    await seen;
  }
  console.log(`E2E cell changes a field -> widget shows it: median ${median(shown)} ms (${shown.join(", ")}); ` +
    `cell run -> cell reported done: median ${median(done)} ms (${done.join(", ")})`);
  await page.evaluate(() => window.jupyterapp.shell.collapseLeft());
  await name.scrollIntoViewIfNeeded();
  mkdirSync(join(ROOT, "docs"), { recursive: true });
  await page.screenshot({ path: join(ROOT, "docs/widget.png") });
});

test("quickstart: clicking the checkbox changes the Java object", async () => {
  const on = page.locator(input([{ Key: "on" }]));
  // in the page: time from the input's change event (the proposal is sent) to the echo's change event
  await page.evaluate(() => {
    window.__tpRounds = [];
    let sent = 0;
    document.addEventListener("change", (e) => { if (e.target.closest?.(".tp-root")) sent = performance.now(); }, true);
    document.addEventListener("transports-change", () => { if (sent) { window.__tpRounds.push(performance.now() - sent); sent = 0; } }, true);
  });
  for (let i = 0; i < 7; i++) {
    const want = !(await on.isChecked());
    await clickOn(page, input([{ Key: "on" }]));
    await page.waitForFunction((n) => window.__tpRounds.length === n, i + 1);
    assert.equal(await on.isChecked(), want);
    assert.equal((await runNewCell(page, "System.out.println(lamp.on);")).trim(), String(want));
  }
  const rounds = (await page.evaluate(() => window.__tpRounds)).map(Math.round);
  console.log(`E2E widget edit -> proposal applied to the Java object and echoed back: median ${median(rounds)} ms (${rounds.join(", ")})`);
});

test("quickstart: reloading the page restores the widget", async () => {
  await runNewCell(page, `lamp.name = "before reload";`);
  await page.waitForFunction(shows, [field([{ Key: "name" }]), "before reload"]);
  await save(page);
  await page.reload();
  await restored(page, "quickstart.ipynb");
  await page.waitForFunction(shows, [field([{ Key: "name" }]), "before reload"]);
  // the restored view is live: a change after the reload reaches it
  await runNewCell(page, `lamp.name = "after reload";`);
  await page.waitForFunction(shows, [field([{ Key: "name" }]), "after reload"]);
});

test("quickstart: a second tab shows the same widget, and an edit in either reaches both", async () => {
  const second = await context.newPage();
  try {
    await second.goto(`${lab.base}/lab/workspaces/second/tree/quickstart.ipynb`);
    await restored(second, "quickstart.ipynb");
    const sel = field([{ Key: "name" }]);
    await second.waitForFunction(shows, [sel, "after reload"]);
    const onSel = input([{ Key: "on" }]);
    const want = !(await page.locator(onSel).isChecked());
    await clickOn(second, onSel);
    await page.waitForFunction(([s, v]) => document.querySelector(s)?.checked === v, [onSel, want]);
    await runNewCell(page, `lamp.name = "both tabs";`);
    await second.waitForFunction(shows, [sel, "both tabs"]);
  } finally {
    await second.close();
  }
});

test("rich: a value the Java field cannot hold is refused, the reason shown, the field reverted", async () => {
  await openNotebook(page, lab.base, "rich.ipynb");
  await runAll(page);
  await page.locator(field([{ Key: "fanSpeed" }])).waitFor();
  assert.equal(await page.evaluate(shows, [field([{ Key: "fanSpeed" }]), "2"]), true);
  await retype(page, [{ Key: "fanSpeed" }], "3000000000"); // fits the wire's 64-bit Int, not Java's int
  await page.keyboard.press("Enter");
  const error = page.locator(".tp-root .tp-error:not([hidden])").first();
  await error.waitFor({ state: "visible" });
  const reason = await error.textContent();
  console.log(`E2E reject reason shown: ${reason}`);
  assert.ok(reason && reason.length > 0);
  await page.waitForFunction(shows, [field([{ Key: "fanSpeed" }]), "2"]);
  assert.equal((await runNewCell(page, "System.out.println(hall.fanSpeed);")).trim(), "2");
});

test("a model of about 10,000 nodes renders, and a one-field change reaches it", async () => {
  const items = 2500; // each item is a map of three leaves: 2,500 * 4 + 2 = about 10,000 nodes
  const t0 = Date.now();
  await runNewCell(page, `public record Item(String label, int count, boolean done) {}
public class Big { public List<Item> items = new ArrayList<>(); }
var big = new Big();
for (int i = 0; i < ${items}; i++) big.items.add(new Item("item " + i, i, i % 2 == 0));
var bigView = Widget.of(big);
bigView`);
  // Only the rows near the viewport are built (docs/widget-scale.md): the first screen is the render.
  const firstItem = field([{ Key: "items" }, { Index: 0 }, { Key: "label" }]);
  await page.waitForFunction((sel) => document.querySelector(sel) !== null, firstItem);
  const rendered = Date.now() - t0;
  const t1 = Date.now();
  const target = field([{ Key: "items" }, { Index: 1234 }, { Key: "label" }]);
  await runNewCell(page, `big.items.set(1234, new Item("changed", 1, false));`);
  // Item 1234 is far below the first screen: the person finds it with the search box.
  const bigModel = `.tp-root .tp-model:has([data-path='${JSON.stringify([{ Key: "items" }, { Index: 0 }, { Key: "label" }])}'])`;
  await clickOn(page, `${bigModel} .tp-search`);
  await page.keyboard.type("items[1234].label");
  await page.keyboard.press("Enter");
  await page.waitForFunction(shows, [target, "changed"]);
  const changed = Date.now() - t1;
  const nodes = await page.$$eval(".tp-root .tp-field", (xs) => xs.length);
  console.log(`E2E ${items} items (${nodes} fields built): cell run -> first screen ${rendered} ms; one-field change cell run -> found and shown ${changed} ms`);
  assert.ok(nodes < items, `only the rows near the viewport are built (${nodes} fields)`);
});
