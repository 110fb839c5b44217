// End-to-end: editing the widget as a person does, in JupyterLab (from .venv) with the "Java
// (transports)" kernel, in Debian's Chromium. Every edit is a mouse click and keys on the keyboard
// (person.mjs); the Java object is read back by running a cell. Covers: the first click edits the
// field and no notebook shortcut runs (after render and after reload); Enter commits, Escape puts
// back, Tab commits and moves on; values the page refuses and values Java refuses show the reason
// and then the authoritative value, and the reason goes when the value changes; a value changed by
// a Java thread while the person types keeps the typed text; a kernel restart disables the form
// and says so; rapid edits keep at most one proposal per field in flight and the last one lands.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchChromium } from "./chromium.mjs";
import { startJupyterLab } from "./jupyterlab.mjs";
import { LONG, openNotebook, restored, runAll, runNewCell, save, waitKernelIdle } from "./lab-page.mjs";
import { cellCount, clickOn, field, focusedPath, input, live, reasonAt, retype, shown, shows, waitReason } from "./person.mjs";

const NAME = [{ Key: "name" }];
const ON = [{ Key: "on" }];
const FAN = [{ Key: "fanSpeed" }];
const TARGET = [{ Key: "target" }];

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

/** Runs a cell printing `expr` and returns the printed text. */
async function java(expr) {
  return (await runNewCell(page, `System.out.println(${expr});`)).trim();
}

/** Clicks the shown value once, types, presses Enter: the field and then Java hold the text. */
async function firstClickTypes(path, typed, want) {
  const cells = await cellCount(page);
  await clickOn(page, field(path));
  await page.keyboard.type(typed);
  assert.equal(await shown(page, path), want, "the typed keys went into the field");
  assert.equal(await cellCount(page), cells, "no notebook shortcut ran (no cell was inserted)");
  assert.deepEqual(await focusedPath(page), JSON.stringify(path), "the field kept the focus");
  await page.keyboard.press("Enter");
}

test("first click: clicking a shown value once and typing edits the field, no notebook shortcut runs", async () => {
  await openNotebook(page, lab.base, "quickstart.ipynb");
  await runAll(page);
  await page.waitForFunction(shows, [field(NAME), "reading lamp"]);
  await firstClickTypes(NAME, "abc", "reading lampabc");
  assert.equal(await java("lamp.name"), "reading lampabc");
  await runNewCell(page, `lamp.name = "before reload";`);
  await page.waitForFunction(shows, [field(NAME), "before reload"]);
  await save(page);
  await page.reload();
  await restored(page, "quickstart.ipynb");
  await page.waitForFunction(shows, [field(NAME), "before reload"]);
  await firstClickTypes(NAME, "ab", "before reloadab");
  assert.equal(await java("lamp.name"), "before reloadab");
});

test("Enter commits, Escape puts back the shown value, Tab commits and moves on", async () => {
  await retype(page, NAME, "entered");
  await page.keyboard.press("Enter");
  assert.equal(await java("lamp.name"), "entered");
  await retype(page, NAME, "not wanted");
  assert.equal(await shown(page, NAME), "not wanted");
  await page.keyboard.press("Escape");
  assert.equal(await shown(page, NAME), "entered", "Escape shows the value again");
  assert.equal(await focusedPath(page), JSON.stringify(NAME), "Escape leaves the focus in the field");
  await page.keyboard.press("Enter"); // nothing to commit
  assert.equal(await java("lamp.name"), "entered");
  await retype(page, NAME, "tabbed");
  await page.keyboard.press("Tab");
  assert.notEqual(await focusedPath(page), JSON.stringify(NAME), "Tab moved the focus on");
  await page.waitForFunction(shows, [field(NAME), "tabbed"]);
  assert.equal(await java("lamp.name"), "tabbed");
});

