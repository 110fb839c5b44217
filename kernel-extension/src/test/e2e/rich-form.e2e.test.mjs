// End-to-end: the schema-driven form of notebooks/rich.ipynb in JupyterLab (from .venv) with the
// "Java (transports)" kernel, which sends each model's JSON Schema before its first snapshot, in
// Debian's Chromium. A person's mouse and keys only (person.mjs); the Java object is read back by
// running a cell. Covers: fields in declaration order with their Java types shown; a double in
// decimal form; the enum select changing the Java enum; a table of records whose cell edit changes
// Java; add/move/remove of a list item and add/rename/remove of a map key; set and clear of an
// Optional; a constraint the page checks (refused before sending, in Java's words) and one only
// Java catches (refused with Java's reason, the field shows Java's value); a LocalDate in the
// browser's date input; a nested object's section folded and opened by its header.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchChromium } from "./chromium.mjs";
import { startJupyterLab } from "./jupyterlab.mjs";
import { LONG, openNotebook, runAll, runNewCell } from "./lab-page.mjs";
import { clickOn, field, reasonAt, retype, shown, shows, waitReason } from "./person.mjs";

const K = (...keys) => keys.map((k) => (typeof k === "number" ? { Index: k } : { Key: k }));

let lab, context, page, browser;

before(async () => {
  lab = await startJupyterLab();
  ({ context, page } = browser = await launchChromium());
  page.setDefaultTimeout(LONG);
  await openNotebook(page, lab.base, "rich.ipynb");
  await runAll(page);
  await page.waitForSelector(`${field(K("humidity"))} ~ input.tp-slider`); // the schema arrived
});

after(async () => {
  await browser?.close();
  await lab?.stop();
});

/** Runs a cell printing `expr` and returns the printed text. */
async function java(expr) {
  return (await runNewCell(page, `System.out.println(${expr});`)).trim();
}

/** Waits until running `expr` in Java prints `want` (the proposal went through the kernel). */
async function javaBecomes(expr, want) {
  for (let i = 0; i < 60; i++) {
    const got = await java(expr);
    if (got === want) return;
    await page.waitForFunction(() => new Promise((r) => setTimeout(() => r(true), 250)));
  }
  assert.equal(await java(expr), want, expr);
}

/** Hovers the row holding `sel` (its item tools appear) and clicks its tool `cls`. */
async function rowTool(sel, cls) {
  const row = `.tp-row:has(> ${sel.replace(/^\.tp-root /, "")})`;
  const target = page.locator(`.tp-root ${row}`).first();
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  await page.mouse.move(box.x + 4, box.y + box.height / 2);
  await clickOn(page, `.tp-root ${row} > .tp-tools > .${cls}`);
}

test("fields follow the Java declaration order, show their Java types, and a double shows 21.0", async () => {
  const labels = await page.evaluate(() => [...document.querySelectorAll(".tp-root .tp-body > .tp-row > .tp-map > .tp-row > .tp-label")].map((l) => l.textContent));
  assert.deepEqual(labels, ["name", "mode", "target", "fanSpeed", "uptimeSeconds", "location", "readings", "comfort", "schedule",
    "note", "serviced", "tariff", "offset", "humidity", "owner", "contact"]);
  const typeOf = (path) => page.evaluate((sel) => document.querySelector(sel).closest(".tp-row").querySelector(":scope > .tp-jtype")?.textContent, field(path));
  assert.equal(await typeOf(K("fanSpeed")), "int");
  assert.equal(await typeOf(K("uptimeSeconds")), "long");
  assert.equal(await typeOf(K("note")), "Optional<String>");
  assert.equal(await typeOf(K("serviced")), "LocalDate");
  await runNewCell(page, "hall.comfort = new Range(19.5, 21.0);");
  await page.waitForFunction(shows, [field(K("comfort", "high")), "21.0"]);
  assert.equal(await shown(page, K("schedule", "06:30")), "21.0");
});

test("the enum select changes the Java enum, by mouse and keyboard on the select", async () => {
  const mode = field(K("mode"));
  await runNewCell(page, "hall.mode = Mode.OFF;");
  await page.waitForFunction(([sel]) => document.querySelector(sel)?.value === "OFF", [mode]);
  // a click opens its list; Escape closes it with the focus kept; typing a constant's first letter picks it
  await clickOn(page, mode);
  await page.keyboard.press("Escape");
  await page.keyboard.type("E");
  await javaBecomes("hall.mode", "ECO");
  assert.equal(await page.evaluate((sel) => document.querySelector(sel).tagName, mode), "SELECT");
});

test("a list of records is a table; editing a cell changes the Java record", async () => {
  assert.equal(await page.locator(".tp-root ol.tp-table[data-path='[{\"Key\":\"readings\"}]']").count(), 1);
  const heads = await page.evaluate(() => [...document.querySelectorAll(".tp-root .tp-table-head .tp-th")].map((h) => h.textContent));
  assert.deepEqual(heads, ["sensor", "celsius"]);
  await retype(page, K("readings", 0, "celsius"), "18.75");
  await page.keyboard.press("Enter");
  await javaBecomes("hall.readings.get(0).celsius()", "18.75");
});

