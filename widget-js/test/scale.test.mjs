// The widget at scale in a light DOM (happy-dom has no layout: the windows follow the form's layout
// model, which is what they do in a browser too): only rows near the viewport are built, for lists
// of records and deep trees; patches reach rows that are not built; a field being edited survives
// being scrolled far away and back; collapse and expand by mouse click and keys; the search box
// finds fields by name, path and value over rows that are not built and jumps through folded
// parents; the resize handle's height outlives a re-render. Scrolling here sets scrollTop and sends
// the scroll event the browser would (the real mouse wheel is in the JupyterLab end-to-end test).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import widget from "../dist/widget.js";
import { FakeModel, dom } from "./fake-model.mjs";

const snap = (value, rev = 0, id = 1, type = "Big") => JSON.stringify({ t: "snapshot", id, type, rev, value });
const patch = (rev, ops, id = 1) => JSON.stringify({ t: "patch", id, patch: { rev, ops } });
const dp = (path) => `[data-path='${JSON.stringify(path)}']`;
const K = (k) => ({ Key: k });
const I = (i) => ({ Index: i });

function mount(state = {}) {
  const { window, document, el } = dom();
  const model = new FakeModel(state);
  widget.initialize({ model });
  const cleanup = widget.render({ model, el });
  return { window, document, el, model, cleanup };
}

/** A list of `n` records of four fields under "items" (about 5n nodes). */
function records(n) {
  const items = [];
  for (let i = 0; i < n; i++) items.push({ Map: { id: { Int: i }, label: { Str: `item ${i}` }, on: { Bool: i % 2 === 0 }, size: { Float: i / 2 } } });
  return { Map: { title: { Str: "big" }, items: { List: items } } };
}

/** Nested maps `depth` deep with `fan` keys each; leaves are Ints (fan^depth leaves). */
function tree(depth, fan, at = "") {
  if (depth === 0) return { Int: at.length };
  const m = {};
  for (let i = 0; i < fan; i++) m[`k${i}`] = tree(depth - 1, fan, `${at}${i}`);
  return { Map: m };
}

const shown = (e) => (e.tagName === "INPUT" ? e.value : e.textContent);
const rows = (el) => el.querySelectorAll(".tp-row").length;
const frame = () => new Promise((r) => setTimeout(r, 40));

async function scrollTo(window, el, px) {
  const sc = el.querySelector(".tp-scroll");
  sc.scrollTop = px;
  sc.dispatchEvent(new window.Event("scroll"));
  await frame();
}

