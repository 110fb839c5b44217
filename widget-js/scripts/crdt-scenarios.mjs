// Seeded CRDT scenarios shared by the property tests and the cross-check against the reference:
// a spec, an initial value, and steps where replicas make random local edits (based on what each
// one currently sees) or receive a random, shuffled, partly duplicated selection of the others'
// operations; at the end every replica receives everything. `runScenario` plays one on the
// TypeScript reducer and records what each step produced (ops, effect, value, state text).
import { crdt, toValue } from "../dist/client.js";

/** A small seeded PRNG (mulberry32), so every scenario can be replayed from its seed. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)], chance: (p) => next() < p };
}

export const SPECS = {
  text: { root: { kind: "sequence", materialization: "string" } },
  doc: {
    root: {
      kind: "map",
      fields: {
        title: { kind: "register" },
        text: { kind: "sequence", materialization: "string" },
        items: { kind: "sequence" },
        tags: { kind: "set" },
        rows: { kind: "set", keys: [["id"]], element: { kind: "map", fields: { id: { kind: "register" }, name: { kind: "register" } } } },
        profile: { kind: "map", fields: { name: { kind: "register" }, city: { kind: "register" } } },
      },
      values: { kind: "register" },
    },
  },
};

const CHARS = ["a", "b", "c", "x", "y", " ", "λ", "é", "🙂", "中"];
const KEY = (k) => ({ kind: "key", key: k });

function randomScalar(r) {
  switch (r.int(6)) {
    case 0: return "Null";
    case 1: return { Bool: r.chance(0.5) };
    case 2: return { Int: r.int(2000) - 1000 };
    case 3: return { Float: r.pick([0.5, -1.25, 1e20, 1e-7, 3.0, 123.456, 0.1]) };
    default: return { Str: r.pick(["", "a", "hello", "λx", "🙂"]) };
  }
}

function randomText(r, max) {
  let s = "";
  const n = r.int(max + 1);
  for (let i = 0; i < n; i++) s += r.pick(CHARS);
  return s;
}

function textSplice(r, path, len) {
  const index = r.int(len + 1);
  const del = r.chance(0.4) ? r.int(Math.min(3, len - index) + 1) : 0;
  const text = del > 0 && r.chance(0.4) ? "" : randomText(r, 3) || "z";
  return { kind: "sequence_splice", path, index, delete_count: del, values: Array.from(text, (c) => ({ Str: c })) };
}

function field(value, k) {
  return value.Map[k];
}

/** One random local mutation for a replica whose current value is `value`. */
export function randomMutation(r, specName, value) {
  if (specName === "text") return textSplice(r, [], Array.from(value.Str).length);
  const choice = r.int(11);
  const text = field(value, "text");
  switch (choice) {
    case 0: return { kind: "register_set", path: [KEY("title")], value: randomScalar(r) };
    case 1:
    case 2: return text ? textSplice(r, [KEY("text")], Array.from(text.Str).length) : { kind: "map_set", path: [], key: "text", value: { Str: randomText(r, 3) } };
    case 3: {
      const items = field(value, "items");
      if (!items) return { kind: "map_set", path: [], key: "items", value: { List: [randomScalar(r)] } };
      const len = items.List.length;
      const index = r.int(len + 1);
      const del = r.chance(0.4) ? r.int(Math.min(2, len - index) + 1) : 0;
      return { kind: "sequence_splice", path: [KEY("items")], index, delete_count: del, values: del && r.chance(0.5) ? [] : [randomScalar(r)] };
    }
    case 4: return { kind: "map_set", path: [], key: r.pick(["k1", "k2", "k3"]), value: randomScalar(r) };
    case 5: return { kind: "map_remove", path: [], key: r.pick(["k1", "k2", "k3", "title", "profile", "tags", "items"]) };
    case 6: return { kind: "set_add", path: [KEY("tags")], value: { Str: r.pick(["red", "green", "blue"]) } };
    case 7: {
      const tags = field(value, "tags");
      if (!tags || tags.List.length === 0) return { kind: "set_add", path: [KEY("tags")], value: { Str: "red" } };
      return { kind: "set_remove_value", path: [KEY("tags")], value: r.pick(tags.List) };
    }
    case 8: return { kind: "set_add", path: [KEY("rows")], value: { Map: { id: { Int: r.int(4) }, name: { Str: r.pick(["Ada", "Grace", "Linus"]) } } } };
    case 9: {
      const rows = field(value, "rows");
      if (!rows || rows.List.length === 0) return { kind: "set_add", path: [KEY("rows")], value: { Map: { id: { Int: 1 }, name: { Str: "Ada" } } } };
      const row = r.pick(rows.List);
      if (r.chance(0.5)) return { kind: "set_remove_value", path: [KEY("rows")], value: row };
      return { kind: "member_field_set", path: [KEY("rows")], member: row, field: "name", value: { Str: r.pick(["Ada", "Grace", "Linus", "Barbara"]) } };
    }
    default:
      return { kind: "register_set", path: [KEY("profile"), KEY(r.pick(["name", "city"]))], value: { Str: r.pick(["Ada", "London", "Paris"]) } };
  }
}

