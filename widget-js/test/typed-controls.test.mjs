// The controls picked by format (happy-dom, fake model, contract-shaped schema): native date and
// time inputs for java.time formats (date, time, x-local-date-time; date-time stays text), BigDecimal
// and BigInteger typed as text and checked here before they go in the wire type the schema names,
// and nested objects as sections a click on the header folds, kept folded across re-renders.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import widget from "../dist/widget.js";
import { FakeModel, dom } from "./fake-model.mjs";

const SCHEMA = {
  type: "object",
  "x-order": ["serviced", "opens", "lastRun", "seenAt", "tariff", "code", "total", "big", "location"],
  properties: {
    serviced: { anyOf: [{ type: "string", format: "date" }, { type: "null" }], "x-java": "LocalDate" },
    opens: { type: "string", format: "time", "x-java": "LocalTime" },
    lastRun: { type: "string", format: "x-local-date-time", "x-java": "LocalDateTime" },
    seenAt: { type: "string", format: "date-time", "x-java": "Instant" },
    tariff: { type: "number", format: "big-decimal", "x-java": "BigDecimal" },
    code: { type: "string", format: "big-decimal", "x-java": "BigDecimal" },
    total: { type: "integer", format: "big-integer", "x-java": "BigInteger" },
    big: { type: "string", format: "big-integer", "x-java": "BigInteger" },
    location: { $ref: "#/$defs/Location" },
  },
  $defs: { Location: { type: "object", "x-order": ["building", "floor"], properties: { building: { type: "string" }, floor: { type: "integer", format: "int32" } } } },
};
const VALUE = {
  Map: {
    serviced: { Str: "2026-03-01" }, opens: { Str: "07:30:00" }, lastRun: { Str: "2026-03-01T10:15:30" },
    seenAt: { Str: "2026-03-01T10:15:30Z" }, tariff: { Float: 0.28 }, code: { Str: "1.50" }, total: { Int: 7 }, big: { Str: "12" },
    location: { Map: { building: { Str: "HQ" }, floor: { Int: 3 } } },
  },
};
const dp = (path) => `[data-path='${JSON.stringify(path)}']`;

function mount() {
  const { window, el } = dom();
  const model = new FakeModel();
  widget.render({ model, el });
  model.emit("msg:custom", { schema: { 1: SCHEMA } }, []);
  model.wire(JSON.stringify({ t: "snapshot", id: 1, type: "Plant", rev: 0, value: VALUE }));
  return { window, el, model };
}
/** Focuses the field (its shown value becomes an input) and returns the input. */
function activate(window, el, key) {
  const e = el.querySelector(dp([{ Key: key }]));
  e.dispatchEvent(new window.MouseEvent("mousedown", { bubbles: true, button: 0 }));
  return el.querySelector(dp([{ Key: key }]));
}
function enter(window, e, text) {
  e.value = text;
  e.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
}
const lastOps = (model) => JSON.parse(model.proposals().at(-1).wire).patch.ops;
const reason = (e) => e.parentElement.querySelector(".tp-error:not([hidden])")?.textContent ?? null;

describe("java.time inputs", () => {
  it("aDateTimeAndLocalDateTimeGetTheBrowsersOwnInputsAndAnInstantStaysText", () => {
    const { window, el } = mount();
    const types = ["serviced", "opens", "lastRun", "seenAt"].map((k) => activate(window, el, k).type);
    assert.deepEqual(types, ["date", "time", "datetime-local", "text"]);
    assert.equal(el.querySelector(dp([{ Key: "serviced" }])).value, "2026-03-01");
  });

  it("aDateCommitsOnEnterAsTheIsoTextJavaReads", () => {
    const { window, el, model } = mount();
    enter(window, activate(window, el, "serviced"), "2026-04-15");
    assert.deepEqual(lastOps(model), [{ Set: { path: [{ Key: "serviced" }], value: { Str: "2026-04-15" } } }]);
  });

  it("aDateInputChangingPerSegmentDoesNotProposeUntilTheFocusLeaves", () => {
    const { window, el, model } = mount();
    const e = activate(window, el, "serviced");
    e.value = "2026-05-02";
    e.dispatchEvent(new window.Event("change", { bubbles: true }));
    assert.equal(model.proposals().length, 0, "a segment typed is not a commit");
    e.dispatchEvent(new window.FocusEvent("focusout", { bubbles: true }));
    assert.equal(model.proposals().length, 1);
    assert.match(model.proposals()[0].wire, /2026-05-02/);
  });

  it("aClearedDateIsRefusedHereWithTheReason", () => {
    const { window, el, model } = mount();
    const e = activate(window, el, "opens");
    enter(window, e, "");
    assert.equal(model.proposals().length, 0);
    assert.equal(reason(e), "a time is needed");
    assert.match(e.value, /^07:30(:00)?$/, "the field shows Java's value again (a time input may drop zero seconds)");
  });
});

