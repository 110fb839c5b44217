// The form driven by a contract-shaped schema (WIDGET-CONTRACT.md), in happy-dom with a fake
// model: declaration order from x-order, a select for an enum, the Java type shown, required
// marks, checks before sending in the words of x-messages, floats in decimal form, and the same
// form without a schema. The kernel that sends schemas is tested in the Java and e2e suites.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import widget from "../dist/widget.js";
import { FakeModel, dom } from "./fake-model.mjs";

const SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "Thermostat",
  type: "object",
  "x-java": "Thermostat",
  properties: {
    name: { type: "string", "x-java": "String", minLength: 1, "x-not-blank": true, "x-messages": { minLength: "must not be blank", "x-not-blank": "must not be blank" } },
    mode: { $ref: "#/$defs/Mode" },
    target: { type: "number", format: "double", "x-java": "double" },
    speed: { type: "integer", format: "int32", minimum: 0, maximum: 100, "x-java": "int", "x-messages": { maximum: "must be less than or equal to 100", minimum: "must be greater than or equal to 0" } },
    "10": { type: "integer", format: "int8", minimum: -128, maximum: 127, "x-java": "byte" },
    note: { anyOf: [{ type: "string" }, { type: "null" }], "x-java": "String" },
  },
  "x-order": ["name", "mode", "target", "speed", "10", "note"],
  required: ["name", "mode", "target", "speed", "10"],
  $defs: { Mode: { type: "string", enum: ["OFF", "ECO", "BOOST"], "x-java": "Mode" } },
};
const VALUE = {
  Map: {
    "10": { Int: 1 },
    mode: { Str: "ECO" },
    name: { Str: "hall" },
    note: "Null",
    speed: { Int: 2 },
    target: { Float: 21 },
  },
};
const snap = (value, rev = 0, id = 1) => JSON.stringify({ t: "snapshot", id, type: "Thermostat", rev, value });
const patch = (rev, ops, id = 1, proposal = undefined) => JSON.stringify({ t: "patch", id, patch: { rev, ops }, ...(proposal ? { proposal } : {}) });
/** The id of the model's `i`th proposal (the kernel echoes it to the proposer). */
const pid = (model, i) => JSON.parse(model.proposals()[i].wire).proposal;
/** Lets a proposal's answer (a Promise) reach the form. */
const settled = () => new Promise((r) => setTimeout(r, 0));
const dp = (path) => `[data-path='${JSON.stringify(path)}']`;

function mount(withSchema = true) {
  const { window, document, el } = dom();
  const model = new FakeModel();
  widget.render({ model, el });
  if (withSchema) model.emit("msg:custom", { schema: { 1: SCHEMA } }, []);
  model.wire(snap(VALUE));
  return { window, document, el, model };
}
const labels = (el) => [...el.querySelectorAll(".tp-model .tp-body > .tp-row > .tp-map > .tp-row > .tp-label")].map((l) => l.textContent);
const shown = (e) => (e.tagName === "INPUT" || e.tagName === "SELECT" ? e.value : e.textContent);
function commitText(window, el, path, text) {
  const sel = dp(path);
  let e = el.querySelector(sel);
  if (e.tagName !== "INPUT") {
    e.focus();
    e.dispatchEvent(new window.FocusEvent("focusin", { bubbles: true }));
    e = el.querySelector(sel);
  }
  e.value = text;
  e.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  return e;
}

