// End-to-end: the widget at scale, in JupyterLab (from .venv) with the "Java (transports)" kernel, in
// Debian's Chromium, acting as a person (mouse and keyboard only). notebooks/scale.ipynb hosts a
// catalog of 20,000 items (about 100,000 nodes) shown as a table. Covers: only rows near the viewport
// are in the DOM; scrolling far down with the mouse wheel, clicking a field there, typing and Enter
// reach the Java object and the widget shows the value; the search box finds a field by path and
// jumps to it (a row that was not built), and it can be edited there; a list and a record fold and
// open with the mouse and with the keyboard (Enter, Space, ArrowLeft/ArrowRight on the toggle); the
// resize handle dragged with the mouse sets the height, and a second view of the model keeps it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchChromium } from "./chromium.mjs";
import { startJupyterLab } from "./jupyterlab.mjs";
import { LONG, openNotebook, runAll, runNewCell } from "./lab-page.mjs";
import { clickOn, field, shows } from "./person.mjs";

const K = (...keys) => keys.map((k) => (typeof k === "number" ? { Index: k } : { Key: k }));
const ITEMS = K("items");
const toggleOf = (path) => `.tp-root .tp-row:has(> [data-path='${JSON.stringify(path)}']) > .tp-toggle`;
const rowsInDom = () => document.querySelectorAll(".tp-root .tp-row").length;

let lab, page, browser;

before(async () => {
  lab = await startJupyterLab();
  ({ page } = browser = await launchChromium());
  page.setDefaultTimeout(LONG);
  await openNotebook(page, lab.base, "scale.ipynb");
  await runAll(page);
  await page.waitForSelector(field(K("items", 0, "name")));
});

after(async () => {
  await browser?.close();
  await lab?.stop();
});

/** Runs a cell printing `expr` and returns the printed text. */
async function java(expr) {
  return (await runNewCell(page, `System.out.println(${expr});`)).trim();
}

/**
 * Scrolls the notebook with the mouse wheel (the pointer in the left margin of the cells, outside
 * the widget) until the widget's scroll area is wholly on screen, as a person brings it into view.
 */
async function wheelNotebookToWidget() {
  const viewport = page.viewportSize();
  await page.mouse.move(330, viewport.height / 2);
  for (let i = 0; i < 100; i++) {
    const b = await page.locator(".tp-root .tp-scroll").first().boundingBox();
    if (b && b.y >= 0 && b.y + b.height <= viewport.height - 30) return;
    await page.mouse.wheel(0, b && b.y < 0 ? -200 : 200);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  throw new Error("the widget's scroll area did not come into view");
}

/** The middle of the first element matching `sel` (its box as the page lays it out). */
async function middle(sel) {
  const b = await page.locator(sel).first().boundingBox();
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

test("only the rows near the viewport are in the DOM; the mouse wheel scrolls far down, a click there edits the Java object", async () => {
  const first = await page.evaluate(rowsInDom);
  assert.ok(first > 10 && first < 400, `rows in the DOM for 20,000 items: ${first}`);
  const target = K("items", 1500, "name");
  await wheelNotebookToWidget();
  const box = await middle(".tp-root .tp-scroll");
  await page.mouse.move(box.x, box.y);
  // Wheel down (a fast flick: 1,000 px a step) until item 1500 is built, as a person scrolls until they see it.
  for (let i = 0; i < 400 && !(await page.$(field(target))); i++) {
    await page.mouse.wheel(0, 1000);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  assert.ok(await page.$(field(target)), "item 1500 came into view by scrolling");
  assert.equal(await page.$(field(K("items", 0, "name"))), null, "the first rows were removed");
  const now = await page.evaluate(rowsInDom);
  assert.ok(now < 400, `rows in the DOM after scrolling: ${now}`);
  await clickOn(page, field(target));
  await page.keyboard.press("Control+A");
  await page.keyboard.type("far down");
  await page.keyboard.press("Enter");
  await page.waitForFunction(shows, [field(target), "far down"]);
  assert.equal(await java("catalog.items.get(1500).name"), "far down");
  await page.waitForFunction(shows, [field(target), "far down"]);
});

test("the search box finds a field by path and jumps to it, and it can be edited there", async () => {
  const target = K("items", 17000, "name");
  assert.equal(await page.$(field(target)), null, "not built before the search");
  await clickOn(page, ".tp-root .tp-search");
  await page.keyboard.type("items[17000].name");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".tp-root .tp-search-count")?.textContent === "1 of 1");
  await page.waitForFunction((p) => document.querySelector(`.tp-root .tp-match > [data-path='${p}']`)?.textContent === "item 17000", JSON.stringify(target));
  await clickOn(page, field(target));
  await page.keyboard.press("Control+A");
  await page.keyboard.type("found it");
  await page.keyboard.press("Enter");
  await page.waitForFunction(shows, [field(target), "found it"]);
  assert.equal(await java("catalog.items.get(17000).name"), "found it");
  // A value search with several matches: Enter steps through them, Shift+Enter back, Escape clears.
  await clickOn(page, ".tp-root .tp-search");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("item 1999");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /^1 of \d+$/.test(document.querySelector(".tp-root .tp-search-count")?.textContent ?? ""));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".tp-root .tp-search-count")?.textContent.startsWith("2 of "));
  await page.keyboard.press("Shift+Enter");
  await page.waitForFunction(() => document.querySelector(".tp-root .tp-search-count")?.textContent.startsWith("1 of "));
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector(".tp-root .tp-match") && document.querySelector(".tp-root .tp-search").value === "");
});