test("refused values show the reason, then the authoritative value; the reason goes when the value changes", async () => {
  await openNotebook(page, lab.base, "rich.ipynb");
  await runAll(page);
  await page.waitForFunction(shows, [field(FAN), "2"]);
  for (const [typed, words] of [["2.5", /whole numbers/], ["99999999999999999999", /64-bit/]]) {
    await retype(page, FAN, typed);
    await page.keyboard.press("Enter");
    assert.match(await waitReason(page, FAN), words, `typed ${typed}`);
    assert.equal(await shown(page, FAN), "2", `after ${typed} the field shows Java's value`);
  }
  // letters: shown as typed, refused with the reason, then Java's value again
  await retype(page, FAN, "abc");
  await page.keyboard.press("Enter");
  assert.match(await waitReason(page, FAN), /whole numbers/);
  assert.equal(await shown(page, FAN), "2");
  // fits the wire's 64-bit Int, not Java's int: the kernel's schema says int32, so the page refuses it
  await retype(page, FAN, "3000000000");
  await page.keyboard.press("Enter");
  assert.match(await waitReason(page, FAN), /less than or equal to 2147483647/);
  console.log(`E2E the int's width refused in the page: ${await reasonAt(page, FAN)}`);
  await page.waitForFunction(shows, [field(FAN), "2"]);
  assert.equal(await java("hall.fanSpeed"), "2");
  // a change from Java clears the reason
  await runNewCell(page, "hall.fanSpeed = 5;");
  await page.waitForFunction(shows, [field(FAN), "5"]);
  assert.equal(await reasonAt(page, FAN), null, "the reason went with the value it was about");
  // a later accepted edit clears it too
  await retype(page, FAN, "x");
  await page.keyboard.press("Enter");
  await waitReason(page, FAN);
  await retype(page, FAN, "7");
  await page.keyboard.press("Enter");
  await page.waitForFunction((sel) => !document.querySelector(sel)?.parentElement?.querySelector(".tp-error:not([hidden])"), field(FAN));
  assert.equal(await java("hall.fanSpeed"), "7");
});

test("a value changed by a Java thread while the person types keeps the typed text; Escape takes the new value", async () => {
  // a Java thread sets hall.target to 10.0, 11.0, ... 49.0, every 250 ms, then stops
  await runNewCell(page, `var ticker = new Thread(() -> {
  for (int t = 10; t < 50; t++) {
    hall.target = t;
    try { Thread.sleep(250); } catch (InterruptedException e) { return; }
  }
});
ticker.setDaemon(true);
ticker.start();`);
  await retype(page, TARGET, "30.5");
  const note = `${field(TARGET)} ~ .tp-note:not([hidden])`;
  await page.waitForSelector(note);
  assert.equal(await shown(page, TARGET), "30.5", "the typed text is kept");
  console.log(`E2E note while typing: ${await page.textContent(note)}`);
  await page.keyboard.press("Escape");
  const after = await shown(page, TARGET);
  assert.notEqual(after, "30.5");
  assert.match(after, /^\d+\.0$/, "Escape shows Java's newest value, in decimal form");
  // again, and this time commit once the thread is done: the proposal lands over the newest value
  await retype(page, TARGET, "30.5");
  await page.waitForFunction((sel) => /49\.0/.test(document.querySelector(sel)?.textContent ?? ""), note, { timeout: 60_000 });
  assert.equal(await shown(page, TARGET), "30.5", "the typed text is still kept");
  await page.keyboard.press("Enter");
  await page.waitForFunction((sel) => !document.querySelector(sel)?.classList.contains("tp-pending"), input(TARGET));
  assert.equal(await java("hall.target"), "30.5");
});