describe("schema-driven form", () => {
  it("followsTheJavaDeclarationOrderFromXOrderEvenForIntegerLikeKeys", () => {
    const { el } = mount();
    assert.deepEqual(labels(el), ["name", "mode", "target", "speed", "10", "note"]);
  });

  it("withoutASchemaKeysKeepTheWireOrder", () => {
    const { el } = mount(false);
    assert.deepEqual(labels(el), ["10", "mode", "name", "note", "speed", "target"]);
  });

  it("aSchemaArrivingAfterTheSnapshotRebuildsTheForm", () => {
    const { el, model } = mount(false);
    model.emit("msg:custom", { schema: { 1: SCHEMA } }, []);
    assert.deepEqual(labels(el), ["name", "mode", "target", "speed", "10", "note"]);
  });

  it("anEnumIsASelectOfItsConstantsAndChoosingOneProposesIt", () => {
    const { window, el, model } = mount();
    const mode = el.querySelector(dp([{ Key: "mode" }]));
    assert.equal(mode.tagName, "SELECT");
    assert.deepEqual([...mode.options].map((o) => o.value), ["OFF", "ECO", "BOOST"]);
    assert.equal(mode.value, "ECO");
    mode.value = "BOOST";
    mode.dispatchEvent(new window.Event("change", { bubbles: true }));
    assert.match(model.proposals()[0].wire, /"value":\{"Str":"BOOST"\}/);
    model.wire(patch(1, [{ Set: { path: [{ Key: "mode" }], value: { Str: "OFF" } } }]));
    assert.equal(mode.value, "BOOST", "the person's choice stays shown until its answer");
    model.wire(patch(2, [{ Set: { path: [{ Key: "mode" }], value: { Str: "BOOST" } } }]));
    assert.equal(mode.value, "BOOST");
    model.wire(patch(3, [{ Set: { path: [{ Key: "mode" }], value: { Str: "OFF" } } }]));
    assert.equal(mode.value, "OFF", "answered, the field follows Java again");
  });

  it("showsTheJavaTypeAndRequiredMarks", () => {
    const { el } = mount();
    const row = el.querySelector(dp([{ Key: "speed" }])).parentElement;
    assert.equal(row.querySelector(".tp-jtype").textContent, "int");
    assert.equal(row.querySelector(".tp-label").title, "int");
    assert.ok(row.querySelector(".tp-label").classList.contains("tp-required"));
    const note = el.querySelector(dp([{ Key: "note" }])).parentElement;
    assert.ok(!note.querySelector(".tp-label").classList.contains("tp-required"));
    assert.ok(note.classList.contains("tp-nullable"));
    assert.equal(el.querySelector(dp([{ Key: "mode" }])).parentElement.querySelector(".tp-jtype").textContent, "Mode");
  });

  it("aFloatKeepsItsDecimalForm", () => {
    const { el } = mount(false);
    assert.equal(shown(el.querySelector(dp([{ Key: "target" }]))), "21.0");
  });

  it("constraintsAreCheckedBeforeSendingInJavasWords", () => {
    const { window, el, model } = mount();
    const speed = commitText(window, el, [{ Key: "speed" }], "150");
    assert.equal(model.proposals().length, 0, "nothing is sent");
    assert.equal(speed.parentElement.querySelector(".tp-error").textContent, "must be less than or equal to 100");
    assert.equal(speed.value, "2", "the field shows Java's value again");
    commitText(window, el, [{ Key: "10" }], "300");
    assert.match(el.querySelector(dp([{ Key: "10" }])).parentElement.querySelector(".tp-error").textContent, /less than or equal to 127/);
    const name = commitText(window, el, [{ Key: "name" }], "   ");
    assert.equal(name.parentElement.querySelector(".tp-error").textContent, "must not be blank");
    assert.equal(model.proposals().length, 0);
    commitText(window, el, [{ Key: "speed" }], "99");
    assert.equal(model.proposals().length, 1);
    assert.equal(speed.parentElement.querySelector(".tp-error").hidden, true, "an accepted edit clears the reason");
  });
});