/** Resolves the generator's member-addressed pseudo mutations into reference mutations. */
export function resolveMutation(doc, m) {
  if (m.kind === "set_remove_value") return { kind: "set_remove", path: m.path, key: doc.memberKey(crdt.readPath(m.path, "path"), toValue(m.value)) };
  if (m.kind === "member_field_set") {
    const key = doc.memberKey(crdt.readPath(m.path, "path"), toValue(m.member));
    return { kind: "register_set", path: [...m.path, { kind: "member", key }, KEY(m.field)], value: m.value };
  }
  return m;
}

export function initialValue(r, specName) {
  if (specName === "text") return { Str: randomText(r, 6) };
  return {
    Map: {
      title: { Str: "draft" },
      text: { Str: randomText(r, 4) },
      items: { List: [{ Int: 1 }, { Int: 2 }] },
      tags: { List: [{ Str: "red" }] },
      rows: { List: [{ Map: { id: { Int: 1 }, name: { Str: "Ada" } } }] },
      profile: { Map: { name: { Str: "Ada" }, city: { Str: "London" } } },
    },
  };
}

/**
 * Plays a seeded scenario on the TypeScript reducer. Returns the scenario (spec, initial value,
 * replicas, steps as plain data another implementation can replay) and what each step produced.
 */
