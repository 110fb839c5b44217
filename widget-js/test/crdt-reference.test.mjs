// The CRDT reducer against the reference's facts: its fixtures (test/vectors/crdt/, from the
// reference's rust/tests/fixtures), the behaviours its Python and Rust tests pin (spec
// canonicalisation and refusals, convergence cases, splice, compaction, state transfer).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crdt, toValue, valueText } from "../dist/client.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => JSON.parse(readFileSync(join(here, "vectors", "crdt", name), "utf8"));
const { CrdtSpec, CrdtDocument } = crdt;
const S = (s) => ({ Str: s });
const I = (n) => ({ Int: n });
const M = (o) => ({ Map: o });
const L = (xs) => ({ List: xs });
const eqv = (actual, expected) => assert.equal(valueText(actual), valueText(toValue(expected)));
const KEY = (key) => ({ kind: "key", key });
const muts = (ms) => ms.map((m, i) => crdt.readMutation(m, `mutations[${i}]`, "tagged"));
const ops = (os) => crdt.readOps(os, "ops", "tagged");
const textSpec = () => CrdtSpec.of({ kind: "sequence", materialization: "string" });
const registerSpec = () => CrdtSpec.of({ kind: "register" });
const record = (fields) => ({ kind: "map", fields: Object.fromEntries(fields.map((f) => [f, { kind: "register" }])) });

test("crdt_spec.json: canonical text and hash match the reference", async () => {
  const f = fixture("crdt_spec.json");
  const spec = CrdtSpec.fromDict(f.spec);
  assert.equal(spec.json, f.canonical);
  assert.equal(spec.hash, f.hash);
  assert.deepEqual(spec.toDict(), JSON.parse(f.canonical));
  spec.requireHash(f.hash);
  assert.equal(await crdt.specHashWebCrypto(spec), f.hash);
  assert.equal(CrdtSpec.fromJson(spec.json).json, spec.json, "canonicalisation is idempotent");
});

test("crdt_reducer.json: mutations give the fixture's ops and value; a second replica converges; duplicates apply nothing", () => {
  const f = fixture("crdt_reducer.json");
  const spec = CrdtSpec.fromDict(f.spec);
  const a = CrdtDocument.create(spec, toValue(f.initial), "a");
  const change = a.mutate(muts(f.mutations));
  assert.deepEqual(JSON.parse(crdt.opsText(change.ops, "tagged")), f.ops);
  eqv(a.value(), toValue(f.expected));
  const b = CrdtDocument.create(spec, toValue(f.initial), "b");
  assert.equal(b.apply(ops(f.ops)).applied, 2);
  eqv(b.value(), toValue(f.expected));
  assert.equal(b.stateJson(), a.stateJson());
  const again = b.apply(ops(f.ops));
  assert.equal(again.applied, 0);
  assert.deepEqual(again.patch.ops, []);
});

test("the reference's Python fixture test: register, insert and splice give four dotted ops; state transfers", () => {
  const f = fixture("crdt_reducer.json");
  const spec = CrdtSpec.fromDict(f.spec);
  const doc = CrdtDocument.create(spec, M({ text: S(""), title: S("draft") }), "a");
  const change = doc.mutate(
    muts([
      { kind: "register_set", path: [KEY("title")], value: S("ready") },
      { kind: "sequence_insert", path: [KEY("text")], after: null, values: [S("h"), S("i")] },
      { kind: "sequence_splice", path: [KEY("text")], index: 1, delete_count: 1, values: [S("λ")] },
    ]),
  );
  eqv(doc.value(), M({ text: S("hλ"), title: S("ready") }));
  assert.equal(change.effect.applied, 4);
  assert.deepEqual(change.ops.map((o) => o.dot), [1, 2, 3, 4].map((counter) => ({ counter, replica: "a" })));
  const receiver = CrdtDocument.fromState(spec, doc.stateObject(), "b");
  eqv(receiver.value(), doc.value());
  const duplicate = receiver.apply(change.ops);
  assert.deepEqual(duplicate.patch.ops, []);
  assert.equal(duplicate.applied, 0);
});

test("spec: constructors agree, key path order does not change the hash, defaults are filled", () => {
  const root = { kind: "map", fields: { document: { kind: "sequence", materialization: "string" } } };
  const a = CrdtSpec.of(root);
  assert.ok(a.equals(CrdtSpec.fromJson(a.json)) && a.equals(CrdtSpec.fromDict(a.toDict())));
  const element = { kind: "map", fields: { meta: { kind: "map" } } };
  const first = CrdtSpec.of({ kind: "set", keys: [["tenant"], ["meta", "id"]], element });
  const reversed = CrdtSpec.of({ kind: "set", keys: [["meta", "id"], ["tenant"]], element });
  assert.equal(first.hash, reversed.hash);
  assert.equal(CrdtSpec.of({ kind: "map" }).json, '{"version":1,"root":{"kind":"map","values":{"kind":"register"}}}');
  assert.equal(CrdtSpec.fromDict({ version: 1, root: { kind: "register" } }).json, '{"version":1,"root":{"kind":"register"}}');
});

