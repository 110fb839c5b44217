// The collaborative text box in a light DOM (happy-dom): typing becomes sequence operations (not a
// whole-value Set), other writers' text arrives without moving the caret off what the person was
// typing next to, and the status line shows unconfirmed and refused edits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, bindCrdtText, crdt, valueText } from "../dist/client.js";
import { dom } from "./fake-model.mjs";

const SPEC = crdt.CrdtSpec.of({ kind: "map", fields: { body: { kind: "sequence", materialization: "string" } } });
const BODY = [{ kind: "key", key: "body" }];

function setup() {
  const server = crdt.CrdtDocument.create(SPEC, { Map: { body: { Str: "hello world" } } }, "server");
  const snapshot = () => `{"t":"crdt_snapshot","id":3,"type":"Note","rev":1,"value":${valueText(server.value())},"spec":${SPEC.json},"state":${server.stateJson()}}`;
  const client = new Client();
  client.recv(snapshot());
  const { window, document, el } = dom();
  const box = document.createElement("textarea");
  el.append(box);
  const sent = [];
  let online = true;
  const binding = bindCrdtText(box, { client, id: 3, path: BODY, send: (f) => online && sent.push(f) > 0 });
  el.append(binding.status);
  /** Types `text` at the caret as a keyboard would: the box's value changes, then an input event. */
  const type = (text) => {
    const at = box.selectionStart;
    box.value = box.value.slice(0, at) + text + box.value.slice(box.selectionEnd);
    box.setSelectionRange(at + text.length, at + text.length);
    box.dispatchEvent(new window.Event("input", { bubbles: true }));
  };
  const echo = (frame) => {
    const ops = crdt.readOps(JSON.parse(frame).ops, "ops", "plain");
    server.apply(ops);
    return `{"t":"crdt","id":3,"rev":2,"ops":${crdt.opsText(ops, "plain")}}`;
  };
  return { server, client, box, binding, sent, type, echo, setOnline: (v) => (online = v) };
}

test("typing sends sequence operations for what changed, applied at once", () => {
  const { client, box, binding, sent, type, echo } = setup();
  assert.equal(box.value, "hello world");
  box.focus();
  box.setSelectionRange(5, 5);
  type(",");
  assert.equal(box.value, "hello, world");
  assert.equal(sent.length, 1);
  const ops = JSON.parse(sent[0]).ops;
  assert.deepEqual(ops.map((o) => o.kind), ["sequence_insert"], "an insert, not a whole-value Set");
  assert.deepEqual(ops[0].values, [","]);
  assert.equal(binding.status.dataset.pending, "1");
  client.recv(echo(sent[0]));
  assert.equal(binding.status.dataset.pending, "0");
  assert.equal(valueText(client.value(3)), '{"Map":{"body":{"Str":"hello, world"}}}');
});

test("another writer's text before the caret moves it along; text after it leaves it alone", () => {
  const { server, client, box, type } = setup();
  box.focus();
  box.setSelectionRange(6, 6); // before "world"
  const other = crdt.CrdtDocument.fromState(SPEC, server.stateJson(), "other");
  const early = other.mutate([crdt.insertText(BODY, 0, ">> ")]);
  client.recv(`{"t":"crdt","id":3,"rev":2,"ops":${crdt.opsText(early.ops, "plain")}}`);
  assert.equal(box.value, ">> hello world");
  assert.equal(box.selectionStart, 9, "the caret stays before 'world'");
  const late = other.mutate([crdt.insertText(BODY, 14, "!")]);
  client.recv(`{"t":"crdt","id":3,"rev":3,"ops":${crdt.opsText(late.ops, "plain")}}`);
  assert.equal(box.value, ">> hello world!");
  assert.equal(box.selectionStart, 9);
  type("big ");
  assert.equal(box.value, ">> hello big world!", "typing continues where the person was");
});

test("edits typed offline wait; a refused edit is shown with the reason", () => {
  const { client, box, binding, sent, type, setOnline } = setup();
  box.focus();
  box.setSelectionRange(0, 0);
  setOnline(false);
  type("A");
  type("B");
  assert.equal(sent.length, 0);
  assert.equal(box.value, "ABhello world");
  assert.match(binding.status.textContent, /2 edits not yet confirmed/);
  assert.equal(client.crdt.frames().length, 2, "kept for the next open");
  const frame = JSON.parse(client.crdt.frames()[0]);
  client.recv(JSON.stringify({ t: "reject", id: 3, rev: 1, error: "read-only subscription", crdt_ops: frame.ops }));
  assert.match(binding.status.textContent, /1 edit not yet confirmed · refused: read-only subscription/);
  assert.equal(binding.status.dataset.refused, "1");
});

// The caret follows CRDT elements, not a text comparison: when another writer inserts the same
// character the person just typed, at the same place, and the merge puts theirs first, a text
// comparison cannot tell the two apart and left the caret between them (before the person's own
// character). Replica "zzz" sorts after this client's "client-…" id, so its element comes first.
for (const [other, order] of [["zzz", "theirs first"], ["aaa", "mine first"]]) {
  test(`the same character typed by another writer at the caret (${order}): the caret stays after mine`, () => {
    const { server, client, box, type } = setup();
    const writer = crdt.CrdtDocument.fromState(SPEC, server.stateJson(), other);
    box.focus();
    box.setSelectionRange(11, 11);
    type("x");
    const theirs = writer.mutate([crdt.insertText(BODY, 11, "x")]);
    client.recv(`{"t":"crdt","id":3,"rev":2,"ops":${crdt.opsText(theirs.ops, "plain")}}`);
    assert.equal(box.value, "hello worldxx");
    const mine = client.crdt.document(3).sequenceIds(BODY).findIndex((id) => id.dot.replica === client.crdt.replica);
    assert.equal(mine, order === "mine first" ? 11 : 12);
    assert.equal(box.selectionStart, mine + 1, "just after the character this person typed");
    type("y");
    assert.equal(box.value, order === "mine first" ? "hello worldxyx" : "hello worldxxy", "the next keystroke follows the person's own x");
  });
}

test("a selection keeps its characters when another writer types the same text before it", () => {
  const { server, client, box } = setup();
  const writer = crdt.CrdtDocument.fromState(SPEC, server.stateJson(), "zzz");
  box.focus();
  box.setSelectionRange(6, 11, "backward"); // "world"
  const theirs = writer.mutate([crdt.insertText(BODY, 6, "world ")]);
  client.recv(`{"t":"crdt","id":3,"rev":2,"ops":${crdt.opsText(theirs.ops, "plain")}}`);
  assert.equal(box.value, "hello world world");
  assert.deepEqual([box.selectionStart, box.selectionEnd, box.selectionDirection], [12, 17, "backward"]);
});
