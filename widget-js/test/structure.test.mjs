// Structural edits in the form (happy-dom, fake model, contract-shaped schema): add an item (the
// schema's default), remove it, move it up or down; add, remove and rename map keys; set and clear
// a nullable field. Each is one proposal whose ops are the matching ones; a refusal shows its reason.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import widget from "../dist/widget.js";
import { FakeModel, dom } from "./fake-model.mjs";

const SCHEMA = {
  type: "object",
  "x-order": ["readings", "limits", "note"],
  properties: {
    readings: {
      type: "array",
      "x-java": "List<Reading>",
      items: { $ref: "#/$defs/Reading" },
    },
    limits: { type: "object", "x-java": "Map<String,Integer>", additionalProperties: { type: "integer", format: "int32", "x-java": "Integer" }, propertyNames: { type: "string" } },
    note: { anyOf: [{ type: "string", "x-java": "String" }, { type: "null" }] },
  },
  $defs: {
    Reading: {
      type: "object",
      title: "Reading",
      "x-order": ["sensor", "celsius"],
      properties: { sensor: { type: "string" }, celsius: { type: "number", format: "double" } },
      default: { sensor: "new", celsius: 0.0 },
    },
  },
};
const VALUE = {
  Map: {
    readings: { List: [{ Map: { sensor: { Str: "north" }, celsius: { Float: 20.5 } } }, { Map: { sensor: { Str: "south" }, celsius: { Float: 21 } } }] },
    limits: { Map: { low: { Int: 1 }, high: { Int: 9 } } },
    note: "Null",
  },
};
const snap = (value, rev = 0) => JSON.stringify({ t: "snapshot", id: 1, type: "Hall", rev, value });
const dp = (path) => `[data-path='${JSON.stringify(path)}']`;

function mount() {
  const { window, el } = dom();
  const model = new FakeModel();
  widget.render({ model, el });
  model.emit("msg:custom", { schema: { 1: SCHEMA } }, []);
  model.wire(snap(VALUE));
  return { window, el, model };
}
const lastOps = (model) => JSON.parse(model.proposals().at(-1).wire).patch.ops;
let rev = 0;
/** The kernel accepts the last proposal: its echo, carrying the proposal's id (the field's next proposal may go then). */
async function echo(model) {
  const sent = JSON.parse(model.proposals().at(-1).wire);
  model.wire(JSON.stringify({ t: "patch", id: 1, patch: { rev: ++rev, ops: sent.patch.ops }, proposal: sent.proposal }));
  await settled();
}
/** Lets the proposal's answer (a Promise) reach the form. */
const settled = () => new Promise((r) => setTimeout(r, 0));
/** Hovers the row of `path` (its tools appear) and clicks the tool with class `cls`. */
function tool(window, el, path, cls) {
  const row = el.querySelector(dp(path)).closest(".tp-row");
  row.dispatchEvent(new window.MouseEvent("mouseover", { bubbles: true }));
  row.querySelector(`:scope > .tp-tools > .${cls}`).click();
}
function typeKey(window, el, text) {
  const input = el.querySelector(".tp-key-input");
  input.value = text;
  input.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
}

describe("structural edits", () => {
  it("addsAnItemFromTheSchemasDefaultAsOneInsert", () => {
    const { el, model } = mount();
    el.querySelector(dp([{ Key: "readings" }])).parentElement.querySelector(":scope > .tp-add").click();
    assert.deepEqual(lastOps(model), [{ Insert: { path: [{ Key: "readings" }], index: 2, value: { Map: { celsius: { Float: 0.0 }, sensor: { Str: "new" } } } } }]);
  });

  it("removesAndMovesItemsAsOneRemoveAtOrMove", async () => {
    const { window, el, model } = mount();
    tool(window, el, [{ Key: "readings" }, { Index: 0 }], "tp-remove");
    assert.deepEqual(lastOps(model), [{ RemoveAt: { path: [{ Key: "readings" }], index: 0 } }]);
    await echo(model);
    model.wire(JSON.stringify({ t: "patch", id: 1, patch: { rev: ++rev, ops: [{ Insert: { path: [{ Key: "readings" }], index: 1, value: { Map: { sensor: { Str: "east" }, celsius: { Float: 1 } } } } }] } }));
    tool(window, el, [{ Key: "readings" }, { Index: 1 }], "tp-up");
    assert.equal(lastOps(model).length, 1);
    assert.ok("Move" in lastOps(model)[0], JSON.stringify(lastOps(model)));
    assert.equal(model.proposals().length, 2);
  });

  it("addsRemovesAndRenamesMapKeys", async () => {
    const { window, el, model } = mount();
    el.querySelector(dp([{ Key: "limits" }])).parentElement.querySelector(":scope > .tp-add").click();
    typeKey(window, el, "mid");
    assert.deepEqual(lastOps(model), [{ Set: { path: [{ Key: "limits" }, { Key: "mid" }], value: { Int: 0 } } }]);
    await echo(model);
    tool(window, el, [{ Key: "limits" }, { Key: "low" }], "tp-remove");
    assert.deepEqual(lastOps(model), [{ Remove: { path: [{ Key: "limits" }, { Key: "low" }] } }]);
    await echo(model);
    tool(window, el, [{ Key: "limits" }, { Key: "high" }], "tp-rename");
    typeKey(window, el, "top");
    const ops = lastOps(model);
    assert.equal(model.proposals().length, 3, "a rename is one proposal");
    assert.deepEqual(ops.map((o) => Object.keys(o)[0]).sort(), ["Remove", "Set"]);
    assert.deepEqual(ops.find((o) => o.Set).Set, { path: [{ Key: "limits" }, { Key: "top" }], value: { Int: 9 } });
    assert.deepEqual(ops.find((o) => o.Remove).Remove, { path: [{ Key: "limits" }, { Key: "high" }] });
  });

  it("aRecordsFieldsCannotBeRemovedOnlyAMapsKeys", () => {
    const { window, el } = mount();
    const row = el.querySelector(dp([{ Key: "readings" }, { Index: 0 }, { Key: "sensor" }])).closest(".tp-row");
    row.dispatchEvent(new window.MouseEvent("mouseover", { bubbles: true }));
    assert.equal(row.querySelector(".tp-tools"), null);
  });

  it("setsAndClearsANullableField", async () => {
    const { el, model } = mount();
    const toggle = () => el.querySelector(dp([{ Key: "note" }])).parentElement.querySelector(":scope > .tp-null-toggle");
    assert.equal(toggle().textContent, "set");
    toggle().click();
    assert.deepEqual(lastOps(model), [{ Set: { path: [{ Key: "note" }], value: { Str: "" } } }]);
    await echo(model);
    assert.equal(toggle().textContent, "×null");
    toggle().click();
    assert.deepEqual(lastOps(model), [{ Set: { path: [{ Key: "note" }], value: "Null" } }]);
  });

  it("aRefusedStructuralEditShowsTheReason", () => {
    const { el, model } = mount();
    el.querySelector(dp([{ Key: "readings" }])).parentElement.querySelector(":scope > .tp-add").click();
    model.wire(JSON.stringify({ t: "reject", id: 1, rev: 0, error: "at readings: size must be between 0 and 2" }));
    const err = el.querySelector(dp([{ Key: "readings" }])).parentElement.querySelector(":scope > .tp-error");
    assert.equal(err.hidden, false);
    assert.equal(err.textContent, "at readings: size must be between 0 and 2");
  });
});