test("spec: refusals name the path and the reason", () => {
  assert.throws(() => registerSpec().requireHash("sha256:other"), /incompatible CRDT spec: local hash sha256:[0-9a-f]{64}, peer hash sha256:other/);
  assert.throws(() => CrdtSpec.fromDict({ version: 2, root: { kind: "register" } }), /unsupported CRDT spec version 2; expected 1/);
  assert.throws(() => CrdtSpec.fromDict({ root: { kind: "register", fields: {} } }), /unknown field `fields`/);
  assert.throws(() => CrdtSpec.fromDict({ root: { kind: "register" }, extra: 1 }), /unknown field `extra`/);
  assert.throws(() => CrdtSpec.of({ kind: "set", keys: [[""]], element: { kind: "register" } }), /root.keys contains an empty identity path or path segment/);
  for (const bad of [
    { kind: "set", keys: [["id"]], element: { kind: "register" } },
    { kind: "set", keys: [["id"], ["id"]], element: { kind: "map" } },
    { kind: "set", keys: [["nested", "id"]], element: { kind: "map" } },
    { kind: "set", keys: [["nested"]], element: { kind: "map", fields: { nested: { kind: "map" } } } },
  ]) assert.throws(() => CrdtSpec.of(bad), /root\.keys/, JSON.stringify(bad));
  assert.throws(() => CrdtSpec.of({ kind: "sequence", materialization: "string", element: { kind: "map" } }), /root.element must be a register/);
  assert.throws(() => CrdtSpec.of({ kind: "blob" }), /root.kind: unknown variant "blob"/);
});

test("register writes converge on the greater dot and duplicates are ignored", () => {
  const a = CrdtDocument.create(registerSpec(), I(0), "a");
  const b = CrdtDocument.create(registerSpec(), I(0), "b");
  const ac = a.mutate(muts([{ kind: "register_set", path: [], value: I(1) }]));
  const bc = b.mutate(muts([{ kind: "register_set", path: [], value: I(2) }]));
  assert.equal(a.apply(bc.ops).applied, 1);
  assert.equal(a.apply(bc.ops).applied, 0);
  b.apply(ac.ops);
  eqv(a.value(), I(2));
  assert.equal(a.stateJson(), b.stateJson());
});

test("a dot reused with other content is refused and nothing of the batch applies", () => {
  const doc = CrdtDocument.create(registerSpec(), I(0), "receiver");
  const dot = { counter: 1, replica: "sender" };
  doc.apply([{ kind: "register_set", dot, path: [], value: I(1) }]);
  const before = doc.stateJson();
  assert.throws(() => doc.apply([{ kind: "register_set", dot: { counter: 2, replica: "sender" }, path: [], value: I(5) }, { kind: "register_set", dot, path: [], value: I(2) }]), /reused with different content/);
  eqv(doc.value(), I(1));
  assert.equal(doc.stateJson(), before);
  assert.throws(() => doc.apply([{ kind: "register_set", dot: { counter: 0, replica: "x" }, path: [], value: I(2) }]), /invalid operation dot/);
});

test("a nested update wins over a concurrent remove of its map without resurrecting other fields", () => {
  const spec = CrdtSpec.of({ kind: "map", fields: { profile: record(["name", "city"]) } });
  const initial = M({ profile: M({ name: S("Ada"), city: S("London") }) });
  const a = CrdtDocument.create(spec, initial, "a");
  const b = CrdtDocument.create(spec, initial, "b");
  const remove = a.mutate(muts([{ kind: "map_remove", path: [], key: "profile" }]));
  const update = b.mutate(muts([{ kind: "register_set", path: [KEY("profile"), KEY("name")], value: S("Grace") }]));
  a.apply(update.ops);
  b.apply(remove.ops);
  eqv(a.value(), M({ profile: M({ name: S("Grace") }) }));
  assert.equal(a.stateJson(), b.stateJson());
});

