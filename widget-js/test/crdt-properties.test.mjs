// Seeded property tests of the CRDT reducer: whatever the interleaving and duplication of the same
// operations, replicas converge on one value and one state text; a deleted element never comes
// back; concurrent inserts at one place all survive. Set TRANSPORTS_FULL=true for the full counts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { crdt, toValue, valueText } from "../dist/client.js";
import { rng, runScenario } from "../scripts/crdt-scenarios.mjs";

const FULL = process.env.TRANSPORTS_FULL === "true";
const SCENARIOS = FULL ? 2000 : 120;
const KEY = (key) => ({ kind: "key", key });

test(`random edit and delivery scenarios converge to one value and one state (${SCENARIOS} seeds)`, () => {
  for (let seed = 1; seed <= SCENARIOS; seed++) {
    const { docs } = runScenario(seed, { replicas: 2 + (seed % 3), steps: 30 });
    const value = valueText(docs[0].value());
    const state = docs[0].stateJson();
    for (const d of docs.slice(1)) {
      assert.equal(valueText(d.value()), value, `seed ${seed}: values differ`);
      assert.equal(d.stateJson(), state, `seed ${seed}: states differ`);
    }
  }
});

test("any permutation and duplication of one set of operations gives the same state", () => {
  for (let seed = 1; seed <= (FULL ? 300 : 30); seed++) {
    const { scenario, logs } = runScenario(seed, { replicas: 3, steps: 25 });
    const all = logs.flat();
    const spec = crdt.CrdtSpec.fromDict(scenario.spec);
    const r = rng(seed * 7919);
    let expected;
    for (let trial = 0; trial < 5; trial++) {
      const doc = crdt.CrdtDocument.create(spec, toValue(scenario.initial), "observer");
      const order = all.slice();
      for (let k = order.length - 1; k > 0; k--) {
        const m = r.int(k + 1);
        [order[k], order[m]] = [order[m], order[k]];
      }
      // deliver in random batch sizes, re-sending a random earlier slice now and then
      let at = 0;
      while (at < order.length) {
        const n = 1 + r.int(5);
        doc.apply(crdt.readOps(order.slice(at, at + n), "ops", "tagged"));
        if (r.chance(0.3)) doc.apply(crdt.readOps(order.slice(r.int(at + 1), at + n), "ops", "tagged"));
        at += n;
      }
      const state = doc.stateJson();
      if (expected === undefined) expected = state;
      else assert.equal(state, expected, `seed ${seed} trial ${trial}`);
    }
  }
});

test("a deleted sequence element is never visible again, whatever arrives after its delete", () => {
  for (let seed = 1; seed <= (FULL ? 1000 : 80); seed++) {
    const { docs, logs } = runScenario(seed, { specName: seed % 2 ? "doc" : "text", replicas: 3, steps: 35 });
    const path = seed % 2 ? [KEY("text")] : [];
    const deleted = new Set();
    for (const op of logs.flat()) {
      if (op.kind === "sequence_delete" && JSON.stringify(op.path) === JSON.stringify(path)) for (const id of op.ids) deleted.add(JSON.stringify(id));
    }
    for (const d of docs) {
      let ids;
      try {
        ids = d.sequenceIds(path);
      } catch {
        continue; // the text field itself was removed in this scenario
      }
      for (const id of ids) assert.ok(!deleted.has(JSON.stringify(id)), `seed ${seed}: deleted element ${JSON.stringify(id)} is visible again`);
    }
  }
});

test("concurrent inserts at the same place all survive, in one order on every replica", () => {
  for (let seed = 1; seed <= (FULL ? 500 : 60); seed++) {
    const r = rng(seed);
    const spec = crdt.CrdtSpec.of({ kind: "sequence", materialization: "string" });
    const base = "abcdef".slice(0, 1 + r.int(6));
    const writers = 2 + r.int(4);
    const docs = Array.from({ length: writers }, (_, i) => crdt.CrdtDocument.create(spec, { Str: base }, `w${i}`));
    const index = r.int(base.length + 1);
    const inserted = [];
    const changes = docs.map((d, i) => {
      const text = ["X", "Y", "Z", "🙂", "λ"][i] + (r.chance(0.5) ? String(i) : "");
      inserted.push(text);
      return d.mutate([crdt.readMutation({ kind: "sequence_splice", path: [], index, delete_count: 0, values: Array.from(text, (c) => ({ Str: c })) }, "m", "tagged")]);
    });
    for (const d of docs) for (const c of changes) d.apply(c.ops);
    const text = docs[0].value().Str;
    for (const d of docs) assert.equal(d.value().Str, text, `seed ${seed}: replicas differ`);
    assert.equal(Array.from(text).length, Array.from(base).length + inserted.reduce((n, s) => n + Array.from(s).length, 0), `seed ${seed}: characters lost in ${text}`);
    for (const s of inserted) assert.ok(text.includes(s), `seed ${seed}: "${s}" was split or lost in "${text}"`);
    assert.ok(text.startsWith(base.slice(0, index)) && text.endsWith(base.slice(index)), `seed ${seed}: the text around the insert moved: ${text}`);
  }
});
