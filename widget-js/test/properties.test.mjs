// Seeded property tests: diff/apply round trips on random values and random edits, atomicity
// of apply on random (often invalid) patches, agreement with a naive reference apply, the
// JSON round trip of random values, and near-linear diff cost on large lists.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apply, diff, equals, hash, opsText, parseValue, toPatch, valueText } from "../dist/client.js";
import { KEYS, mutate, pick, randomValue } from "./generators.mjs";
import { deepFreeze, rng } from "./helpers.mjs";

describe("diff/apply properties", () => {
  it("apply(old, diff(old, new)) equals new for 3000 random pairs, and old is untouched", () => {
    const r = rng(20260127);
    for (let n = 0; n < 3000; n++) {
      const a = deepFreeze(randomValue(r));
      const b = r() < 0.5 ? randomValue(r) : mutate(r, mutate(r, a));
      const ops = diff(a, b);
      const got = apply(a, ops);
      assert.ok(equals(got, b), `case ${n}: ${valueText(a)} -> ${valueText(b)} via ${opsText(ops)} gave ${valueText(got)}`);
      assert.equal(equals(a, b), ops.length === 0, `case ${n}: no ops exactly when equal`);
    }
  });

  it("one edit of a large value gives a small patch", () => {
    const r = rng(7);
    for (let n = 0; n < 200; n++) {
      const items = Array.from({ length: 200 }, (_, i) => ({ Map: Object.assign(Object.create(null), { id: { Int: i }, label: { Str: `item ${i}` } }) }));
      const a = { Map: Object.assign(Object.create(null), { items: { List: items }, title: { Str: "t" } }) };
      const b = mutate(r, a);
      const ops = diff(a, b);
      assert.ok(equals(apply(a, ops), b));
      assert.ok(ops.length <= 8, `case ${n}: ${ops.length} ops for one edit: ${opsText(ops).slice(0, 300)}`);
    }
  });

  it("equal values hash alike, whatever the map insertion order", () => {
    const r = rng(99);
    for (let n = 0; n < 500; n++) {
      const a = randomValue(r);
      const b = parseValue(valueText(a));
      assert.ok(equals(a, b));
      assert.equal(hash(a), hash(b));
    }
  });

  it("canonical JSON round-trips every random value", () => {
    const r = rng(1234);
    for (let n = 0; n < 1000; n++) {
      const a = randomValue(r);
      const text = valueText(a);
      assert.equal(valueText(parseValue(text)), text);
      assert.ok(equals(parseValue(text), a));
    }
  });
});

// ---- atomicity and agreement with a naive reference implementation ----------------------

function clone(v) {
  return parseValue(valueText(v));
}

/** Reference apply: mutates a deep clone; returns null when any op is invalid. */
function referenceApply(value, ops) {
  let root = clone(value);
  const holder = { root };
  const walk = (path) => {
    let cur = holder.root;
    for (const s of path) {
      if ("Key" in s) {
        if (cur === "Null" || !("Map" in cur) || !(s.Key in cur.Map)) return null;
        cur = cur.Map[s.Key];
      } else {
        if (cur === "Null" || !("List" in cur) || s.Index >= cur.List.length) return null;
        cur = cur.List[s.Index];
      }
    }
    return cur;
  };
  for (const op of ops) {
    const [name] = Object.keys(op);
    const b = op[name];
    if (name === "Set") {
      if (b.path.length === 0) {
        holder.root = clone(b.value);
        continue;
      }
      const parent = walk(b.path.slice(0, -1));
      const last = b.path.at(-1);
      if (!parent || parent === "Null") return null;
      if ("Key" in last) {
        if (!("Map" in parent)) return null;
        parent.Map[last.Key] = clone(b.value);
      } else {
        if (!("List" in parent) || last.Index >= parent.List.length) return null;
        parent.List[last.Index] = clone(b.value);
      }
      continue;
    }
    if (name === "Remove") {
      const last = b.path.at(-1);
      if (!last || !("Key" in last)) return null;
      const parent = walk(b.path.slice(0, -1));
      if (!parent || parent === "Null" || !("Map" in parent) || !(last.Key in parent.Map)) return null;
      delete parent.Map[last.Key];
      continue;
    }
    const list = walk(b.path);
    if (!list || list === "Null" || !("List" in list)) return null;
    const xs = list.List;
    if (name === "Insert") {
      if (b.index > xs.length) return null;
      xs.splice(b.index, 0, clone(b.value));
    } else if (name === "RemoveAt") {
      if (b.index >= xs.length) return null;
      xs.splice(b.index, 1);
    } else if (name === "Move") {
      if (b.from >= xs.length || b.to >= xs.length) return null;
      const [x] = xs.splice(b.from, 1);
      xs.splice(b.to, 0, x);
    } else if (name === "Reorder") {
      if (b.order.length !== xs.length || new Set(b.order).size !== xs.length || b.order.some((o) => o >= xs.length)) return null;
      const old = xs.slice();
      b.order.forEach((o, k) => (xs[k] = old[o]));
    }
  }
  return holder.root;
}