describe("editing", () => {
  it("escapePutsBackTheValueAndTypingSurvivesAChangeFromJava", () => {
    const { window, el, model } = mount();
    const sel = dp([{ Key: "target" }]);
    let e = el.querySelector(sel);
    e.focus();
    e.dispatchEvent(new window.FocusEvent("focusin", { bubbles: true }));
    e = el.querySelector(sel);
    e.focus();
    e.value = "30.5";
    model.wire(patch(1, [{ Set: { path: [{ Key: "target" }], value: { Float: 22 } } }]));
    assert.equal(e.value, "30.5", "the typed text is kept");
    const note = e.parentElement.querySelector(".tp-note");
    assert.equal(note.hidden, false);
    assert.match(note.textContent, /changed meanwhile to 22\.0/);
    e.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    assert.equal(e.value, "22.0", "Escape takes the new value");
    assert.equal(note.hidden, true);
    e.value = "30.5";
    e.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    assert.match(model.proposals()[0].wire, /"rev":1,.*"Float":30\.5/, "proposed against the newest revision");
  });

  it("atMostOneProposalPerFieldIsInFlightAndTheLatestLands", async () => {
    const { window, el, model } = mount();
    for (const n of ["3", "4", "5", "6"]) commitText(window, el, [{ Key: "speed" }], n);
    assert.equal(model.proposals().length, 1, "one in flight, the rest wait");
    assert.equal(el.querySelector(dp([{ Key: "speed" }])).value, "6", "the person sees their latest value at once");
    // someone else's change to the same value is not this proposal's answer
    model.wire(patch(1, [{ Set: { path: [{ Key: "speed" }], value: { Int: 3 } } }]));
    await settled();
    assert.equal(model.proposals().length, 1, "only the proposal's own answer settles it");
    model.wire(patch(2, [{ Set: { path: [{ Key: "speed" }], value: { Int: 3 } } }], 1, pid(model, 0)));
    await settled();
    assert.equal(model.proposals().length, 2, "the echo carrying its id lets the latest value go");
    assert.match(model.proposals()[1].wire, /"rev":2,.*"Int":6/);
    assert.equal(el.querySelector(dp([{ Key: "speed" }])).value, "6");
    model.wire(patch(3, [{ Set: { path: [{ Key: "speed" }], value: { Int: 6 } } }], 1, pid(model, 1)));
    await settled();
    assert.equal(model.proposals().length, 2);
  });

  it("anAckSettlesAProposalThatChangedNothing", async () => {
    const { window, el, model } = mount();
    for (const n of ["7", "8"]) commitText(window, el, [{ Key: "speed" }], n);
    assert.equal(model.proposals().length, 1);
    model.wire(JSON.stringify({ t: "ack", id: 1, rev: 0, proposal: pid(model, 0) }));
    await settled();
    assert.equal(model.proposals().length, 2, "the ack lets the waiting value go");
    assert.match(model.proposals()[1].wire, /"Int":8/);
  });

  it("aRejectNamingSeveralFieldsShowsEachFieldItsOwnLine", () => {
    const { window, el, model } = mount();
    const e = commitText(window, el, [{ Key: "speed" }], "50");
    const error = "at name: must not be blank\nat speed: must be less than or equal to 40";
    model.wire(JSON.stringify({ t: "reject", id: 1, rev: 0, error, proposal: pid(model, 0) }));
    assert.equal(e.parentElement.querySelector(".tp-error").textContent, "at speed: must be less than or equal to 40");
    assert.equal(e.value, "2", "the field shows Java's value");
    assert.match(el.querySelector(".tp-model-error, .tp-model > .tp-error")?.textContent ?? "", /at name: must not be blank/);
  });

  it("aRejectShowsTheReasonAndJavasValueAndTheReasonGoesWhenTheValueChanges", () => {
    const { window, el, model } = mount();
    const e = commitText(window, el, [{ Key: "speed" }], "50");
    assert.equal(e.value, "50");
    model.wire(JSON.stringify({ t: "reject", id: 1, rev: 0, error: "at speed: must be odd" }));
    const err = e.parentElement.querySelector(".tp-error");
    assert.equal(err.textContent, "at speed: must be odd");
    assert.equal(e.value, "2");
    model.wire(patch(1, [{ Set: { path: [{ Key: "speed" }], value: { Int: 7 } } }]));
    assert.equal(err.hidden, true);
    assert.equal(e.value, "7");
  });

  it("aKernelThatCannotBeReachedDisablesTheFormAndSaysSo", () => {
    const { window, el, model } = mount();
    model.send = () => {
      throw new Error("Cannot send");
    };
    commitText(window, el, [{ Key: "speed" }], "9");
    const banner = el.querySelector(".tp-banner");
    assert.equal(banner.hidden, false);
    assert.match(banner.textContent, /run the cell again/);
    assert.ok([...el.querySelectorAll(".tp-body input, .tp-body select")].every((i) => i.disabled));
  });
});

describe("length counter", () => {
  it("aStringWithAMaxLengthCountsAsThePersonTypes", () => {
    const { window, el } = dom();
    const model = new FakeModel();
    widget.render({ model, el });
    model.emit("msg:custom", { schema: { 1: { type: "object", properties: { code: { type: "string", maxLength: 5 } } } } }, []);
    model.wire(snap({ Map: { code: { Str: "abc" } } }));
    const counter = el.querySelector(".tp-count");
    assert.equal(counter.textContent, "3/5");
    let e = el.querySelector(dp([{ Key: "code" }]));
    e.focus();
    e.dispatchEvent(new window.FocusEvent("focusin", { bubbles: true }));
    e = el.querySelector(dp([{ Key: "code" }]));
    e.value = "abcdef";
    e.dispatchEvent(new window.Event("input", { bubbles: true }));
    assert.equal(counter.textContent, "6/5");
    assert.ok(counter.classList.contains("tp-over"));
    e.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    assert.equal(model.proposals().length, 0, "too long: not sent");
    assert.match(e.parentElement.querySelector(".tp-error").textContent, /size must be between 0 and 5/);
    assert.equal(counter.textContent, "3/5", "back to Java's value");
  });
});

