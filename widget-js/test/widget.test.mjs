// The anywidget front end in a light DOM (happy-dom) with a fake model: ready handshake,
// rendering a snapshot, patches touching only their fields, edits becoming proposals, rejects
// showing the server's error, strings always shown as text, read-only, view addressing, DOM
// events and the connection-lost banner. Also prints render timings for a 10,000-node model.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import widget from "../dist/widget.js";
import { FakeModel, dom } from "./fake-model.mjs";

const DEVICE = {
  Map: {
    name: { Str: "lamp" },
    on: { Bool: false },
    watts: { Int: 40 },
    ratio: { Float: 0.5 },
    owner: "Null",
    parent: { Submodel: 2 },
    tags: { List: [{ Str: "a" }, { Str: "b" }, { Str: "c" }] },
    place: { Map: { room: { Str: "hall" } } },
  },
};

const snap = (value, rev = 0, id = 1, type = "Device") => JSON.stringify({ t: "snapshot", id, type, rev, value });
const patch = (rev, ops, id = 1) => JSON.stringify({ t: "patch", id, patch: { rev, ops } });
const dp = (path) => `[data-path='${JSON.stringify(path)}']`;

function mount(state = {}) {
  const { window, document, el } = dom();
  const model = new FakeModel(state);
  widget.initialize({ model });
  const cleanup = widget.render({ model, el });
  return { window, document, el, model, cleanup, view: model.views()[0] };
}

function field(el, path) {
  return el.querySelector(dp(path));
}

/** What a field shows: an input's value, or the text of a value shown as text until focused. */
function shown(e) {
  return e.tagName === "INPUT" ? e.value : e.textContent;
}

/** Focuses a field as a click or Tab would; a value shown as text becomes an input. Returns the input. */
function activate(window, e) {
  if (e.tagName === "INPUT") return e;
  const path = e.getAttribute("data-path");
  e.focus();
  e.dispatchEvent(new window.FocusEvent("focusin", { bubbles: true }));
  return e.ownerDocument.querySelector(`input[data-path='${path}']`) ?? e;
}

/** Edits a field as a person would: focus it, set the value, raise change. Returns the input. */
function change(window, field, value) {
  const input = activate(window, field);
  if (typeof value === "boolean") input.checked = value;
  else input.value = value;
  input.dispatchEvent(new window.Event("change", { bubbles: true }));
  return input;
}