test("rapid edits: at most one proposal per field in flight, the last value lands", async () => {
  // twenty values typed and committed as fast as keys go
  const before = Number(await page.evaluate(() => document.querySelector(".tp-root").dataset.proposals ?? 0));
  await clickOn(page, field(FAN));
  for (let i = 1; i <= 20; i++) {
    await page.keyboard.press("Control+A");
    await page.keyboard.type(String(100 + i));
    await page.keyboard.press("Enter");
  }
  try {
    await page.waitForFunction(shows, [field(FAN), "120"], { timeout: 30_000 });
  } catch (e) {
    console.log("state:", await page.evaluate((sel) => {
      const f = document.querySelector(sel);
      return JSON.stringify({ tag: f?.tagName, value: f?.value ?? f?.textContent, cls: f?.className, active: document.activeElement?.className,
        sent: document.querySelector(".tp-root").dataset.proposals, roots: document.querySelectorAll(".tp-root").length,
        note: f?.parentElement?.textContent });
    }, field(FAN)), "java:", await java("hall.fanSpeed"));
    throw e;
  }
  await page.waitForFunction((sel) => !document.querySelector(sel)?.classList.contains("tp-pending"), input(FAN));
  const sent = Number(await page.evaluate(() => document.querySelector(".tp-root").dataset.proposals)) - before;
  console.log(`E2E 20 values typed fast: ${sent} proposals sent, Java holds ${await java("hall.fanSpeed")}`);
  assert.equal(await java("hall.fanSpeed"), "120");
  assert.ok(sent >= 1 && sent <= 20, `${sent} proposals`);
});

test("structural edits: add, move and remove a list item, each one proposal the Java list follows", async () => {
  const READINGS = [{ Key: "readings" }];
  const size = async () => Number(await java("hall.readings.size()"));
  const before = await size();
  const sent0 = Number(await page.evaluate(() => document.querySelector(".tp-root").dataset.proposals ?? 0));
  await clickOn(page, `${field(READINGS)} ~ .tp-add`);
  await page.waitForSelector(field([...READINGS, { Index: before }]));
  assert.equal(await size(), before + 1);
  assert.equal(await java(`hall.readings.get(${before})`), "Reading[sensor=, celsius=0.0]", "a zero value of the item's shape");
  const first = await java("hall.readings.get(0).sensor()");
  // the item tools appear on the row under the pointer
  const row = (i) => `.tp-root ol.tp-list > li.tp-row:nth-child(${i + 1})`;
  const hoverThenClick = async (i, tool) => {
    const label = page.locator(`${row(i)} > .tp-index`);
    await label.scrollIntoViewIfNeeded();
    const box = await label.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await clickOn(page, `${row(i)} > .tp-tools > .${tool}`);
  };
  await hoverThenClick(0, "tp-down");
  await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.textContent === v || document.querySelector(sel)?.value === v,
    [field([...READINGS, { Index: 1 }, { Key: "sensor" }]), first]);
  assert.equal(await java("hall.readings.get(1).sensor()"), first);
  await hoverThenClick(before, "tp-remove");
  await page.waitForFunction((sel) => document.querySelector(sel) === null, field([...READINGS, { Index: before }]));
  assert.equal(await size(), before);
  const sent = Number(await page.evaluate(() => document.querySelector(".tp-root").dataset.proposals)) - sent0;
  assert.equal(sent, 3, "one proposal per structural edit");
});

test("after a kernel restart the form is disabled and says to run the cell again", async () => {
  await openNotebook(page, lab.base, "quickstart.ipynb"); // as saved by the first test, cells added
  await runAll(page);
  await page.locator(live(field(NAME))).waitFor();
  const name = await shown(page, NAME);
  // the Kernel menu's restart (not awaited in the page: it waits for the dialog's answer)
  await page.evaluate(() => void window.jupyterapp.commands.execute("kernelmenu:restart"));
  // the confirmation dialog: a person clicks its Restart button
  await clickOn(page, ".jp-Dialog .jp-mod-accept");
  const banner = ".tp-root .tp-banner:not([hidden])";
  await page.waitForSelector(banner);
  assert.match(await page.textContent(banner), /kernel restarted or stopped — run the cell again/);
  await waitKernelIdle(page);
  assert.equal(await page.isDisabled(input(ON)), true, "the checkbox is disabled");
  const on = await page.isChecked(input(ON));
  await clickOn(page, input(ON), { live: false });
  assert.equal(await page.isChecked(input(ON)), on, "a click changes nothing");
  await clickOn(page, field(NAME), { live: false });
  await page.keyboard.type("zz");
  assert.equal(await shown(page, NAME), name, "the name cannot be edited");
  // running the cells again gives a live widget
  await runAll(page);
  await page.waitForSelector(live(input(ON)));
});