test("add, move and remove a list item; add, rename and remove a map key: Java follows each", async () => {
  const n = Number(await java("hall.readings.size()"));
  await clickOn(page, `${field(K("readings"))} ~ .tp-add`);
  await page.waitForSelector(field(K("readings", n)));
  await javaBecomes("hall.readings.size()", String(n + 1));
  const first = await java("hall.readings.get(0).sensor()");
  await rowTool(field(K("readings", 0)), "tp-down");
  await javaBecomes("hall.readings.get(1).sensor()", first);
  await rowTool(field(K("readings", n)), "tp-remove");
  await javaBecomes("hall.readings.size()", String(n));

  await clickOn(page, `${field(K("schedule"))} ~ .tp-add`);
  await page.waitForSelector(".tp-root .tp-key-input");
  await page.keyboard.type("22:00");
  await page.keyboard.press("Enter");
  await page.waitForSelector(field(K("schedule", "22:00")));
  await javaBecomes("hall.schedule", "{06:30=21.0, 22:00=0.0}");
  await rowTool(field(K("schedule", "22:00")), "tp-rename");
  await page.waitForSelector(".tp-root .tp-key-input");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("23:00");
  await page.keyboard.press("Enter");
  await page.waitForSelector(field(K("schedule", "23:00")));
  await javaBecomes("hall.schedule.keySet()", "[06:30, 23:00]");
  await rowTool(field(K("schedule", "06:30")), "tp-remove");
  await javaBecomes("hall.schedule.keySet()", "[23:00]");
});

test("an Optional is set and cleared with its null toggle", async () => {
  const note = K("note");
  await clickOn(page, `.tp-root .tp-row:has(> [data-path='${JSON.stringify(note)}']) > .tp-null-toggle`);
  await page.waitForSelector(`${field(note)}[data-kind='Str']`);
  await javaBecomes("hall.note", "Optional[]");
  await retype(page, note, "filter due");
  await page.keyboard.press("Enter");
  await javaBecomes("hall.note", "Optional[filter due]");
  await clickOn(page, `.tp-root .tp-row:has(> [data-path='${JSON.stringify(note)}']) > .tp-null-toggle`);
  await page.waitForSelector(`${field(note)}[data-kind='Null']`);
  await javaBecomes("hall.note", "Optional.empty");
});

test("a constraint the page knows is refused before sending, in Java's words; one only Java catches is refused by Java", async () => {
  const HUM = K("humidity");
  const sent0 = Number(await page.evaluate(() => document.querySelector(".tp-root").dataset.proposals ?? 0));
  await retype(page, HUM, "120");
  await page.keyboard.press("Enter");
  assert.equal(await waitReason(page, HUM), "must be less than or equal to 100");
  await page.waitForFunction(shows, [field(HUM), "45"]);
  assert.equal(Number(await page.evaluate(() => document.querySelector(".tp-root").dataset.proposals ?? 0)), sent0, "nothing was sent");
  assert.equal(await java("hall.humidity"), "45");
  // the page's e-mail check is looser than Hibernate Validator's: Java refuses this one
  const MAIL = K("contact");
  await retype(page, MAIL, "ops@example..com");
  await page.keyboard.press("Enter");
  const reason = await waitReason(page, MAIL);
  console.log(`E2E Java's refusal shown: ${reason}`);
  assert.match(reason, /^at contact: must be a well-formed email address$/);
  await page.waitForFunction(shows, [field(MAIL), "ops@example.com"]);
  assert.equal(await java("hall.contact"), "ops@example.com");
  assert.equal(await reasonAt(page, HUM), "must be less than or equal to 100", "each field keeps its own reason");
});

test("a LocalDate is edited in the browser's own date input: typed digits, Enter, Java holds the date", async () => {
  const DAY = K("serviced");
  await clickOn(page, field(DAY));
  await page.waitForSelector(`.tp-root input[type='date'][data-path='${JSON.stringify(DAY)}']`);
  // the focus is on the first part (month, in Chromium's en-US form): month, day, year
  await page.keyboard.type("04152027");
  await page.keyboard.press("Enter");
  await javaBecomes("hall.serviced", "2027-04-15");
  assert.equal(await page.evaluate((sel) => document.querySelector(sel).value, field(DAY)), "2027-04-15");
});

test("a nested object's header folds it with a click and opens it again", async () => {
  const head = `.tp-root .tp-row:has(> [data-path='${JSON.stringify(K("location"))}']) > .tp-section-head`;
  const floor = field(K("location", "floor"));
  assert.equal(await page.isVisible(floor), true);
  await clickOn(page, head);
  await page.waitForSelector(floor, { state: "hidden" });
  await runNewCell(page, "hall.location.floor = 9;"); // a change from Java keeps it folded
  await page.waitForFunction(([sel]) => document.querySelector(sel)?.textContent === "9", [floor]);
  assert.equal(await page.isVisible(floor), false);
  await clickOn(page, head);
  await page.waitForSelector(floor, { state: "visible" });
});