test("keyed sets: a concurrent add wins over a remove; a remove wins over a field-only update; identity fields are immutable", () => {
  const spec = CrdtSpec.of({ kind: "set", keys: [["id"]], element: record(["id", "name", "city"]) });
  const member = M({ id: I(1), name: S("Ada"), city: S("London") });
  const a = CrdtDocument.create(spec, L([member]), "a");
  const b = CrdtDocument.create(spec, L([member]), "b");
  const key = a.memberKey([], member);
  const remove = a.mutate(muts([{ kind: "set_remove", path: [], key }]));
  const added = M({ id: I(1), name: S("Grace"), city: S("Paris") });
  const add = b.mutate(muts([{ kind: "set_add", path: [], value: added }]));
  a.apply(add.ops);
  b.apply(remove.ops);
  eqv(a.value(), L([added]));
  assert.equal(a.stateJson(), b.stateJson());

  const c = CrdtDocument.create(spec, L([member]), "c");
  const d = CrdtDocument.create(spec, L([member]), "d");
  const rm = c.mutate(muts([{ kind: "set_remove", path: [], key }]));
  const upd = d.mutate(muts([{ kind: "register_set", path: [{ kind: "member", key }, KEY("name")], value: S("Grace") }]));
  c.apply(upd.ops);
  d.apply(rm.ops);
  eqv(c.value(), L([]));
  eqv(d.value(), L([]));
  assert.throws(() => d.mutate(muts([{ kind: "register_set", path: [{ kind: "member", key }, KEY("id")], value: I(2) }])), /identity fields are immutable/);
});

test("a local dot advances past observed remote counters", () => {
  const doc = CrdtDocument.create(registerSpec(), I(0), "local");
  doc.apply([{ kind: "register_set", dot: { counter: 10, replica: "remote" }, path: [], value: I(1) }]);
  const change = doc.mutate(muts([{ kind: "register_set", path: [], value: I(2) }]));
  assert.equal(change.ops[0].dot.counter, 11);
  eqv(doc.value(), I(2));
});

test("sequence inserts, deletes and duplicates converge in any order (the reference's BAλ case)", () => {
  const a = CrdtDocument.create(textSpec(), S(""), "a");
  const b = CrdtDocument.create(textSpec(), S(""), "b");
  const ai = a.mutate(muts([{ kind: "sequence_insert", path: [], after: null, values: [S("A"), S("λ")] }]));
  const bi = b.mutate(muts([{ kind: "sequence_insert", path: [], after: null, values: [S("B")] }]));
  a.apply(bi.ops);
  b.apply(ai.ops);
  eqv(a.value(), S("BAλ"));
  eqv(b.value(), S("BAλ"));
  const del = a.mutate(muts([{ kind: "sequence_delete", path: [], ids: [{ dot: ai.ops[0].dot, index: 0 }] }]));
  const c = CrdtDocument.create(textSpec(), S(""), "c");
  c.apply(del.ops);
  c.apply(bi.ops);
  c.apply(ai.ops);
  c.apply(ai.ops);
  eqv(c.value(), S("Bλ"));
  assert.equal(ai.effect.deltas.length, 1);
  assert.equal(ai.effect.deltas[0].elements.length, 2);
});

test("sequence_splice expands positions to element ids; out of bounds is refused and changes nothing", () => {
  const doc = CrdtDocument.create(textSpec(), S("AλB"), "editor");
  const change = doc.mutate(muts([{ kind: "sequence_splice", path: [], index: 1, delete_count: 1, values: [S("🙂")] }]));
  eqv(doc.value(), S("A🙂B"));
  assert.deepEqual(change.ops.map((o) => o.kind), ["sequence_delete", "sequence_insert"]);
  assert.equal(change.effect.applied, 2);
  assert.notEqual(change.ops[1].after, null);
  assert.throws(() => doc.mutate(muts([{ kind: "sequence_splice", path: [], index: 4, delete_count: 0, values: [S("!")] }])), /sequence splice index 4 out of bounds \(len 3\)/);
  eqv(doc.value(), S("A🙂B"));
  const none = doc.mutate(muts([{ kind: "sequence_splice", path: [], index: 3, delete_count: 0, values: [] }]));
  assert.equal(none.ops.length, 0);
  assert.equal(none.effect.applied, 0);
});

test("a long sequence materialises without recursion", () => {
  const text = "x".repeat(20_000);
  assert.deepEqual(CrdtDocument.create(textSpec(), S(text), "a").value(), S(text));
});

test("state transfer refuses another spec; compaction keeps sequence anchors and drops deleted payloads", () => {
  const source = CrdtDocument.create(textSpec(), S(""), "a");
  const insert = source.mutate(muts([{ kind: "sequence_insert", path: [], after: null, values: [S("x")] }]));
  const id = { dot: insert.ops[0].dot, index: 0 };
  source.mutate(muts([{ kind: "sequence_delete", path: [], ids: [id] }]));
  const restored = CrdtDocument.fromState(textSpec(), source.stateJson(), "b");
  eqv(restored.value(), source.value());
  assert.throws(() => CrdtDocument.fromState(registerSpec(), source.stateJson(), "b"), /incompatible CRDT state: spec hash/);
  assert.equal(source.compact({ a: 2 }), 1);
  const state = JSON.parse(source.stateJson());
  assert.deepEqual(state.root.entries, [[id, { after: null, node: null, inserted: true }]]);
  assert.deepEqual(state.context, { compacted: { a: 2 } });
  eqv(source.value(), S(""));
  // a later insert may still anchor on the compacted element
  const later = source.mutate(muts([{ kind: "sequence_insert", path: [], after: id, values: [S("y")] }]));
  assert.equal(later.ops[0].dot.counter, 3);
  eqv(source.value(), S("y"));
});

