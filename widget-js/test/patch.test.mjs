// Apply's copy-on-write contract: untouched subtrees are shared with the input, containers
// copied once per patch are reused by later ops, and error messages name op index, op and path.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Ops, apply, diff, equals, getAt, valueText } from "../dist/client.js";
import { deepFreeze } from "./helpers.mjs";

const big = (n) => ({ List: Array.from({ length: n }, (_, i) => ({ Map: { id: { Int: i }, tags: { List: [] } } })) });

describe("apply", () => {
  it("copiesOnlyThePathItTouches", () => {
    const v = deepFreeze({ Map: { a: { Map: { x: { Int: 1 } } }, b: { List: [{ Str: "s" }] }, c: big(3) } });
    const out = apply(v, [Ops.set([{ Key: "a" }, { Key: "x" }], { Int: 2 })]);
    assert.notEqual(out, v);
    assert.notEqual(out.Map.a, v.Map.a);
    assert.equal(out.Map.b, v.Map.b, "untouched sibling shared");
    assert.equal(out.Map.c, v.Map.c, "untouched sibling shared");
    assert.equal(out.Map.a.Map.x.Int, 2);
    assert.equal(v.Map.a.Map.x.Int, 1);
  });

  it("manyOpsOnOneLargeListStayCheap", () => {
    const v = deepFreeze(big(20000));
    const ops = [];
    for (let i = 0; i < 2000; i++) ops.push(Ops.set([{ Index: i * 10 }, { Key: "id" }], { Int: -i }));
    for (let i = 0; i < 200; i++) ops.push(Ops.insert([{ Index: i }, { Key: "tags" }], 0, { Str: "t" }));
    const t0 = performance.now();
    const out = apply(v, ops);
    const ms = performance.now() - t0;
    assert.equal(out.List[10].Map.id.Int, -1);
    assert.equal(out.List[5].Map.tags.List.length, 1);
    assert.equal(v.List[10].Map.id.Int, 10);
    console.log(`# apply of 2,200 ops on a 20,000-item list: ${ms.toFixed(1)} ms`);
    assert.ok(ms < 2000);
  });

  it("namesTheOpIndexOpAndPathWhenRefusing", () => {
    const v = deepFreeze({ Map: { items: { List: [] } } });
    assert.throws(
      () => apply(v, [Ops.insert([{ Key: "items" }], 0, "Null"), Ops.removeAt([{ Key: "items" }], 3)]),
      { message: "op 1 (RemoveAt) at items: index 3 out of range for a list of 1" },
    );
    assert.equal(valueText(v), '{"Map":{"items":{"List":[]}}}');
  });

  it("treatsObjectPrototypeNamesAsOrdinaryMissingKeysInPlainObjectMaps", () => {
    const plain = { Map: { a: { Int: 1 } } }; // an ordinary object literal, prototype and all
    const withKeys = { Map: JSON.parse('{"a":{"Int":1},"__proto__":{"Int":2},"constructor":{"Int":3}}') };
    assert.equal(getAt(plain, [{ Key: "constructor" }]), undefined);
    assert.equal(equals(plain, withKeys), false);
    const ops = diff(plain, withKeys);
    assert.equal(ops.length, 2);
    assert.ok(equals(apply(plain, ops), withKeys));
    assert.ok(equals(apply(withKeys, diff(withKeys, plain)), plain));
    assert.throws(() => apply(plain, [Ops.set([{ Key: "toString" }, { Key: "x" }], "Null")]), /missing key 'toString'/);
  });
});