describe("windowing", () => {
  it("aListOfRecordsOfAHundredThousandNodesBuildsOnlyTheRowsNearTheViewport", async () => {
    const { window, el, model } = mount();
    const n = 20_000;
    model.wire(snap(records(n)));
    await frame();
    const first = rows(el);
    assert.ok(first > 10 && first < 400, `rows built at first: ${first}`);
    assert.ok(el.querySelector(dp([K("items"), I(0), K("label")])), "the first item is built");
    assert.equal(el.querySelector(dp([K("items"), I(n - 1), K("label")])), null, "the last is not");
    assert.ok(el.querySelectorAll(".tp-spacer").length >= 1);
    // Far down: the rows there are built, the first ones removed again, the count stays bounded.
    await scrollTo(window, el, 28 * 5 * 12_000);
    const around = [...el.querySelectorAll(".tp-list > .tp-row")].map((r) => Number(r.querySelector(".tp-index").textContent));
    assert.ok(around.length > 5 && around.every((i) => i > 11_000 && i < 13_000), `items built: ${around[0]}..${around[around.length - 1]}`);
    assert.equal(el.querySelector(dp([K("items"), I(0), K("label")])), null, "the first item was removed");
    assert.ok(rows(el) < 400, `rows after scrolling: ${rows(el)}`);
    // All the way back up and down to the end.
    await scrollTo(window, el, 0);
    assert.ok(el.querySelector(dp([K("items"), I(0), K("label")])));
    await scrollTo(window, el, 28 * 5 * (n - 3)); // happy-dom does not clamp scrollTop: the last screen
    assert.ok(el.querySelector(dp([K("items"), I(n - 1), K("label")])), "the last item is reachable");
  });

  it("aDeepTreeBuildsOnlyTheRowsNearTheViewport", async () => {
    const { window, el, model } = mount();
    model.wire(snap(tree(5, 10))); // 100,000 leaves, 111,111 nodes
    await frame();
    assert.ok(rows(el) < 400, `rows built: ${rows(el)}`);
    assert.ok(el.querySelector(dp([K("k0"), K("k0"), K("k0"), K("k0"), K("k0")])));
    await scrollTo(window, el, 28 * 60_000);
    assert.ok(rows(el) < 400, `rows after scrolling: ${rows(el)}`);
    assert.equal(el.querySelector(dp([K("k0"), K("k0"), K("k0"), K("k0"), K("k0")])), null);
    const leaves = [...el.querySelectorAll(".tp-value-Int")].map((e) => JSON.parse(e.getAttribute("data-path"))[0].Key);
    assert.ok(leaves.length > 0 && leaves.every((k) => k === "k4" || k === "k5"), `top-level keys of the built leaves: ${[...new Set(leaves)]}`);
  });

  it("patchesReachRowsThatAreNotBuiltAndOnlyTouchTheRowsTheyAffect", async () => {
    const { window, el, model } = mount();
    const n = 20_000;
    model.wire(snap(records(n)));
    await frame();
    const label0 = el.querySelector(dp([K("items"), I(0), K("label")]));
    model.wire(patch(1, [{ Set: { path: [K("items"), I(15_000), K("label")], value: { Str: "changed far" } } }]));
    model.wire(patch(2, [{ Set: { path: [K("items"), I(0), K("label")], value: { Str: "changed near" } } }]));
    assert.equal(el.querySelector(dp([K("items"), I(0), K("label")])), label0, "the same element, written in place");
    assert.equal(shown(label0), "changed near");
    assert.equal(el.querySelector(dp([K("items"), I(15_000), K("label")])), null);
    // A structural change far away moves the built rows' indexes without rebuilding them.
    model.wire(patch(3, [{ Insert: { path: [K("items")], index: 0, value: { Map: { id: { Int: -1 }, label: { Str: "new first" }, on: { Bool: true }, size: { Float: 0 } } } } }]));
    assert.equal(shown(el.querySelector(dp([K("items"), I(1), K("label")]))), "changed near");
    assert.equal(shown(el.querySelector(dp([K("items"), I(0), K("label")]))), "new first");
    await scrollTo(window, el, 28 * 5 * 15_001);
    await scrollTo(window, el, 28 * 5 * 15_001 + 1);
    assert.equal(shown(el.querySelector(dp([K("items"), I(15_001), K("label")]))), "changed far");
    assert.equal(model.proposals().length, 0);
  });

  it("aFieldBeingEditedSurvivesBeingScrolledFarAwayAndBack", async () => {
    const { window, document, el, model } = mount();
    model.wire(snap(records(20_000)));
    await frame();
    const path = [K("items"), I(3), K("label")];
    const span = el.querySelector(dp(path));
    span.focus();
    span.dispatchEvent(new window.FocusEvent("focusin", { bubbles: true }));
    const input = el.querySelector(`input${dp(path)}`);
    assert.ok(input, "the field became an input");
    input.value = "typed but not sent";
    await scrollTo(window, el, 28 * 5 * 10_000);
    assert.ok(rows(el) < 400);
    assert.equal(el.querySelector(dp([K("items"), I(4), K("label")])), null, "its neighbours went");
    assert.equal(el.querySelector(`input${dp(path)}`), input, "the field being edited stayed built");
    assert.equal(document.activeElement, input);
    await scrollTo(window, el, 0);
    assert.equal(el.querySelector(`input${dp(path)}`), input);
    assert.equal(input.value, "typed but not sent", "nothing typed was lost");
    input.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    const sent = model.proposals().map((m) => m.wire).join("\n");
    assert.match(sent, /typed but not sent/);
  });
});

