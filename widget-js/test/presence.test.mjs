// Presence on shared models (src/presence.ts), two views in one light DOM. What a hub does between
// them is played by `relay` below: it stamps each awareness frame a view sends with that view's peer
// id and hands it to the other view's Client, as the Java Hub does (the real Hub is between the pages
// in the connections and JupyterLab end-to-end tests). Focus moves are the focus() call plus the
// focusin/focusout events a browser raises (happy-dom raises neither on its own).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client, readPresence, renderModels } from "../dist/client.js";

import widget from "../dist/widget.js";
import { FakeModel, dom } from "./fake-model.mjs";

const SHARED = 2 ** 40 + 1;
const NOTE = { Map: { title: { Str: "plan" }, body: { Str: "text" }, tags: { List: [{ Str: "a" }, { Str: "b" }] } } };
const snap = (id, value, rev = 0) => JSON.stringify({ t: "snapshot", id, type: "Note", rev, value });
const dp = (path) => `[data-path='${JSON.stringify(path)}']`;
const K = (k) => ({ Key: k });
const tick = () => new Promise((r) => setTimeout(r, 5));

/** One view: its Client, the frames it sent (parsed), its element. */
function view(window, document, options) {
  const el = document.createElement("div");
  document.body.append(el);
  const client = new Client();
  const sent = [];
  const v = renderModels(client, el, (frame) => (sent.push(JSON.parse(frame)), true), options);
  return { el, client, sent, view: v };
}

function pair(options = [{ userName: "alice" }, { userName: "bob" }]) {
  const { window, document } = dom();
  const a = view(window, document, options[0]);
  const b = view(window, document, options[1]);
  for (const v of [a, b]) {
    v.client.recv(snap(1, NOTE)); // a private model: no presence
    v.client.recv(snap(SHARED, NOTE));
  }
  /** Relays what `from` sent since the last call to `to`, as the hub would, stamped with `peer`. */
  const relay = (from, to, peer) => {
    for (const m of from.sent.splice(0)) if (m.t === "awareness") to.client.recv(JSON.stringify({ ...m, peer }));
  };
  return { window, document, a, b, relay };
}

function focus(window, el, id, path) {
  const prev = el.ownerDocument.activeElement;
  const target = el.querySelector(`.tp-model[data-id="${id}"] ${dp(path)}`);
  if (prev && prev !== el.ownerDocument.body) prev.dispatchEvent(new window.FocusEvent("focusout", { bubbles: true, relatedTarget: target }));
  target.focus();
  target.dispatchEvent(new window.FocusEvent("focusin", { bubbles: true }));
  return target;
}

function blur(window, document) {
  const prev = document.activeElement;
  prev.blur();
  prev.dispatchEvent(new window.FocusEvent("focusout", { bubbles: true }));
}

const shared = (el) => el.querySelector(`.tp-model[data-id="${SHARED}"]`);
const badges = (el) => [...shared(el).querySelectorAll(".tp-peer")].map((b) => [b.textContent, b.dataset.field]);
const line = (el) => shared(el).querySelector(".tp-presence");

