// What a person does in the page, and only that: move the mouse to a widget field and click it,
// type on the keyboard, press Enter, Escape or Tab. No fill(), no synthetic events: the page sees
// the same mousedown, focus, keydown and change events a real click and real keys give. Plus the
// read-only looks at the page the tests make (what a field shows, whether a reason is shown).

/** CSS selector of the widget field (shown value, input or checkbox) at `path`. */
export const field = (path) => `.tp-root [data-path='${JSON.stringify(path)}']`;
/** CSS selector of the real input at `path` (present once the field was focused). */
export const input = (path) => `.tp-root input[data-path='${JSON.stringify(path)}']`;

/** `sel` (a widget selector starting with `.tp-root `) inside a live widget only. */
export const live = (sel) => sel.startsWith(".tp-root ") ? `.tp-root:not(.tp-disconnected) ${sel.slice(".tp-root ".length)}` : sel;

/**
 * Clicks the middle of the first element matching `sel`, with the mouse — once it is scrolled into
 * view, has stopped moving (the notebook may still be laying out cells) and is what the pointer
 * would hit there, as a person waits to see the field before clicking it. A widget field is clicked
 * once its widget is live: a view drawn from the notebook's saved values says so and is read-only
 * until the kernel's own snapshot replaces it, so a person waits for that; `{ live: false }` clicks a
 * field of a widget that has lost its kernel.
 */
export async function clickOn(page, sel, { live: mustBeLive = true } = {}) {
  if (mustBeLive) sel = live(sel);
  const loc = page.locator(sel).first();
  await loc.waitFor({ state: "visible" });
  for (let attempt = 0; ; attempt++) {
    await loc.scrollIntoViewIfNeeded();
    const a = await loc.boundingBox();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const b = await loc.boundingBox();
    if (!a || !b) throw new Error(`nothing to click at ${sel}`);
    const x = b.x + b.width / 2;
    const y = b.y + b.height / 2;
    const still = Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;
    const hit = await page.evaluate(([s, x, y]) => {
      const t = document.querySelector(s);
      const e = document.elementFromPoint(x, y);
      return !!t && !!e && (t === e || t.contains(e));
    }, [sel, x, y]);
    if ((still && hit) || attempt >= 50) {
      await page.mouse.click(x, y);
      return;
    }
  }
}

/** Clicks the field at `path`, selects its text (Ctrl+A) and types `text`. */
export async function retype(page, path, text) {
  await clickOn(page, field(path));
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

// In the page: does the field `sel` show `v` (an input's value, or the shown text)?
export const shows = ([sel, v]) => {
  const e = document.querySelector(sel);
  return !!e && (e.tagName === "INPUT" ? e.value : e.textContent) === v;
};

/** What the field at `path` shows now. */
export function shown(page, path) {
  return page.evaluate((sel) => {
    const e = document.querySelector(sel);
    return e ? (e.tagName === "INPUT" ? e.value : e.textContent) : null;
  }, field(path));
}

/** The reason shown next to the field at `path`, or null when none is shown. */
export function reasonAt(page, path) {
  return page.evaluate((sel) => {
    const e = document.querySelector(sel);
    const err = e?.parentElement?.querySelector(":scope > .tp-error");
    return err && !err.hidden ? err.textContent : null;
  }, field(path));
}

/** Waits until the field at `path` shows a reason (returns it). */
export async function waitReason(page, path) {
  await page.waitForFunction((sel) => {
    const err = document.querySelector(sel)?.parentElement?.querySelector(":scope > .tp-error");
    return !!err && !err.hidden;
  }, field(path));
  return reasonAt(page, path);
}

/** The number of cells of the open notebook (a shortcut that ran would change it). */
export function cellCount(page) {
  return page.evaluate(() => window.__tpPanel().content.widgets.length);
}

/** The data-path of the focused element, or null. */
export function focusedPath(page) {
  return page.evaluate(() => document.activeElement?.getAttribute("data-path") ?? null);
}