describe("collapse and expand", () => {
  it("aToggleFoldsAndOpensAListByClickAndByArrowKeysAndTheStateOutlivesPatches", async () => {
    const { window, el, model } = mount();
    model.wire(snap(records(20_000)));
    await frame();
    const toggle = () => el.querySelector(`.tp-row:has(> ${dp([K("items")])}) > .tp-toggle`);
    assert.equal(toggle().getAttribute("aria-expanded"), "true");
    toggle().click();
    assert.equal(toggle().getAttribute("aria-expanded"), "false");
    assert.equal(el.querySelector(dp([K("items"), I(0), K("label")])), null, "a large folded list builds no rows");
    model.wire(patch(1, [{ Set: { path: [K("items"), I(0), K("label")], value: { Str: "while folded" } } }]));
    model.wire(patch(2, [{ Set: { path: [K("title")], value: { Str: "still big" } } }]));
    assert.equal(toggle().getAttribute("aria-expanded"), "false", "kept folded across patches");
    toggle().dispatchEvent(new window.KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    assert.equal(toggle().getAttribute("aria-expanded"), "true");
    assert.equal(shown(el.querySelector(dp([K("items"), I(0), K("label")]))), "while folded");
    toggle().dispatchEvent(new window.KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
    assert.equal(toggle().getAttribute("aria-expanded"), "false");
    assert.equal(model.proposals().length, 0, "folding proposes nothing");
  });

  it("everyNestedRecordMapAndListHasAToggleButTableRowsDoNot", async () => {
    const { el, model } = mount();
    model.wire(snap({ Map: { a: { Map: { b: { List: [{ Map: { c: { Int: 1 } } }] } } } } }));
    const toggles = [...el.querySelectorAll(".tp-toggle")].map((t) => t.parentElement.querySelector(":scope > [data-path]").getAttribute("data-path"));
    assert.deepEqual(toggles, [[K("a")], [K("a"), K("b")], [K("a"), K("b"), I(0)]].map((p) => JSON.stringify(p)));
    const a = el.querySelector(".tp-toggle");
    a.click();
    assert.ok(a.parentElement.classList.contains("tp-folded"));
    assert.ok(el.querySelector(dp([K("a"), K("b"), I(0), K("c")])), "a small folded container keeps its rows, hidden");
  });
});

describe("search", () => {
  const typeQuery = async (window, el, text) => {
    const box = el.querySelector(".tp-search");
    box.focus();
    box.value = text;
    box.dispatchEvent(new window.Event("input", { bubbles: true }));
    return box;
  };
  const key = (window, box, k, shiftKey = false) => box.dispatchEvent(new window.KeyboardEvent("keydown", { key: k, shiftKey, bubbles: true }));
  const current = (el) => el.querySelector(".tp-match");

  it("findsByPathInBothFormsAndJumpsThroughFoldedParentsToRowsThatWereNotBuilt", async () => {
    const { window, el, model } = mount();
    model.wire(snap(records(20_000)));
    await frame();
    el.querySelector(`.tp-row:has(> ${dp([K("items")])}) > .tp-toggle`).click(); // folded: nothing below is built
    for (const q of ["items[17041].label", "items.17041.label"]) {
      const box = await typeQuery(window, el, q);
      key(window, box, "Enter");
      assert.equal(el.querySelector(".tp-search-count").textContent, "1 of 1", q);
      const m = current(el);
      assert.ok(m, "the match is highlighted");
      assert.equal(m.querySelector(":scope > [data-path]").getAttribute("data-path"), JSON.stringify([K("items"), I(17041), K("label")]));
      assert.equal(shown(m.querySelector(":scope > [data-path]")), "item 17041");
      assert.equal(el.querySelector(`.tp-row:has(> ${dp([K("items")])}) > .tp-toggle`).getAttribute("aria-expanded"), "true", "the folded parent was opened");
      assert.ok(rows(el) < 400);
      key(window, box, "Escape");
      assert.equal(current(el), null);
      assert.equal(box.value, "");
    }
  });

  it("findsByNameAndByValueAndStepsForwardAndBackWithWrapping", async () => {
    const { window, el, model } = mount();
    model.wire(snap(records(300)));
    await frame();
    let box = await typeQuery(window, el, "item 29");
    key(window, box, "Enter");
    // "item 29", "item 290".."item 299": eleven values
    assert.equal(el.querySelector(".tp-search-count").textContent, "1 of 11");
    assert.equal(shown(current(el).querySelector(":scope > [data-path]")), "item 29");
    key(window, box, "Enter");
    assert.equal(shown(current(el).querySelector(":scope > [data-path]")), "item 290");
    key(window, box, "Enter", true);
    key(window, box, "Enter", true);
    assert.equal(el.querySelector(".tp-search-count").textContent, "11 of 11", "Shift+Enter wraps to the last");
    assert.equal(shown(current(el).querySelector(":scope > [data-path]")), "item 299");
    box = await typeQuery(window, el, "TITLE");
    key(window, box, "Enter");
    assert.equal(el.querySelector(".tp-search-count").textContent, "1 of 1", "names match, case-insensitive");
    assert.equal(current(el).querySelector(":scope > [data-path]").getAttribute("data-path"), JSON.stringify([K("title")]));
    box = await typeQuery(window, el, "no such thing");
    key(window, box, "Enter");
    assert.equal(el.querySelector(".tp-search-count").textContent, "no match");
  });

  it("aMatchIsFoundAgainAfterAPatchChangesTheModel", async () => {
    const { window, el, model } = mount();
    model.wire(snap(records(300)));
    const box = await typeQuery(window, el, "needle");
    key(window, box, "Enter");
    assert.equal(el.querySelector(".tp-search-count").textContent, "no match");
    model.wire(patch(1, [{ Set: { path: [K("items"), I(250), K("label")], value: { Str: "a needle" } } }]));
    key(window, box, "Enter");
    assert.equal(el.querySelector(".tp-search-count").textContent, "1 of 1");
    assert.equal(shown(current(el).querySelector(":scope > [data-path]")), "a needle");
  });
});

describe("height", () => {
  it("theResizeHandleSetsTheHeightAndARerenderKeepsIt", () => {
    const { window, document, el, model, cleanup } = mount();
    model.wire(snap(records(500), 0, 7));
    const sc = el.querySelector(".tp-scroll");
    assert.equal(sc.style.maxHeight, "560px", "bounded before any drag");
    const handle = el.querySelector(".tp-resize");
    handle.dispatchEvent(new window.MouseEvent("mousedown", { button: 0, clientY: 600, bubbles: true }));
    document.dispatchEvent(new window.MouseEvent("mousemove", { clientY: 750, bubbles: true }));
    document.dispatchEvent(new window.MouseEvent("mouseup", { clientY: 750, bubbles: true }));
    // happy-dom has no layout (the area measures 0 px): the drag adds 150 px to that, above the minimum
    assert.equal(sc.style.height, "150px");
    model.emit("msg:custom", { schema: { 7: { type: "object" } } }, []); // a new schema rebuilds the form
    assert.equal(el.querySelector(".tp-scroll").style.height, "150px");
    cleanup();
    const again = widget.render({ model, el });
    model.wire(snap(records(500), 0, 7));
    assert.equal(el.querySelector(".tp-scroll").style.height, "150px", "a new view of the same model keeps the height");
    again();
  });
});