export function runScenario(seed, { specName = seed % 2 ? "doc" : "text", replicas = 3, steps = 40 } = {}) {
  const r = rng(seed);
  const spec = crdt.CrdtSpec.fromDict(SPECS[specName]);
  const initial = initialValue(r, specName);
  const names = Array.from({ length: replicas }, (_, i) => `r${i}`);
  const docs = names.map((n) => crdt.CrdtDocument.create(spec, toValue(initial), n));
  const logs = names.map(() => []); // ops each replica made, tagged JSON objects
  const plan = [];
  const results = [];
  const record = (i, out) => results.push({ replica: names[i], ...out, value: docs[i].value(), state: docs[i].stateJson() });
  for (let s = 0; s < steps; s++) {
    const i = r.int(replicas);
    if (r.chance(0.6)) {
      const n = 1 + r.int(2);
      const mutations = [];
      for (let k = 0; k < n; k++) mutations.push(resolveMutation(docs[i], randomMutation(r, specName, docs[i].value())));
      let change;
      try {
        change = docs[i].mutate(mutations.map((m, k) => crdt.readMutation(m, `m${k}`, "tagged")));
      } catch (e) {
        // an edit the reducer refuses (e.g. one that would change a set member's identity) must be refused alike
        plan.push({ replica: names[i], mutate: mutations });
        record(i, { error: true });
        continue;
      }
      const ops = JSON.parse(crdt.opsText(change.ops, "tagged"));
      logs[i].push(...ops);
      plan.push({ replica: names[i], mutate: mutations });
      record(i, { ops, effect: effectJson(change.effect) });
    } else {
      const j = r.int(replicas);
      const pool = logs[j];
      if (pool.length === 0) continue;
      const batch = [];
      const take = 1 + r.int(Math.min(6, pool.length));
      for (let k = 0; k < take; k++) batch.push(r.pick(pool));
      plan.push({ replica: names[i], apply: batch });
      const effect = docs[i].apply(crdt.readOps(batch, "ops", "tagged"));
      record(i, { effect: effectJson(effect) });
    }
  }
  // everyone receives everything, shuffled and with some duplicates
  const all = logs.flat();
  for (let i = 0; i < replicas; i++) {
    const batch = all.slice();
    for (let k = batch.length - 1; k > 0; k--) {
      const m = r.int(k + 1);
      [batch[k], batch[m]] = [batch[m], batch[k]];
    }
    for (let k = 0; k < 3 && all.length; k++) batch.push(r.pick(all));
    plan.push({ replica: names[i], apply: batch });
    const effect = docs[i].apply(crdt.readOps(batch, "ops", "tagged"));
    record(i, { effect: effectJson(effect) });
  }
  return { scenario: { seed, spec: spec.toDict(), initial, replicas: names, steps: plan }, results, docs, logs };
}

export function effectJson(effect) {
  const out = ["["];
  effect.deltas.forEach((d, i) => {
    if (i) out.push(",");
    crdt.writeDelta(d, out, "tagged");
  });
  out.push("]");
  return { deltas: JSON.parse(out.join("")), applied: effect.applied, patch: effect.patch };
}

/**
 * A crafted stream no honest replica would make: inserts whose ids are not greater than their
 * predecessors', anchors that arrive late, deletes before inserts — applied in shuffled batches to
 * one replica. It exercises the reducer's general ordering (the quick placement must step aside).
 */
export function runCraftedScenario(seed) {
  const r = rng(seed);
  const spec = crdt.CrdtSpec.of({ kind: "sequence", materialization: "string" });
  const initial = { Str: "xy" };
  const ops = [];
  const ids = [null, { dot: { counter: 0, replica: "$init" }, index: 0 }, { dot: { counter: 0, replica: "$init" }, index: 1 }];
  for (let k = 0; k < 25; k++) {
    const dot = { counter: 1 + r.int(30), replica: r.pick(["a", "b", "c"]) };
    if (ops.some((o) => o.dot.counter === dot.counter && o.dot.replica === dot.replica)) continue;
    const n = 1 + r.int(2);
    ops.push({ kind: "sequence_insert", dot, path: [], after: r.pick(ids), values: Array.from({ length: n }, () => ({ Str: String.fromCharCode(65 + k) })) });
    for (let i = 0; i < n; i++) ids.push({ dot, index: i });
    if (r.chance(0.2)) ops.push({ kind: "sequence_delete", dot: { counter: 100 + k, replica: "d" }, path: [], ids: [r.pick(ids.slice(1))] });
  }
  const doc = crdt.CrdtDocument.create(spec, toValue(initial), "r0");
  const steps = [];
  const results = [];
  for (let k = 0; k < ops.length; k += 3) {
    const batch = ops.slice(k, k + 3);
    if (r.chance(0.5)) batch.reverse();
    steps.push({ replica: "r0", apply: batch });
    const effect = doc.apply(crdt.readOps(batch, "ops", "tagged"));
    results.push({ replica: "r0", effect: effectJson(effect), value: doc.value(), state: doc.stateJson() });
  }
  return { scenario: { seed, spec: spec.toDict(), initial, replicas: ["r0"], steps }, results, docs: [doc] };
}
