// The awkward-values matrix on the TypeScript side (the Java side is core's CodecMatrixTest): every
// valid value of spec/values.json — NUL, BOM, U+FFFF, astral characters, code-point key order, ±2^63
// edges, 2^53 + 1, -0.0, subnormals, 1e308, integral Floats — travels through the client both ways: a
// snapshot frame carrying it gives the canonical text, and a proposal made with edit carries it back
// unchanged. A lone surrogate is refused both ways: a frame holding one, and a proposal made of one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client, FrameError, decodeFrame, valueText } from "../dist/client.js";
import { vectorFiles } from "./helpers.mjs";

const snapshot = (valueText) => `{"t":"snapshot","id":1,"type":"T","rev":3,"value":${valueText}}`;

for (const [label, cases] of vectorFiles("values.json")) {
  describe(`${label} through the client`, () => {
    for (const c of cases) {
      if ("canonical" in c) {
        it(c.name, () => {
          const mirror = new Client();
          mirror.recv(snapshot(c.input));
          assert.equal(valueText(mirror.value(1)), c.canonical, "a snapshot frame gives the canonical value");
          const proposer = new Client();
          proposer.recv(snapshot('{"Map":{}}'));
          const frame = proposer.edit(1, { Map: { k: mirror.value(1) } });
          const op = decodeFrame(frame).patch.ops[0];
          assert.equal(valueText(op.Set.value), c.canonical, "a proposal carries it back unchanged");
          assert.equal(valueText(decodeFrame(frame.replace(/"rev":3/, '"rev":4')).patch.ops[0].Set.value), c.canonical);
        });
      } else if (c.error === "lone surrogate") {
        it(c.name, () => {
          const mirror = new Client();
          mirror.recv(snapshot('{"Str":"before"}'));
          assert.throws(() => mirror.recv(snapshot(c.input)), (e) => e instanceof FrameError && e.message.includes("lone surrogate"));
          assert.equal(valueText(mirror.value(1)), '{"Str":"before"}', "a refused frame changes nothing");
          const raw = JSON.parse(c.input); // the same text as a value built in JavaScript
          assert.throws(
            () => mirror.edit(1, { Map: { items: { List: [{ Str: "fine" }, raw] } } }),
            (e) => e.message.startsWith("cannot propose this change to model 1: ") && e.message.includes("lone surrogate"),
          );
        });
      }
    }
  });
}

describe("proposals with a lone surrogate", () => {
  it("nameThePathOfTheValue", () => {
    const c = new Client();
    c.recv(snapshot('{"Map":{"items":{"List":[{"Str":"a"}]}}}'));
    assert.throws(
      () => c.edit(1, { Map: { items: { List: [{ Str: "a" }, { Str: "x\ud800y" }] } } }),
      (e) => e.message === "cannot propose this change to model 1: items[1]: the string holds a lone surrogate (\\ud800 at index 1); only valid Unicode text can travel",
    );
  });

  it("nameTheMapWhoseKeyHoldsOne", () => {
    const c = new Client();
    c.recv(snapshot('{"Map":{"scores":{"Map":{}}}}'));
    assert.throws(
      () => c.edit(1, { Map: { scores: { Map: { "k\udc00": { Int: 1 } } } } }),
      (e) => e.message.startsWith("cannot propose this change to model 1: scores: a map key holds a lone surrogate (\\udc00 at index 1)"),
    );
  });

  it("leaveValidAstralTextAlone", () => {
    const c = new Client();
    c.recv(snapshot('{"Str":"a"}'));
    const frame = c.edit(1, { Str: "\ud83d\ude00" });
    assert.equal(valueText(decodeFrame(frame).patch.ops[0].Set.value), '{"Str":"\ud83d\ude00"}');
  });
});
