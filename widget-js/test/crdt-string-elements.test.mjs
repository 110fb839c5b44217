// String-sequence elements that are not one character, replayed from what the reference reducer did
// with them (../spec/crdt/string_elements.json, written by spec/crdt/string_elements.py): refused only
// when such an element would show (an insert whose element a delete already removed is accepted, as is
// a write that loses or lands on a deleted element); a refused batch changes nothing; an accepted one
// reaches exactly the reference's state text. A local multi-character insert is refused.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { crdt } from "../dist/client.js";

const here = dirname(fileURLToPath(import.meta.url));
const file = JSON.parse(readFileSync(join(here, "..", "..", "spec", "crdt", "string_elements.json"), "utf8"));
const spec = crdt.CrdtSpec.fromDict(file.spec);
const start = () => crdt.CrdtDocument.create(spec, { Map: { text: { Str: file.initial.text } } }, "a");

for (const c of file.cases) {
  test(`as the reference: ${c.name}`, () => {
    const doc = start();
    c.batches.forEach((batch, b) => {
      const ops = crdt.readOps(batch, "ops", "plain");
      const result = c.results[b];
      if (result.accepted) doc.apply(ops);
      else {
        const before = doc.stateJson();
        assert.throws(() => doc.apply(ops), (e) => e.message.includes(result.error), `batch ${b} is refused`);
        assert.equal(doc.stateJson(), before, "a refused batch changes nothing");
      }
    });
    assert.equal(doc.value().Map.text.Str, c.text);
    assert.equal(doc.stateJson(), c.state);
  });
}

test("a local multi-character insert is refused as the reference refuses it, and the document carries on", () => {
  const doc = start();
  const before = doc.stateJson();
  const path = [{ kind: "key", key: "text" }];
  assert.throws(() => doc.mutate([{ kind: "sequence_splice", path, index: 0, delete_count: 0, values: file.mutate.values.map((v) => ({ Str: v })) }]), (e) => e.message.includes(file.mutate.result.error));
  assert.equal(doc.stateJson(), before);
  doc.mutate([crdt.insertText(path, 0, "ok")]);
  assert.equal(doc.value().Map.text.Str, "okab");
});