test("a list and a record fold and open with the mouse and with the keyboard", async () => {
  const expanded = (path) => page.evaluate((sel) => document.querySelector(sel)?.getAttribute("aria-expanded"), toggleOf(path));
  await clickOn(page, toggleOf(ITEMS));
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-expanded") === "false", toggleOf(ITEMS));
  await page.waitForFunction(() => !document.querySelector(".tp-root .tp-table > .tp-row"), null);
  // The toggle has the focus after the click: Enter opens it, ArrowLeft folds, ArrowRight opens.
  await page.keyboard.press("Enter");
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-expanded") === "true", toggleOf(ITEMS));
  await page.waitForSelector(".tp-root .tp-table > .tp-row");
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-expanded") === "false", toggleOf(ITEMS));
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-expanded") === "true", toggleOf(ITEMS));
  // A nested record: Space on its focused toggle folds it, a click opens it again; a change from
  // Java while folded keeps it folded.
  const OWNER = K("owner");
  const city = field(K("owner", "city"));
  // Back up to the top with the mouse wheel, where the owner is.
  await wheelNotebookToWidget();
  const box = await middle(".tp-root .tp-scroll");
  await page.mouse.move(box.x, box.y);
  for (let i = 0; i < 400 && (await page.evaluate(() => document.querySelector(".tp-root .tp-scroll").scrollTop)) > 0; i++) {
    await page.mouse.wheel(0, -5000);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  await page.waitForSelector(toggleOf(OWNER));
  await clickOn(page, toggleOf(OWNER));
  await page.waitForSelector(city, { state: "hidden" });
  await page.keyboard.press("Space");
  await page.waitForSelector(city, { state: "visible" });
  await page.keyboard.press("Space");
  await page.waitForSelector(city, { state: "hidden" });
  await runNewCell(page, `catalog.owner.city = "Paris";`);
  await page.waitForFunction(shows, [city, "Paris"]);
  assert.equal(await expanded(OWNER), "false", "still folded after a change from Java");
  await clickOn(page, toggleOf(OWNER));
  await page.waitForSelector(city, { state: "visible" });
});

test("the resize handle dragged with the mouse sets the height, and another view of the model keeps it", async () => {
  const height = () => page.evaluate(() => document.querySelector(".tp-root .tp-scroll").getBoundingClientRect().height);
  const before = await height();
  await page.locator(".tp-root .tp-resize").first().scrollIntoViewIfNeeded();
  const h = await middle(".tp-root .tp-resize");
  await page.mouse.move(h.x, h.y);
  await page.mouse.down();
  await page.mouse.move(h.x, h.y + 120, { steps: 6 });
  await page.mouse.up();
  const after = await height();
  assert.ok(Math.abs(after - (before + 120)) <= 2, `height ${before} → ${after}, dragged 120 px`);
  // The same widget shown again in a new cell: a second view of the model, with the dragged height.
  await runNewCell(page, "view");
  await page.waitForFunction(() => document.querySelectorAll(".tp-root .tp-scroll").length === 2);
  await page.waitForFunction((want) => {
    const all = document.querySelectorAll(".tp-root .tp-scroll");
    return Math.abs(all[1].getBoundingClientRect().height - want) <= 2;
  }, after);
});