function randomPath(r, v) {
  const path = [];
  let cur = v;
  while (cur !== "Null" && ("List" in cur || "Map" in cur) && r() < 0.6) {
    if ("List" in cur) {
      const i = Math.floor(r() * (cur.List.length + 1)); // sometimes out of range
      path.push({ Index: i });
      cur = cur.List[i];
    } else {
      const keys = Object.keys(cur.Map);
      const k = r() < 0.85 && keys.length ? pick(r, keys) : pick(r, KEYS);
      path.push(r() < 0.05 ? { Index: 0 } : { Key: k });
      cur = cur.Map[k];
    }
    if (cur === undefined) break;
  }
  return path;
}

function randomOp(r, v) {
  const path = randomPath(r, v);
  const n = Math.floor(r() * 4);
  switch (Math.floor(r() * 6)) {
    case 0:
      return { Set: { path, value: randomValue(r, 2) } };
    case 1:
      return { Remove: { path } };
    case 2:
      return { Insert: { path, index: n, value: randomValue(r, 2) } };
    case 3:
      return { RemoveAt: { path, index: n } };
    case 4:
      return { Move: { path, from: n, to: Math.floor(r() * 4) } };
    default: {
      const order = Array.from({ length: n }, (_, i) => i);
      if (r() < 0.5) order.reverse();
      if (r() < 0.2) order.push(0);
      return { Reorder: { path, order } };
    }
  }
}

describe("apply atomicity", () => {
  it("random patches either match the reference or throw naming the op, leaving the input untouched", () => {
    const r = rng(4242);
    let applied = 0;
    let refused = 0;
    for (let n = 0; n < 4000; n++) {
      const entries = Object.assign(Object.create(null), {
        a: randomValue(r, 1),
        b: { List: Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, 2)) },
      });
      const v = deepFreeze(r() < 0.8 ? { Map: entries } : randomValue(r));
      const text = valueText(v);
      const ops = [];
      let cur = v;
      const count = 1 + Math.floor(r() * 2);
      for (let i = 0; i < count; i++) ops.push(randomOp(r, cur));
      const patch = toPatch(JSON.parse(JSON.stringify({ rev: 1, ops }, (_, x) => (typeof x === "bigint" ? Number(x) : x))));
      const want = referenceApply(v, patch.ops);
      let got = null;
      let error = null;
      try {
        got = apply(v, patch.ops);
      } catch (e) {
        error = e;
      }
      assert.equal(valueText(v), text, `case ${n}: input changed`);
      if (want === null) {
        assert.ok(error, `case ${n}: expected a refusal for ${opsText(patch.ops)} on ${text}`);
        assert.match(error.message, /^op \d+ \((Set|Remove|Insert|RemoveAt|Move|Reorder)\) at .+: /);
        refused++;
      } else {
        assert.equal(error, null, `case ${n}: unexpected ${error?.message}`);
        assert.equal(valueText(got), valueText(want), `case ${n}: ${opsText(patch.ops)} on ${text}`);
        applied++;
      }
    }
    assert.ok(applied > 400 && refused > 400, `both outcomes exercised (${applied} applied, ${refused} refused)`);
  });
});

describe("diff cost", () => {
  it("stays near-linear on 20,000-element lists (measured, loosely bounded)", () => {
    const r = rng(5);
    const n = 20000;
    const a = { List: Array.from({ length: n }, (_, i) => ({ Str: `s${i}` })) };
    const shuffled = a.List.slice();
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const cases = {
      shuffle: { List: shuffled },
      "one moved": { List: [...a.List.slice(1, 15000), a.List[0], ...a.List.slice(15000)] },
      "head inserted": { List: [{ Str: "new" }, ...a.List] },
      "all same value": { List: Array.from({ length: n }, () => "Null") },
    };
    for (const [name, b] of Object.entries(cases)) {
      const t0 = performance.now();
      const ops = diff(a, b);
      const ms = performance.now() - t0;
      assert.ok(equals(apply(a, ops), b), name);
      console.log(`# diff of 20,000 items, ${name}: ${ops.length} ops in ${ms.toFixed(1)} ms`);
      assert.ok(ms < 2000, `${name} took ${ms} ms`);
    }
  });
});