describe("slider", () => {
  it("aNumberBoundedByConstraintsHasASliderWhoseDragProposesTheLatestValue", async () => {
    const { window, el, model } = mount();
    const row = el.querySelector(dp([{ Key: "speed" }])).parentElement;
    const range = row.querySelector("input.tp-slider");
    assert.ok(range, "speed (0..100) has a slider");
    assert.deepEqual([range.min, range.max, range.value], ["0", "100", "2"]);
    assert.equal(el.querySelector(dp([{ Key: "10" }])).parentElement.querySelector(".tp-slider") === null, false, "a byte's own bounds are narrow enough");
    for (const v of ["10", "20", "30", "40"]) {
      range.value = v;
      range.dispatchEvent(new window.Event("input", { bubbles: true }));
    }
    assert.equal(model.proposals().length, 1, "one proposal in flight while dragging");
    assert.equal(el.querySelector(dp([{ Key: "speed" }])).textContent, "40", "the value shows where the slider is");
    model.wire(patch(1, [{ Set: { path: [{ Key: "speed" }], value: { Int: 10 } } }], 1, pid(model, 0)));
    await settled();
    assert.equal(model.proposals().length, 2);
    assert.match(model.proposals()[1].wire, /"Int":40/, "the latest value is sent, the ones between are skipped");
    assert.equal(range.value, "40");
  });

  it("anIntBoundedOnlyByItsWidthHasNoSlider", () => {
    const { document } = dom();
    const { el, model } = (() => {
      const { el } = dom();
      const model = new FakeModel();
      widget.render({ model, el });
      model.emit("msg:custom", { schema: { 1: { type: "object", properties: { n: { type: "integer", format: "int32", minimum: -2147483648, maximum: 2147483647 } } } } }, []);
      model.wire(snap({ Map: { n: { Int: 1 } } }));
      return { el, model };
    })();
    assert.ok(document);
    assert.equal(el.querySelector(".tp-slider"), null);
    assert.equal(model.proposals().length, 0);
  });
});

describe("table of records", () => {
  it("aListOfRecordsIsATableWithAColumnPerFieldInDeclarationOrder", () => {
    const { el } = dom();
    const model = new FakeModel();
    widget.render({ model, el });
    const reading = { type: "object", "x-order": ["sensor", "celsius"], properties: { celsius: { type: "number", "x-java": "double" }, sensor: { type: "string", "x-java": "String" } } };
    model.emit("msg:custom", { schema: { 1: { type: "object", properties: { readings: { type: "array", items: reading } } } } }, []);
    model.wire(snap({ Map: { readings: { List: [{ Map: { celsius: { Float: 20.5 }, sensor: { Str: "north" } } }, { Map: { celsius: { Float: 21 }, sensor: { Str: "south" } } }] } } }));
    const list = el.querySelector(dp([{ Key: "readings" }]));
    assert.ok(list.classList.contains("tp-table"));
    const head = list.parentElement.querySelector(".tp-table-head");
    assert.deepEqual([...head.querySelectorAll(".tp-th")].map((t) => [t.textContent, t.title]), [["sensor", "String"], ["celsius", "double"]]);
    const cells = [...list.children].map((li) => [...li.querySelectorAll("[data-path]")].slice(1).map((c) => c.textContent));
    assert.deepEqual(cells, [["north", "20.5"], ["south", "21.0"]]);
  });
});

describe("kernel restart", () => {
  it("theKernelRestartingThroughTheWidgetManagerDisablesTheFormAndSaysSo", () => {
    const { el } = dom();
    const model = new FakeModel();
    const fns = new Set();
    const statusChanged = { connect: (f) => fns.add(f), disconnect: (f) => fns.delete(f) };
    model.widget_manager = { context: { sessionContext: { statusChanged, kernelChanged: { connect() {}, disconnect() {} } } } };
    const cleanup = widget.render({ model, el });
    model.wire(snap(VALUE));
    const banner = el.querySelector(".tp-banner");
    for (const f of fns) f(null, "busy");
    assert.equal(banner.hidden, true, "a busy kernel is not gone");
    for (const f of [...fns]) f(null, "restarting");
    assert.equal(banner.hidden, false);
    assert.match(banner.textContent, /The kernel restarted or stopped — run the cell again/);
    assert.ok([...el.querySelectorAll(".tp-body input, .tp-body select, .tp-body button:not(.tp-toggle)")].every((i) => i.disabled));
    cleanup();
    assert.equal(fns.size, 0, "the view stops watching when it goes");
  });
});