describe("widget front end", () => {
  it("exportsTheAnywidgetLifecycle", () => {
    assert.equal(typeof widget.initialize, "function");
    assert.equal(typeof widget.render, "function");
  });

  it("sendsReadyWithAViewIdOnceListening", () => {
    const { model } = mount();
    assert.equal(model.sent.length, 1);
    assert.equal(model.sent[0].ready, true);
    assert.match(model.sent[0].view, /^[0-9a-f]{16}$/);
    assert.equal(model.handlers.get("msg:custom").size, 1, "listening before ready is sent");
  });

  it("rendersASnapshotAsAnEditableForm", () => {
    const { window, el, model } = mount();
    model.wire(snap(DEVICE));
    assert.equal(el.querySelector(".tp-heading").textContent, "Device #1");
    assert.equal(shown(field(el, [{ Key: "name" }])), "lamp");
    const shownName = field(el, [{ Key: "name" }]);
    assert.equal(shownName.tabIndex, 0, "a value shown as text is reachable by keyboard");
    assert.equal(shownName.getAttribute("aria-label"), "name");
    assert.equal(activate(window, shownName).type, "text", "focused, it becomes a text input");
    assert.equal(shown(field(el, [{ Key: "name" }])), "lamp");
    assert.equal(field(el, [{ Key: "on" }]).type, "checkbox");
    assert.equal(field(el, [{ Key: "on" }]).checked, false);
    assert.equal(shown(field(el, [{ Key: "watts" }])), "40");
    assert.equal(activate(window, field(el, [{ Key: "watts" }])).type, "text", "numbers are text with a numeric keyboard");
    assert.equal(field(el, [{ Key: "watts" }]).inputMode, "numeric");
    assert.equal(shown(field(el, [{ Key: "watts" }])), "40");
    assert.equal(activate(window, field(el, [{ Key: "ratio" }])).inputMode, "decimal");
    assert.equal(shown(field(el, [{ Key: "ratio" }])), "0.5");
    assert.equal(field(el, [{ Key: "owner" }]).textContent, "null");
    assert.equal(field(el, [{ Key: "parent" }]).textContent, "model #2");
    assert.equal(field(el, [{ Key: "place" }]).tagName, "FIELDSET");
    assert.equal(shown(field(el, [{ Key: "place" }, { Key: "room" }])), "hall");
    assert.equal(field(el, [{ Key: "tags" }]).tagName, "OL");
    assert.equal(shown(field(el, [{ Key: "tags" }, { Index: 2 }])), "c");
    assert.equal(el.querySelectorAll(".tp-field").length, 13);
    for (const f of el.querySelectorAll(".tp-field")) assert.ok(f.classList.contains("tp-field"));
  });

  it("aPatchUpdatesOnlyTheAffectedField", () => {
    const { el, model } = mount();
    model.wire(snap(DEVICE));
    const before = [...el.querySelectorAll("*")];
    const leaf = (e) => (e.matches("input, .tp-value") ? shown(e) : undefined);
    const values = before.map(leaf);
    model.wire(patch(1, [{ Set: { path: [{ Key: "name" }], value: { Str: "desk" } } }]));
    const after = [...el.querySelectorAll("*")];
    assert.equal(after.length, before.length);
    after.forEach((e, i) => assert.equal(e, before[i], "no element was replaced"));
    const changed = after.filter((e, i) => leaf(e) !== values[i]);
    assert.deepEqual(changed, [field(el, [{ Key: "name" }])]);
    assert.equal(shown(changed[0]), "desk");
  });

  it("listOpsMoveItemsAndKeepDataPathsRight", () => {
    const { el, model } = mount();
    model.wire(snap(DEVICE));
    const tags = () => [...field(el, [{ Key: "tags" }]).querySelectorAll("input, .tp-value")].map((i) => [shown(i), i.dataset.path]);
    const a = field(el, [{ Key: "tags" }, { Index: 0 }]);
    model.wire(patch(1, [{ Insert: { path: [{ Key: "tags" }], index: 0, value: { Str: "z" } } }]));
    assert.deepEqual(tags().map((t) => t[0]), ["z", "a", "b", "c"]);
    assert.equal(field(el, [{ Key: "tags" }, { Index: 1 }]), a, "the existing item element moved, not re-rendered");
    model.wire(patch(2, [{ Move: { path: [{ Key: "tags" }], from: 0, to: 3 } }]));
    assert.deepEqual(tags().map((t) => t[0]), ["a", "b", "c", "z"]);
    model.wire(patch(3, [{ Reorder: { path: [{ Key: "tags" }], order: [3, 2, 1, 0] } }]));
    assert.deepEqual(tags().map((t) => t[0]), ["z", "c", "b", "a"]);
    model.wire(patch(4, [{ RemoveAt: { path: [{ Key: "tags" }], index: 1 } }, { Remove: { path: [{ Key: "owner" }] } }, { Set: { path: [{ Key: "new" }], value: { Int: 1 } } }]));
    assert.deepEqual(tags(), [
      ["z", '[{"Key":"tags"},{"Index":0}]'],
      ["b", '[{"Key":"tags"},{"Index":1}]'],
      ["a", '[{"Key":"tags"},{"Index":2}]'],
    ]);
    assert.equal(field(el, [{ Key: "owner" }]), null);
    assert.equal(shown(field(el, [{ Key: "new" }])), "1");
    const labels = [...el.querySelectorAll(".tp-model .tp-body > .tp-row > .tp-map > .tp-row > .tp-label")].map((l) => l.textContent);
    assert.deepEqual(labels, ["name", "new", "on", "parent", "place", "ratio", "tags", "watts"], "new keys land in key order");
  });

  it("aSetOfAWholeRecordUpdatesOnlyTheFieldsThatDiffer", () => {
    const { el, model } = mount();
    model.wire(snap(DEVICE));
    const room = field(el, [{ Key: "place" }, { Key: "room" }]);
    const place = field(el, [{ Key: "place" }]);
    model.wire(patch(1, [{ Set: { path: [{ Key: "place" }], value: { Map: { room: { Str: "hall" }, floor: { Int: 2 } } } } }]));
    assert.equal(field(el, [{ Key: "place" }]), place, "the fieldset stayed");
    assert.equal(field(el, [{ Key: "place" }, { Key: "room" }]), room, "the unchanged input stayed");
    assert.equal(shown(field(el, [{ Key: "place" }, { Key: "floor" }])), "2");
    const name = field(el, [{ Key: "name" }]);
    model.wire(patch(2, [{ Set: { path: [], value: { Map: { ...DEVICE.Map, name: { Str: "new" } } } } }]));
    assert.equal(field(el, [{ Key: "name" }]), name);
    assert.equal(shown(name), "new");
    assert.equal(field(el, [{ Key: "place" }, { Key: "floor" }]), null, "the root Set removed floor again");
  });

  it("anEditSendsAProposalAndTheFieldShowsTheMirrorUntilTheEcho", () => {
    const { window, el, model, view } = mount();
    model.wire(snap(DEVICE, 3));
    const name = change(window, field(el, [{ Key: "name" }]), "desk");
    assert.equal(name.tagName, "INPUT", "the focused field became an input");
    assert.equal(field(el, [{ Key: "name" }]), name);
    const [p] = model.proposals();
    assert.equal(p.view, view);
    assert.equal(p.wire, '{"t":"patch","id":1,"patch":{"rev":3,"ops":[{"Set":{"path":[{"Key":"name"}],"value":{"Str":"desk"}}}]},"proposal":"auto-1"}');
    change(window, field(el, [{ Key: "on" }]), true);
    assert.match(model.proposals()[1].wire, /"value":\{"Bool":true\}/);
    change(window, field(el, [{ Key: "place" }, { Key: "room" }]), "attic");
    assert.match(model.proposals()[2].wire, /"path":\[\{"Key":"place"\},\{"Key":"room"\}\]/);
    change(window, field(el, [{ Key: "ratio" }]), "2");
    assert.match(model.proposals()[3].wire, /"value":\{"Float":2\.0\}/);
    change(window, field(el, [{ Key: "watts" }]), "9223372036854775807");
    assert.match(model.proposals()[4].wire, /"value":\{"Int":9223372036854775807\}/);
    // Echo of the first edit: the field shows the person's value at once, and it lands.
    assert.equal(name.value, "desk");
    assert.ok(name.classList.contains("tp-pending"));
    model.wire(patch(4, [{ Set: { path: [{ Key: "name" }], value: { Str: "desk" } } }]));
    assert.equal(name.value, "desk");
    assert.ok(!name.classList.contains("tp-pending"));
  });

  it("aValueShownAsTextBecomesAnInputOnFocusWithItsValueAndState", () => {
    const { window, el, model } = mount();
    model.wire(snap(DEVICE, 3));
    const ratio = field(el, [{ Key: "ratio" }]);
    assert.equal(ratio.tagName, "SPAN");
    assert.equal(ratio.title, "0.5");
    model.wire(patch(4, [{ Set: { path: [{ Key: "ratio" }], value: { Float: 0.25 } } }]));
    assert.equal(field(el, [{ Key: "ratio" }]), ratio, "a patch rewrites the shown text in place");
    assert.equal(shown(ratio), "0.25");
    const input = activate(window, ratio);
    assert.equal(input.tagName, "INPUT");
    assert.equal(ratio.isConnected, false);
    assert.deepEqual([input.value, input.title, input.getAttribute("aria-label"), input.dataset.kind], ["0.25", "0.25", "ratio", "Float"]);
    assert.equal(el.ownerDocument.activeElement, input, "the input has the focus");
    assert.equal(model.proposals().length, 0, "focusing alone proposes nothing");
    change(window, input, "0.75");
    assert.ok(input.classList.contains("tp-pending"));
    model.wire(patch(5, [{ Set: { path: [{ Key: "ratio" }], value: { Float: 0.75 } } }]));
    assert.equal(field(el, [{ Key: "ratio" }]), input, "the input stays after the echo");
    assert.equal(input.value, "0.75");
    assert.ok(!input.classList.contains("tp-pending"));
  });

  it("anIntFieldRefusesNonIntegersLocally", () => {
    const { window, el, model } = mount();
    model.wire(snap(DEVICE));
    const watts = change(window, field(el, [{ Key: "watts" }]), "1.5");
    assert.equal(model.proposals().length, 0);
    const err = watts.parentElement.querySelector(".tp-error");
    assert.equal(err.hidden, false);
    assert.match(err.textContent, /whole numbers/);
  });

  it("aRejectShowsTheServersErrorNextToTheEditedFieldAndTheFieldReverts", () => {
    const { window, el, model, view } = mount();
    model.wire(snap(DEVICE, 3));
    const events = [];
    el.parentElement.addEventListener("transports-reject", (e) => events.push(e.detail));
    change(window, field(el, [{ Key: "name" }]), "");
    // The kernel answers the proposer alone: a snapshot of the current state, then the reject.
    model.wire(snap(DEVICE, 3), view);
    model.wire(JSON.stringify({ t: "reject", id: 1, rev: 3, error: "name must not be empty" }), view);
    const name = field(el, [{ Key: "name" }]);
    assert.equal(shown(name), "lamp");
    const err = name.parentElement.querySelector(".tp-error");
    assert.equal(err.textContent, "name must not be empty");
    assert.equal(err.hidden, false);
    assert.equal(events.length, 1);
    assert.equal(events[0].error, "name must not be empty");
  });

  it("stringsWithHtmlAreShownAsText", () => {
    const { el, model } = mount();
    const evil = "<img src=x onerror=alert(1)><b>bold</b>";
    model.wire(snap({ Map: { [evil]: { Str: evil }, list: { List: [{ Str: evil }] } } }, 0, 1, evil));
    assert.equal(el.querySelector("img"), null);
    assert.equal(el.querySelector("b"), null);
    assert.equal(el.querySelector(".tp-type").textContent, evil);
    assert.equal(shown(field(el, [{ Key: evil }])), evil);
    assert.equal(el.querySelector(".tp-label").textContent, evil);
    model.wire(JSON.stringify({ t: "reject", id: 1, rev: 0, error: evil }));
    assert.equal(el.querySelector("img"), null);
    assert.ok([...el.querySelectorAll(".tp-error")].some((e) => e.textContent === evil));
  });

  it("readOnlyDisablesInputsAndSendsNothing", () => {
    const { window, el, model } = mount({ read_only: true });
    model.wire(snap(DEVICE));
    const inputs = [...el.querySelectorAll(".tp-body input")];
    assert.ok(inputs.length > 0 && inputs.every((i) => i.disabled));
    const values = [...el.querySelectorAll(".tp-value")];
    assert.ok(values.length > 0 && values.every((v) => !v.hasAttribute("tabindex") && v.getAttribute("aria-disabled") === "true"));
    assert.equal(change(window, field(el, [{ Key: "name" }]), "desk").tagName, "SPAN", "a read-only value does not become an input");
    assert.equal(model.proposals().length, 0);
    model.set("read_only", false);
    assert.ok([...el.querySelectorAll(".tp-body input")].every((i) => !i.disabled));
    assert.ok([...el.querySelectorAll(".tp-value")].every((v) => v.tabIndex === 0 && !v.hasAttribute("aria-disabled")));
    change(window, field(el, [{ Key: "name" }]), "desk");
    assert.equal(model.proposals().length, 1);
  });

  it("eachViewIsItsOwnMirrorAndIgnoresFramesForOtherViews", () => {
    const { document, el, model } = mount();
    const el2 = document.createElement("div");
    document.body.append(el2);
    widget.render({ model, el: el2 });
    const [v1, v2] = model.views();
    assert.notEqual(v1, v2);
    model.wire(snap(DEVICE, 0), v1);
    assert.ok(field(el, [{ Key: "name" }]));
    assert.equal(field(el2, [{ Key: "name" }]), null, "a frame for another view is ignored");
    model.wire(snap(DEVICE, 0), v2);
    model.wire(patch(1, [{ Set: { path: [{ Key: "name" }], value: { Str: "both" } } }]));
    assert.equal(shown(field(el, [{ Key: "name" }])), "both");
    assert.equal(shown(field(el2, [{ Key: "name" }])), "both");
  });

  it("raisesTransportsChangeEventsThatBubble", () => {
    const { el, model } = mount();
    const seen = [];
    el.ownerDocument.body.addEventListener("transports-change", (e) => seen.push(e.detail));
    model.wire(snap(DEVICE));
    model.wire(patch(1, [{ Set: { path: [{ Key: "on" }], value: { Bool: true } } }]));
    assert.deepEqual(seen.map((c) => [c.kind, c.rev]), [["snapshot", 0], ["patch", 1]]);
    assert.equal(seen[1].ops.length, 1);
  });

  it("showsABannerWhenTheKernelConnectionIsLost", () => {
    const { window, document, el, model } = mount();
    model.wire(snap(DEVICE));
    const banner = el.querySelector(".tp-banner");
    assert.equal(banner.hidden, true);
    const wrapper = document.createElement("div");
    document.body.append(wrapper);
    wrapper.append(el);
    wrapper.classList.add("jupyter-widgets-disconnected");
    model.emit("comm_live_update");
    assert.equal(banner.hidden, false);
    assert.match(banner.textContent, /kernel restarted or stopped — run the cell again/);
    assert.ok([...el.querySelectorAll(".tp-body input")].every((i) => i.disabled), "no edits while disconnected");
    change(window, field(el, [{ Key: "name" }]), "desk");
    assert.equal(model.proposals().length, 0);
    wrapper.classList.remove("jupyter-widgets-disconnected");
    model.emit("comm_live_update");
    assert.equal(banner.hidden, true);
    assert.ok([...el.querySelectorAll(".tp-body input")].every((i) => !i.disabled));
    model.emit("destroy");
    assert.equal(banner.hidden, false);
  });

  it("aBadFrameShowsANoticeAndChangesNothing", () => {
    const { el, model, view } = mount();
    const notice = el.querySelector(".tp-notice");
    model.wire(patch(1, []));
    assert.equal(notice.hidden, true, "a broadcast patch may overtake this view's snapshot: not an error to show");
    model.wire(patch(1, []), view);
    assert.equal(notice.hidden, false);
    assert.match(notice.textContent, /before its snapshot/);
    model.wire(snap(DEVICE));
    assert.equal(notice.hidden, true);
  });

  it("aPatchThatFailsToApplyAsksTheKernelForFreshSnapshots", () => {
    const { el, model, view } = mount();
    model.wire(snap(DEVICE, 3), view);
    assert.equal(model.views().length, 1);
    model.wire(patch(4, [{ RemoveAt: { path: [{ Key: "tags" }], index: 9 } }]));
    assert.deepEqual(model.views(), [view, view], "the same view sends ready again: the kernel re-opens it with snapshots");
    assert.match(el.querySelector(".tp-notice").textContent, /could not be applied/);
    model.wire(snap(DEVICE, 4), view);
    assert.equal(el.querySelector(".tp-notice").hidden, true);
    model.wire(patch(1, [], 3));
    assert.equal(model.views().length, 2, "a broadcast patch overtaking a snapshot still on its way asks for nothing");
  });

  it("cleanupStopsListeningAndRemovesTheView", () => {
    const { el, model, cleanup } = mount();
    cleanup();
    assert.equal(model.handlers.get("msg:custom").size, 0);
    assert.equal(el.querySelector(".tp-root"), null);
  });

  it("rendersLargeListsWindowedAndOpsReachItemsThatAreNotBuilt", async () => {
    const { window, el, model } = mount();
    const n = 3200; // 12,803 nodes: windowed (only the rows near the viewport are built)
    const far = n - 100;
    const items = [];
    for (let i = 0; i < n; i++) items.push({ Map: { id: { Int: i }, label: { Str: `item ${i}` }, on: { Bool: i % 2 === 0 } } });
    const big = { Map: { title: { Str: "big" }, items: { List: items } } };
    let t0 = performance.now();
    model.wire(snap(big));
    const firstMs = performance.now() - t0;
    const first = el.querySelectorAll(".tp-field").length;
    assert.ok(first < 400, `the first render builds the first screen only (${first} fields)`);
    // An op on an item that is not built changes the value; the row shows it once scrolled to.
    t0 = performance.now();
    model.wire(patch(1, [{ Set: { path: [{ Key: "items" }, { Index: far }, { Key: "label" }], value: { Str: "changed" } } }]));
    const patchMs = performance.now() - t0;
    assert.equal(field(el, [{ Key: "items" }, { Index: far }, { Key: "label" }]), null);
    model.wire(patch(2, [{ Move: { path: [{ Key: "items" }], from: n - 1, to: 0 } }, { Set: { path: [{ Key: "items" }, { Index: n - 2 }], value: { Str: "plain" } } }]));
    assert.equal(shown(field(el, [{ Key: "items" }, { Index: 0 }, { Key: "id" }])), String(n - 1));
    const sc = el.querySelector(".tp-scroll");
    sc.scrollTop = 28 * 4 * (far + 1);
    sc.dispatchEvent(new window.Event("scroll"));
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(shown(field(el, [{ Key: "items" }, { Index: far + 1 }, { Key: "label" }])), "changed");
    sc.scrollTop = 28 * 4 * (n - 3);
    sc.dispatchEvent(new window.Event("scroll"));
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(shown(field(el, [{ Key: "items" }, { Index: n - 2 }])), "plain");
    assert.equal(shown(field(el, [{ Key: "items" }, { Index: n - 1 }, { Key: "id" }])), String(n - 2));
    assert.ok(el.querySelectorAll(".tp-field").length < 400);
    console.log(`# happy-dom (slow, for relative numbers only): first render ${first} fields in ${firstMs.toFixed(0)} ms; one-field patch ${patchMs.toFixed(1)} ms`);
  });
});