describe("BigDecimal and BigInteger as text", () => {
  it("aBigDecimalIsCheckedAsADecimalAndSentAsTheFloatTheWireCarries", () => {
    const { window, el, model } = mount();
    const e = activate(window, el, "tariff");
    for (const [typed, why] of [["1e5", /a decimal number/], ["abc", /a decimal number/], ["0.1234567890123456789", /more digits than the wire's double keeps/]]) {
      enter(window, e, typed);
      assert.match(reason(e), why, typed);
      assert.equal(e.value, "0.28");
    }
    assert.equal(model.proposals().length, 0);
    enter(window, e, "-12.50");
    assert.deepEqual(lastOps(model), [{ Set: { path: [{ Key: "tariff" }], value: { Float: -12.5 } } }]);
  });

  it("aBigDecimalTheSchemaSaysIsAStringIsSentAsTheTextTyped", () => {
    const { window, el, model } = mount();
    enter(window, activate(window, el, "code"), "+2.500");
    assert.deepEqual(lastOps(model), [{ Set: { path: [{ Key: "code" }], value: { Str: "+2.500" } } }]);
  });

  it("aBigIntegerTakesDigitsAndASignOnly", () => {
    const { window, el, model } = mount();
    const e = activate(window, el, "total");
    enter(window, e, "1.5");
    assert.equal(reason(e), "a whole number: digits and an optional sign");
    enter(window, e, "99999999999999999999");
    assert.match(reason(e), /64-bit/);
    enter(window, e, "-42");
    assert.deepEqual(lastOps(model), [{ Set: { path: [{ Key: "total" }], value: { Int: -42 } } }]);
    const s = activate(window, el, "big");
    enter(window, s, "x1");
    assert.equal(reason(s), "a whole number: digits and an optional sign");
    enter(window, s, "123456789012345678901234567890");
    assert.deepEqual(lastOps(model), [{ Set: { path: [{ Key: "big" }], value: { Str: "123456789012345678901234567890" } } }]);
  });
});

describe("collapsible sections", () => {
  it("clickingANestedObjectsHeaderFoldsAndOpensItAndTheStateOutlivesARerender", () => {
    const { window, el, model } = mount();
    const head = () => el.querySelector(dp([{ Key: "location" }])).parentElement.querySelector(":scope > .tp-section-head");
    const row = () => el.querySelector(dp([{ Key: "location" }])).parentElement;
    assert.equal(head().textContent, "location");
    assert.equal(head().getAttribute("aria-expanded"), "true");
    head().click();
    assert.ok(row().classList.contains("tp-folded"));
    assert.equal(head().getAttribute("aria-expanded"), "false");
    // a new schema rebuilds the form; a snapshot replaces the object: still folded
    model.emit("msg:custom", { schema: { 1: SCHEMA } }, []);
    model.wire(JSON.stringify({ t: "snapshot", id: 1, type: "Plant", rev: 5, value: { Map: { ...VALUE.Map, location: { Map: { building: { Str: "B2" }, floor: { Int: 1 } } } } } }));
    assert.equal(el.querySelector(dp([{ Key: "location" }, { Key: "building" }])).textContent, "B2");
    assert.ok(row().classList.contains("tp-folded"), "kept folded across re-renders");
    head().dispatchEvent(new window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    assert.ok(!row().classList.contains("tp-folded"), "Enter on the header opens it");
    assert.equal(model.proposals().length, 0, "folding proposes nothing");
  });

  it("aJavaMapAndTheRootAreNotSections", () => {
    const { el } = mount();
    assert.equal(el.querySelectorAll(".tp-section-head").length, 1);
  });
});