describe("presence", () => {
  it("focusingAFieldOfASharedModelPublishesItAndLeavingClearsIt", async () => {
    const { window, document, a } = pair();
    focus(window, a.el, SHARED, [K("title")]);
    await tick();
    assert.deepEqual(a.sent, [{ t: "awareness", id: SHARED, state: { field: [K("title")], name: "alice" } }]);
    a.sent.length = 0;
    // The shown value becomes an input on focus: the same field, so nothing new is published.
    focus(window, a.el, SHARED, [K("title")]);
    await tick();
    assert.deepEqual(a.sent, []);
    focus(window, a.el, SHARED, [K("body")]);
    await tick();
    assert.deepEqual(a.sent, [{ t: "awareness", id: SHARED, state: { field: [K("body")], name: "alice" } }]);
    a.sent.length = 0;
    blur(window, document);
    await tick();
    assert.deepEqual(a.sent, [{ t: "awareness", id: SHARED, state: null }]);
  });

  it("aPrivateModelHasNoPresence", async () => {
    const { window, a } = pair();
    focus(window, a.el, 1, [K("title")]);
    await tick();
    assert.deepEqual(a.sent, []);
  });

  it("movingToAnotherModelClearsThePresenceOnTheFirst", async () => {
    const { window, a } = pair();
    focus(window, a.el, SHARED, [K("title")]);
    await tick();
    a.sent.length = 0;
    focus(window, a.el, 1, [K("title")]);
    await tick();
    assert.deepEqual(a.sent, [{ t: "awareness", id: SHARED, state: null }]);
  });

  it("theOtherViewShowsABadgeWithTheNameBesideTheFieldAndRemovesItWhenCleared", async () => {
    const { window, document, a, b, relay } = pair();
    focus(window, a.el, SHARED, [K("title")]);
    await tick();
    relay(a, b, "peer-1");
    assert.deepEqual(badges(b.el), [["alice", JSON.stringify([K("title")])]]);
    const control = shared(b.el).querySelector(dp([K("title")]));
    assert.ok(control.classList.contains("tp-peer-here"), "the field itself is outlined");
    assert.equal(control.nextElementSibling.textContent, "alice", "the badge sits beside the field");
    assert.equal(line(b.el).hidden, false);
    assert.equal(line(b.el).textContent, "1 other here: alice (title)");
    assert.equal(badges(a.el).length, 0, "a view never shows itself");
    assert.equal(b.el.querySelector('.tp-model[data-id="1"] .tp-peer'), null, "nothing on the private model");

    blur(window, document);
    await tick();
    relay(a, b, "peer-1");
    assert.deepEqual(badges(b.el), []);
    assert.equal(control.classList.contains("tp-peer-here"), false);
    assert.equal(line(b.el).hidden, true);
  });

  it("bothViewsSeeEachOtherAndAPeerWithoutANameIsLabelledByItsPeerId", async () => {
    const { window, a, b, relay } = pair([{ userName: "alice" }, {}]);
    focus(window, a.el, SHARED, [K("title")]);
    await tick();
    relay(a, b, "peer-1");
    focus(window, b.el, SHARED, [K("body")]);
    await tick();
    relay(b, a, "peer-2");
    assert.deepEqual(badges(a.el), [["peer-2", JSON.stringify([K("body")])]]);
    assert.deepEqual(badges(b.el), [["alice", JSON.stringify([K("title")])]]);
    // a third peer on the same field as alice: two badges there, and the line counts both
    b.client.recv(JSON.stringify({ t: "awareness", id: SHARED, state: { field: [K("title")], name: "carol" }, peer: "peer-3" }));
    assert.deepEqual(badges(b.el).map((x) => x[0]).sort(), ["alice", "carol"]);
    assert.match(line(b.el).textContent, /^2 others here: alice \(title\), carol \(title\)$/);
  });

  it("unknownStateShapesAreIgnoredGracefully", () => {
    const { b } = pair();
    const odd = [{ selection: { anchor: 5 } }, 42, "x", [1, 2], true, { field: [{ Bogus: 1 }] }, { field: 7, name: 9 }, { field: [K("no-such-field")] }];
    odd.forEach((state, i) => b.client.recv(JSON.stringify({ t: "awareness", id: SHARED, state, peer: `py-${i}` })));
    assert.deepEqual(badges(b.el), [], "no marker without a field that is on screen");
    assert.equal(line(b.el).dataset.count, String(odd.length), "each such peer still counts as here");
    // a bare string field names one top-level key (a Python peer's simplest form)
    b.client.recv(JSON.stringify({ t: "awareness", id: SHARED, state: { field: "body", name: "py" }, peer: "py-s" }));
    assert.deepEqual(badges(b.el), [["py", JSON.stringify([K("body")])]]);
    assert.equal(readPresence("p", { name: "   " }).label, "p", "a blank name falls back to the peer id");
    assert.equal(readPresence("p", { name: "x".repeat(100) }).label.length, 40, "a long name is cut");
    assert.equal(readPresence("p", null), null);
  });

  it("awarenessNeverRebuildsTheForm", async () => {
    const { window, a, b, relay } = pair();
    const before = [...shared(b.el).querySelectorAll("[data-path]")];
    focus(window, a.el, SHARED, [K("tags")]);
    await tick();
    relay(a, b, "peer-1");
    b.client.recv(JSON.stringify({ t: "awareness", id: SHARED, state: { field: [K("tags"), { Index: 1 }] }, peer: "peer-9" }));
    await tick();
    b.client.recv(JSON.stringify({ t: "awareness", id: SHARED, state: null, peer: "peer-9" }));
    await tick();
    const after = [...shared(b.el).querySelectorAll("[data-path]")];
    assert.equal(after.length, before.length);
    after.forEach((e, i) => assert.equal(e, before[i], `the same element for ${e.getAttribute("data-path")}`));
    // a list's badge sits beside its label, not after the whole list
    const badge = shared(b.el).querySelector(".tp-peer");
    assert.ok(badge.previousElementSibling.classList.contains("tp-label"));
  });

  it("aRowBuiltLaterGetsItsMarkerAndAPatchThatRebuildsARowKeepsIt", async () => {
    const { b } = pair();
    // a peer on an item that does not exist yet: no marker until the item's row is built
    const item = [K("tags"), { Index: 2 }];
    b.client.recv(JSON.stringify({ t: "awareness", id: SHARED, state: { field: item, name: "dora" }, peer: "peer-4" }));
    assert.deepEqual(badges(b.el), []);
    b.client.recv(JSON.stringify({ t: "patch", id: SHARED, patch: { rev: 1, ops: [{ Insert: { path: [K("tags")], index: 2, value: { Str: "c" } } }] } }));
    await tick(); // the mutation observer runs after the patch's rows are in
    assert.deepEqual(badges(b.el), [["dora", JSON.stringify(item)]]);
    // the whole list replaced by a patch: its rows are new, the marker follows
    b.client.recv(JSON.stringify({ t: "patch", id: SHARED, patch: { rev: 2, ops: [{ Set: { path: [K("tags")], value: { List: [{ Str: "x" }, { Str: "y" }, { Str: "z" }] } } }] } }));
    await tick();
    assert.deepEqual(badges(b.el), [["dora", JSON.stringify(item)]]);
  });

  it("aMarkerForARowOfAWindowedListWaitsUntilTheRowIsScrolledIntoView", async () => {
    const { window, document } = dom();
    const b = view(window, document, {});
    const items = [];
    for (let i = 0; i < 20_000; i++) items.push({ Map: { id: { Int: i }, label: { Str: `item ${i}` } } });
    b.client.recv(snap(SHARED, { Map: { items: { List: items } } }));
    await new Promise((r) => setTimeout(r, 40));
    const far = [K("items"), { Index: 15_000 }, K("label")];
    const built = () => [...shared(b.el).querySelectorAll("[data-path]")].some((e) => e.getAttribute("data-path") === JSON.stringify(far));
    assert.equal(built(), false, "row 15000 is not built at first");
    const rowsBefore = shared(b.el).querySelectorAll(".tp-row").length;
    b.client.recv(JSON.stringify({ t: "awareness", id: SHARED, state: { field: far, name: "erin" }, peer: "peer-5" }));
    assert.deepEqual(badges(b.el), [], "nothing to mark yet");
    assert.equal(line(b.el).textContent, "1 other here: erin (items[15000].label)");
    assert.equal(shared(b.el).querySelectorAll(".tp-row").length, rowsBefore, "awareness built no rows");
    const sc = shared(b.el).querySelector(".tp-scroll");
    for (let tries = 0; tries < 50 && !built(); tries++) {
      sc.scrollTop = sc.scrollTop + 60_000;
      sc.dispatchEvent(new window.Event("scroll"));
      await new Promise((r) => setTimeout(r, 40));
    }
    assert.ok(built(), "scrolling built the row");
    await tick();
    assert.deepEqual(badges(b.el), [["erin", JSON.stringify(far)]]);
  });

  it("aLostConnectionRemovesEveryMarkerAndTheFocusIsPublishedAgainWhenBack", async () => {
    const { window, a, b, relay } = pair();
    focus(window, a.el, SHARED, [K("title")]);
    await tick();
    relay(a, b, "peer-1");
    b.view.setOffline("gone");
    assert.deepEqual(badges(b.el), []);
    assert.equal(line(b.el).hidden, true);
    a.sent.length = 0;
    a.view.setOffline("gone");
    a.view.setOffline(null);
    assert.deepEqual(a.sent, [{ t: "awareness", id: SHARED, state: { field: [K("title")], name: "alice" } }]);
  });

  it("theNotebookWidgetNamesItsPresenceByTheStateKeyUserAndSaysClosedWhenItsPageGoes", async () => {
    const { window, el } = dom();
    const model = new FakeModel({ user: "alice" });
    const cleanup = widget.render({ model, el });
    const [viewId] = model.views();
    model.wire(snap(SHARED, NOTE), viewId);
    focus(window, el, SHARED, [K("title")]);
    await tick();
    const wires = () => model.sent.filter((m) => typeof m.wire === "string").map((m) => JSON.parse(m.wire));
    assert.deepEqual(wires(), [{ t: "awareness", id: SHARED, state: { field: [K("title")], name: "alice" } }]);
    window.dispatchEvent(new window.Event("pagehide"));
    assert.deepEqual(model.sent.at(-1), { closed: true, view: viewId });
    cleanup();
    assert.equal(model.sent.filter((m) => m.closed).length, 1, "said once");
  });
});
