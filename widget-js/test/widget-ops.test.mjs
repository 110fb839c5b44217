// Property test of the view's path -> element index: random chains of patches (from diff of
// random edits, sometimes as one Set of the whole value) are applied to a rendered view, and
// after each one the DOM must match a fresh render of the same value: same fields, same
// data-path, same kinds, same shown values, same labels.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diff, opsText } from "../dist/client.js";
import widget from "../dist/widget.js";
import { FakeModel, dom } from "./fake-model.mjs";
import { mutate, randomValue } from "./generators.mjs";
import { rng } from "./helpers.mjs";

function wireValue(v) {
  // JSON text of a Value with bigints written exactly.
  return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `@@${x}@@` : x)).replace(/"@@(-?\d+)@@"/g, "$1");
}

function shown(el) {
  return [...el.querySelectorAll(".tp-row > .tp-label, .tp-field")].map((e) =>
    e.classList.contains("tp-label")
      ? `label ${e.textContent}`
      : `${e.getAttribute("data-path")} ${e.getAttribute("data-kind")} ${e.tagName === "INPUT" ? (e.type === "checkbox" ? e.checked : e.value) : e.tagName === "SPAN" ? e.textContent : ""}`,
  );
}

async function settle(el) {
  while (el.querySelector(".tp-filling")) await new Promise((r) => setTimeout(r, 1));
}

describe("view under random patches", () => {
  it("matches a fresh render after every patch (200 chains of 5)", async () => {
    const r = rng(31337);
    const { document, el } = dom();
    for (let chain = 0; chain < 200; chain++) {
      const model = new FakeModel();
      const host = document.createElement("div");
      document.body.append(host);
      const cleanup = widget.render({ model, el: host });
      let v = { Map: { root: randomValue(r) } };
      model.wire(`{"t":"snapshot","id":1,"type":"T","rev":0,"value":${wireValue(v)}}`);
      for (let step = 1; step <= 5; step++) {
        const next = r() < 0.5 ? mutate(r, v) : mutate(r, mutate(r, v));
        const ops = r() < 0.1 ? [{ Set: { path: [], value: next } }] : diff(v, next);
        model.wire(`{"t":"patch","id":1,"patch":{"rev":${step},"ops":${opsText(ops)}}}`);
        const freshModel = new FakeModel();
        const freshEl = document.createElement("div");
        widget.render({ model: freshModel, el: freshEl });
        freshModel.wire(`{"t":"snapshot","id":1,"type":"T","rev":${step},"value":${wireValue(next)}}`);
        await settle(host);
        await settle(freshEl);
        assert.deepEqual(shown(host), shown(freshEl), `chain ${chain} step ${step}: ${opsText(ops)}`);
        v = next;
      }
      cleanup();
      host.remove();
    }
  });
});
