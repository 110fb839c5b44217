// renderModels on its own, with a bare Client and no widget model: the view a page builds over any
// transport. Models already mirrored and ones that arrive later are drawn in id order; an edit is
// proposed as the person's own ops through `propose` (a typed value is one Set of its path, an item
// removed is one RemoveAt); a failing `propose` abandons the proposal and says so at the field;
// pending proposals are counted on the root; a reject shows at its field; a failed patch shows a
// resync line until a fresh snapshot; read-only and offline disable the inputs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client, renderModels, opsForEdit } from "../dist/client.js";
import { dom } from "./fake-model.mjs";

const LAMP = { Map: { name: { Str: "lamp" }, on: { Bool: true }, tags: { List: [{ Str: "a" }, { Str: "b" }, { Str: "c" }] } } };
const snap = (value, rev = 0, id = 1, type = "Lamp") => JSON.stringify({ t: "snapshot", id, type, rev, value });
const dp = (path) => `[data-path='${JSON.stringify(path)}']`;

function mount(options) {
  const { window, el } = dom();
  const client = new Client();
  const sent = [];
  let open = true;
  const view = renderModels(client, el, (frame) => (open ? (sent.push(JSON.parse(frame)), true) : false), options);
  return { window, el, client, sent, view, close: () => (open = false) };
}

/** The error shown next to the field at `path`. */
const fieldError = (el, path) => el.querySelector(dp(path)).parentElement.querySelector(".tp-error")?.textContent ?? "";

function type(window, el, path, text) {
  let e = el.querySelector(dp(path));
  if (e.tagName !== "INPUT") {
    e.focus();
    e.dispatchEvent(new window.FocusEvent("focusin", { bubbles: true }));
    e = el.querySelector(`input${dp(path)}`);
  }
  e.value = text;
  e.dispatchEvent(new window.Event("change", { bubbles: true }));
  return e;
}

describe("renderModels", () => {
  it("drawsModelsAlreadyMirroredAndLaterOnesInIdOrder", () => {
    const { el, client } = (() => {
      const { window, el } = dom();
      const client = new Client();
      client.recv(snap(LAMP, 0, 2));
      renderModels(client, el, () => true);
      return { window, el, client };
    })();
    client.recv(snap(LAMP, 0, 1, "Other"));
    const ids = [...el.querySelectorAll(".tp-model")].map((s) => s.dataset.id);
    assert.deepEqual(ids, ["1", "2"]);
    assert.equal(el.querySelector('.tp-model[data-id="1"] .tp-type').textContent, "Other");
  });

  it("proposesTheOpsThePersonMadeThroughPropose", () => {
    const { window, el, client, sent } = mount();
    client.recv(snap(LAMP, 5));
    type(window, el, [{ Key: "name" }], "porch");
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].patch, { rev: 5, ops: [{ Set: { path: [{ Key: "name" }], value: { Str: "porch" } } }] });
    assert.equal(el.querySelector(".tp-root").dataset.pending, "1", "one proposal waits for its answer");
    client.recv(JSON.stringify({ t: "ack", id: 1, rev: 6, proposal: sent[0].proposal }));
  });

  it("aStructuralEditIsProposedAsItsOwnOpsNotTheWholeValue", () => {
    const removed = opsForEdit(LAMP, [{ Key: "tags" }], { List: [{ Str: "a" }, { Str: "c" }] });
    assert.deepEqual(removed, [{ RemoveAt: { path: [{ Key: "tags" }], index: 1 } }]);
    const added = opsForEdit(LAMP, [{ Key: "tags" }], { List: [{ Str: "a" }, { Str: "b" }, { Str: "c" }, { Str: "" }] });
    assert.deepEqual(added, [{ Insert: { path: [{ Key: "tags" }], index: 3, value: { Str: "" } } }]);
    assert.deepEqual(opsForEdit(LAMP, [{ Key: "name" }], { Str: "lamp" }), [], "the same value: nothing to propose");
    assert.deepEqual(opsForEdit(LAMP, [{ Key: "new" }], { Int: 1 }), [{ Set: { path: [{ Key: "new" }], value: { Int: 1 } } }]);
  });

  it("aProposalThatCannotBeSentIsAbandonedAndSaysSoAtTheField", async () => {
    const { window, el, client, close } = mount();
    client.recv(snap(LAMP, 1));
    close();
    type(window, el, [{ Key: "name" }], "porch");
    assert.deepEqual(client.pendingProposals(), []);
    assert.match(fieldError(el, [{ Key: "name" }]), /not sent/);
  });

  it("aRejectShowsAtItsFieldAndTheFieldGoesBack", () => {
    const { window, el, client, sent } = mount();
    client.recv(snap(LAMP, 1));
    type(window, el, [{ Key: "name" }], "x");
    client.recv(JSON.stringify({ t: "reject", id: 1, rev: 1, error: "at name: too short", proposal: sent[0].proposal }));
    assert.match(fieldError(el, [{ Key: "name" }]), /too short/);
    assert.equal(el.querySelector(`input${dp([{ Key: "name" }])}`).value, "lamp");
    assert.equal(el.querySelector(".tp-root").dataset.pending, undefined);
  });

  it("aFailedPatchShowsAResyncLineUntilAFreshSnapshot", () => {
    const { el, client } = mount();
    client.recv(snap(LAMP, 1));
    assert.throws(() => client.recv(JSON.stringify({ t: "patch", id: 1, patch: { rev: 2, ops: [{ RemoveAt: { path: [{ Key: "tags" }], index: 9 } }] } })));
    const notice = el.querySelector(".tp-notice");
    assert.equal(notice.hidden, false);
    assert.match(notice.textContent, /model 1 could not be applied .*waiting for a fresh snapshot/);
    client.recv(snap(LAMP, 2));
    assert.equal(notice.hidden, true);
  });

  it("readOnlyAndOfflineDisableEditing", () => {
    const { window, el, client, view, sent } = mount({ readOnly: true });
    client.recv(snap(LAMP, 1));
    assert.equal(el.querySelector(dp([{ Key: "name" }])).getAttribute("aria-disabled"), "true");
    view.setReadOnly(false);
    view.setOffline("Connection lost — reconnecting…");
    assert.equal(el.querySelector(".tp-banner").textContent, "Connection lost — reconnecting…");
    assert.equal(el.querySelector(`input${dp([{ Key: "on" }])}`).disabled, true);
    view.setOffline(null);
    assert.equal(el.querySelector(".tp-banner").hidden, true);
    type(window, el, [{ Key: "name" }], "back");
    assert.equal(sent.length, 1);
  });

  it("disposeStopsFollowingTheClient", () => {
    const { el, client, view } = mount();
    view.dispose();
    client.recv(snap(LAMP, 1));
    assert.equal(el.querySelector(".tp-root"), null);
  });
});
