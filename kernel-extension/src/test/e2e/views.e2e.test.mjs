// End-to-end: one widget shown in several views at once, in real JupyterLab and Chromium with the real
// kernel — twice in one notebook (two cells display the same Widget) and again in a second browser tab.
// A person's edit in one view (mouse click, typed keys, Enter) shows in every other; reloading the
// second tab re-attaches its views, which follow and edit again; and the kernel sends each patch once
// for all views of the widget: counted from the kernel's own frame log (TRANSPORTS_FRAME_LOG=1, one line
// per frame the kernel sends on a widget comm, kernel-extension FrameLog.java), which must show every
// patch of an edit exactly once, to all views, never addressed copies per view.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "./chromium.mjs";
import { startJupyterLab } from "./jupyterlab.mjs";
import { LONG, openNotebook, restored, runAll, runNewCell, save } from "./lab-page.mjs";

const NAME = "two-views.ipynb";
const cell = (source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });
const NOTEBOOK = {
  cells: [
    cell("import io.transports.*;\nimport io.transports.jupyter.*;\npublic class Lamp { public String name = \"lamp\"; public boolean on = true; }"),
    cell("var lamp = new Lamp();\nvar w = Widget.of(lamp);\nw"),
    cell("w"),
  ],
  metadata: { kernelspec: { display_name: "Java (transports)", language: "java", name: "java-transports" }, language_info: { name: "java" } },
  nbformat: 4, nbformat_minor: 5,
};
const NAME_PATH = JSON.stringify([{ Key: "name" }]);

let lab, browser, context, page;

before(async () => {
  lab = await startJupyterLab({ env: { TRANSPORTS_FRAME_LOG: "1" } });
  writeFileSync(join(lab.dirs.notebooks, NAME), JSON.stringify(NOTEBOOK));
  ({ context, page } = browser = await launchChromium());
  page.setDefaultTimeout(LONG);
});

after(async () => {
  await browser?.close();
  await lab?.stop();
});

/** The kernel's frame log lines since `from` (an offset into the server's log). */
function framesSince(from) {
  const out = [];
  for (const m of lab.log().slice(from).matchAll(/\[transports\] frame comm=(\S+) to=(\S+) (\w+) model=(\d+) rev=(-?\d+)/g)) {
    out.push({ comm: m[1], to: m[2], kind: m[3], model: Number(m[4]), rev: Number(m[5]) });
  }
  return out;
}

/** The live views (data-view ids) in `p`, once there are `n` of them. */
async function liveViews(p, n) {
  await p.waitForFunction((n) => document.querySelectorAll(".tp-root:not(.tp-disconnected)").length >= n, n, { timeout: LONG });
  return p.$$eval(".tp-root", (rs) => rs.map((r) => r.dataset.view));
}

const nameIn = (view) => `.tp-root[data-view="${view}"] [data-path='${NAME_PATH}']`;
const nameInputIn = (view) => `.tp-root[data-view="${view}"] input[data-path='${NAME_PATH}']`;

/** What the name field of `view` shows. */
const showsName = ([sel, v]) => {
  const e = document.querySelector(sel);
  return !!e && (e.tagName === "INPUT" ? e.value : e.textContent) === v;
};

/** As a person: click the name field of `view` with the mouse, select its text, type `text`, Enter. */
async function editName(p, view, text) {
  const sel = nameIn(view);
  const loc = p.locator(sel);
  await loc.scrollIntoViewIfNeeded();
  await p.waitForFunction((s) => {
    const e = document.querySelector(s);
    if (!e) return false;
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return !!hit && (hit === e || e.contains(hit));
  }, sel, { timeout: LONG });
  const box = await loc.boundingBox();
  await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await p.waitForFunction((s) => document.activeElement?.matches?.(s), nameInputIn(view), { timeout: LONG });
  await p.keyboard.press("Control+A");
  await p.keyboard.type(text);
  await p.keyboard.press("Enter");
}

/** Every patch the kernel sent since `from`: each (comm, model, rev) once, to all views. Returns them. */
function assertOneBroadcastPerPatch(from) {
  const patches = framesSince(from).filter((f) => f.kind === "patch");
  assert.ok(patches.length > 0, "the edit made at least one patch");
  const seen = new Map();
  for (const f of patches) {
    const key = `${f.comm} ${f.model} ${f.rev}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    assert.equal(f.to, "all", `patch rev ${f.rev} was addressed to view ${f.to}, not sent once for all views`);
  }
  for (const [key, n] of seen) assert.equal(n, 1, `patch ${key} left the kernel ${n} times`);
  return patches;
}

test("one widget in two cells and a second tab: an edit in one view shows in all, each patch sent once", async () => {
  await openNotebook(page, lab.base, NAME);
  await runAll(page);
  const [a, b] = await liveViews(page, 2);
  await page.waitForFunction(showsName, [nameIn(b), "lamp"], { timeout: LONG });
  await save(page); // the second tab reads the notebook, with its widget outputs, from the file

  const second = await context.newPage();
  second.setDefaultTimeout(LONG);
  try {
    await second.goto(`${lab.base}/lab/workspaces/second/tree/${NAME}`);
    await restored(second, NAME);
    const [c, d] = await liveViews(second, 2);
    await second.waitForFunction(showsName, [nameIn(d), "lamp"], { timeout: LONG });

    let mark = lab.log().length;
    await editName(page, a, "edited in view A");
    for (const [p, v] of [[page, a], [page, b], [second, c], [second, d]]) {
      await p.waitForFunction(showsName, [nameIn(v), "edited in view A"], { timeout: LONG });
    }
    const first = assertOneBroadcastPerPatch(mark);
    console.log(`edit in view A: ${first.length} patch frame(s) for 4 views, each sent once to all`);

    // A change made in Java reaches all four views, again as one frame.
    mark = lab.log().length;
    await runNewCell(page, 'lamp.name = "set in Java";');
    for (const [p, v] of [[page, a], [page, b], [second, c], [second, d]]) {
      await p.waitForFunction(showsName, [nameIn(v), "set in Java"], { timeout: LONG });
    }
    assertOneBroadcastPerPatch(mark);

    // A reload of the second tab re-attaches its views: they show the value and take edits again.
    await second.reload();
    await restored(second, NAME);
    const [c2, d2] = await liveViews(second, 2);
    assert.ok(![c, d].includes(c2) && ![c, d].includes(d2), "the reloaded tab's views are new views");
    await second.waitForFunction(showsName, [nameIn(d2), "set in Java"], { timeout: LONG });
    mark = lab.log().length;
    await editName(second, d2, "edited after reload");
    for (const [p, v] of [[page, a], [page, b], [second, c2], [second, d2]]) {
      await p.waitForFunction(showsName, [nameIn(v), "edited after reload"], { timeout: LONG });
    }
    const third = assertOneBroadcastPerPatch(mark);
    console.log(`edit after the reload: ${third.length} patch frame(s), each sent once to all views`);
  } finally {
    await second.close();
  }
});
