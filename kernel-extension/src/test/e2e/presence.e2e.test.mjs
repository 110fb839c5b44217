// End-to-end: two tenants of one Hub editing a shared model, each in its own browser tab, in real
// JupyterLab and Chromium with the real kernel. The notebook makes a Hub with one shared model that
// tenants alice and bob may both write, and shows Widget.of(hub, "alice") in one cell and
// Widget.of(hub, "bob") in the next. A notebook shows every output in every tab, so "a tab per
// tenant" is: the first tab works in alice's widget, the second tab (the same notebook in a second
// workspace) in bob's. As a person, with the mouse and keyboard: each clicks into a field and the
// other tab shows the name beside that field; alice types a value and Enter and bob's widget shows it
// and Java holds it; reloading bob's tab and then closing it each remove his badge from alice's tab.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchChromium } from "./chromium.mjs";
import { ROOT, startJupyterLab } from "./jupyterlab.mjs";
import { LONG, openNotebook, restored, runAll, runNewCell, save } from "./lab-page.mjs";

const NAME = "presence.ipynb";
const cell = (source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });
const NOTEBOOK = {
  cells: [
    cell("import io.transports.*;\nimport io.transports.jupyter.*;\npublic class Card { public String title = \"plan\"; public String owner = \"nobody\"; }"),
    cell("var hub = new Hub(c -> c.param(\"tenant\").orElseThrow());\nlong card = hub.share(new Card());\nhub.subscribe(\"alice\", card, Hub.Mode.WRITE);\nhub.subscribe(\"bob\", card, Hub.Mode.WRITE);\ncard"),
    cell("Widget.of(hub, \"alice\")"),
    cell("Widget.of(hub, \"bob\")"),
  ],
  metadata: { kernelspec: { display_name: "Java (transports)", language: "java", name: "java-transports" }, language_info: { name: "java" } },
  nbformat: 4, nbformat_minor: 5,
};
const TITLE = JSON.stringify([{ Key: "title" }]);
const OWNER = JSON.stringify([{ Key: "owner" }]);

let lab, browser, context, page;

before(async () => {
  lab = await startJupyterLab();
  writeFileSync(join(lab.dirs.notebooks, NAME), JSON.stringify(NOTEBOOK));
  ({ context, page } = browser = await launchChromium());
  page.setDefaultTimeout(LONG);
});

after(async () => {
  await browser?.close();
  await lab?.stop();
});

/** The live views (data-view ids) in `p` in page order (alice's cell first), once there are `n`. */
async function liveViews(p, n) {
  await p.waitForFunction((n) => document.querySelectorAll(".tp-root:not(.tp-disconnected) .tp-model").length >= n, n, { timeout: LONG });
  return p.$$eval(".tp-root", (rs) => rs.map((r) => r.dataset.view));
}

const field = (view, path) => `.tp-root[data-view="${view}"] [data-path='${path}']`;

/** The names on the badges beside field `path` in `view`, once they are exactly `names` (in any order). */
async function badges(p, view, path, names) {
  await p.waitForFunction(([view, path, want]) => {
    const got = [...document.querySelectorAll(`.tp-root[data-view="${view}"] .tp-peer`)]
      .filter((b) => b.dataset.field === path).map((b) => b.textContent).sort();
    return JSON.stringify(got) === JSON.stringify(want);
  }, [view, path, [...names].sort()], { timeout: LONG });
}

/** As a person: click field `path` of `view` with the mouse, once nothing covers it; waits for its input. */
async function clickInto(p, view, path) {
  const sel = field(view, path);
  await p.locator(sel).scrollIntoViewIfNeeded();
  await p.waitForFunction((s) => {
    const e = document.querySelector(s);
    if (!e) return false;
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return !!hit && (hit === e || e.contains(hit));
  }, sel, { timeout: LONG });
  const box = await p.locator(sel).boundingBox();
  await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await p.waitForFunction((s) => document.activeElement?.matches?.(s), `.tp-root[data-view="${view}"] input[data-path='${path}']`, { timeout: LONG });
}

const shows = ([sel, v]) => {
  const e = document.querySelector(sel);
  return !!e && (e.tagName === "INPUT" ? e.value : e.textContent) === v;
};

test("two tabs as two tenants of a hub: each sees where the other is, edits reach the other and Java, and a reloaded or closed tab's presence goes", async () => {
  await openNotebook(page, lab.base, NAME);
  await runAll(page);
  const [alice] = await liveViews(page, 2);
  await save(page); // the second tab reads the notebook, with its widget outputs, from the file

  let second = await context.newPage();
  second.setDefaultTimeout(LONG);
  try {
    await second.goto(`${lab.base}/lab/workspaces/second/tree/${NAME}`);
    await restored(second, NAME);
    let [, bob] = await liveViews(second, 2);
    await second.waitForFunction(shows, [field(bob, TITLE), "plan"], { timeout: LONG });

    // alice clicks into the title in the first tab: bob's widget in the second tab shows her there
    await clickInto(page, alice, TITLE);
    await badges(second, bob, TITLE, ["alice"]);
    // bob clicks into the owner in the second tab: alice's widget shows him there
    await clickInto(second, bob, OWNER);
    await badges(page, alice, OWNER, ["bob"]);
    await page.waitForFunction((v) => /^1 other here: bob \(owner\)$/.test(document.querySelector(`.tp-root[data-view="${v}"] .tp-presence`)?.textContent ?? ""), alice, { timeout: LONG });
    mkdirSync(join(ROOT, "kernel-extension", "target"), { recursive: true });
    await page.locator(`.tp-root[data-view="${alice}"]`).screenshot({ path: join(ROOT, "kernel-extension", "target", "presence-lab.png") });

    // alice types a new title and presses Enter: bob's widget shows it, and the hub in Java holds it
    await page.keyboard.press("Control+A");
    await page.keyboard.type("alice's plan");
    await page.keyboard.press("Enter");
    await second.waitForFunction(shows, [field(bob, TITLE), "alice's plan"], { timeout: LONG });
    await badges(second, bob, TITLE, ["alice"]); // still there: her caret stays in the field after Enter

    // bob's tab reloads: his presence leaves alice's tab; his new view can be on a field again
    await second.reload();
    await restored(second, NAME);
    await badges(page, alice, OWNER, []);
    [, bob] = await liveViews(second, 2);
    await clickInto(second, bob, OWNER);
    await badges(page, alice, OWNER, ["bob"]);
    // bob closes his tab: his presence leaves alice's tab
    await second.close();
    second = null;
    await badges(page, alice, OWNER, []);
    await page.waitForFunction((v) => document.querySelector(`.tp-root[data-view="${v}"] .tp-presence`)?.hidden === true, alice, { timeout: LONG });

    const held = await runNewCell(page, "hub.shared(card)");
    assert.match(held, /alice's plan/, `Java's copy of the shared model: ${held}`);
  } finally {
    await second?.close();
  }
});
