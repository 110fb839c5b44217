// A view drawn from a notebook's saved widget state: it shows the last synced values the kernel kept
// in the state (`saved`), read-only with a note, and becomes live (note gone, inputs enabled) when the
// kernel's own snapshot arrives; without `saved` nothing changes. Light DOM (happy-dom), fake model.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import widget from "../dist/widget.js";
import { FakeModel, dom } from "./fake-model.mjs";

const snap = (name, rev) => JSON.stringify({ t: "snapshot", id: 1, type: "Lamp", rev, value: { Map: { name: { Str: name }, on: { Bool: true } } } });

function mount(state) {
  const { window, el } = dom();
  const model = new FakeModel(state);
  widget.render({ model, el });
  return { window, el, model };
}

describe("saved view", () => {
  it("shows the saved values read-only with a note until the kernel answers", () => {
    const { el, model } = mount({ saved: { frames: [snap("saved lamp", 4)], at: "2026-11-30T05:00:00.123Z" } });
    assert.match(el.textContent, /saved lamp/);
    const banner = el.querySelector(".tp-banner");
    assert.equal(banner.hidden, false);
    assert.match(banner.textContent, /Saved view: the values last synced at 2026-11-30 05:00:00 UTC, read-only/);
    const box = el.querySelector("input[type=checkbox]");
    assert.ok(box.disabled, "read-only while saved");
    const view = model.views()[0];
    model.wire(snap("live lamp", 7), view);
    assert.match(el.textContent, /live lamp/);
    assert.equal(banner.hidden, true);
    assert.equal(el.querySelector("input[type=checkbox]").disabled, false);
  });
  it("a broadcast patch does not end the saved view (only this view's snapshot does)", () => {
    const { el, model } = mount({ saved: { frames: [snap("saved", 4)], omitted: 2 } });
    assert.match(el.querySelector(".tp-banner").textContent, /2 model\(s\) too large to save are not shown/);
    model.wire(JSON.stringify({ t: "patch", id: 1, patch: { rev: 5, ops: [{ Set: { path: [{ Key: "name" }], value: { Str: "x" } } }] } }));
    assert.equal(el.querySelector(".tp-banner").hidden, false);
  });
  it("without saved values the view starts empty and writable", () => {
    const { el } = mount({});
    assert.equal(el.querySelector(".tp-banner").hidden, true);
  });
});