test("map tombstones compact once their remove is stable; a frontier with gaps is refused", () => {
  const doc = CrdtDocument.create(CrdtSpec.of({ kind: "map" }), M({ obsolete: I(1) }), "a");
  doc.mutate(muts([{ kind: "map_remove", path: [], key: "obsolete" }]));
  assert.equal(doc.compact({ a: 1 }), 1);
  eqv(doc.value(), M({}));
  assert.throws(() => doc.compact({ a: 2 }), /not covered by contiguous observed dots/);
  const r = CrdtDocument.create(registerSpec(), I(0), "receiver");
  r.apply([{ kind: "register_set", dot: { counter: 5, replica: "sender" }, path: [], value: I(5) }]);
  assert.throws(() => r.compact({ sender: 5 }), /compaction frontier sender:5 is not covered by contiguous observed dots after 0/);
});

test("reserved or empty replica ids are refused; a state with bad fingerprints is refused", () => {
  assert.throws(() => CrdtDocument.create(registerSpec(), "Null", ""), /replica identifier/);
  assert.throws(() => CrdtDocument.create(registerSpec(), "Null", "$init"), /replica identifier/);
  const doc = CrdtDocument.create(registerSpec(), I(0), "a");
  doc.mutate(muts([{ kind: "register_set", path: [], value: I(1) }]));
  const state = JSON.parse(doc.stateJson());
  state.fingerprints = [];
  delete state.fingerprints;
  assert.throws(() => CrdtDocument.fromState(registerSpec(), state, "b"), /fingerprints do not match/);
});

test("floats are written as the reference writes them", () => {
  const cases = [[1, "1.0"], [0.1, "0.1"], [-0, "-0.0"], [1e15, "1000000000000000.0"], [1e16, "1e+16"], [1e-5, "0.00001"], [1e-6, "1e-6"], [123.456, "123.456"], [5e-324, "5e-324"], [1.7976931348623157e308, "1.7976931348623157e+308"], [2.5e-10, "2.5e-10"], [12345678901234567890, "1.2345678901234567e+19"]];
  for (const [x, text] of cases) assert.equal(crdt.serdeFloat(x), text, String(x));
});

test("a batch that fails part-way is undone completely, and the document carries on exactly as before", () => {
  const spec = CrdtSpec.of({ kind: "map", fields: { text: { kind: "sequence", materialization: "string" }, n: { kind: "register" } } });
  const doc = CrdtDocument.create(spec, M({ text: S("abc"), n: I(0) }), "a");
  const twin = CrdtDocument.create(spec, M({ text: S("abc"), n: I(0) }), "a");
  const before = doc.stateJson();
  const good = { kind: "sequence_splice", path: [KEY("text")], index: 1, delete_count: 1, values: [S("X"), S("Y")] };
  // the second mutation addresses the sequence as a register: refused after the first applied
  assert.throws(() => doc.mutate(muts([good, { kind: "register_set", path: [KEY("text")], value: I(1) }])), /register_set path does not address a register/);
  assert.equal(doc.stateJson(), before);
  eqv(doc.value(), M({ text: S("abc"), n: I(0) }));
  // remote: a valid insert followed by a string element that is not one character
  const remote = [
    { kind: "sequence_insert", dot: { counter: 1, replica: "r" }, path: [KEY("text")], after: null, values: [S("Q")] },
    { kind: "sequence_insert", dot: { counter: 2, replica: "r" }, path: [KEY("text")], after: null, values: [S("two")] },
  ];
  assert.throws(() => doc.apply(ops(remote)), /one Unicode scalar value/);
  assert.equal(doc.stateJson(), before);
  eqv(doc.value(), M({ text: S("abc"), n: I(0) }));
  // afterwards both documents make the same ops and states
  const c1 = doc.mutate(muts([good]));
  const c2 = twin.mutate(muts([good]));
  assert.equal(crdt.opsText(c1.ops, "tagged"), crdt.opsText(c2.ops, "tagged"));
  assert.equal(doc.stateJson(), twin.stateJson());
  eqv(doc.value(), M({ text: S("aXYc"), n: I(0) }));
});
