// renderModels with a CRDT-backed model (it arrives as crdt_snapshot), in happy-dom: the form's
// string-sequence field is a collaborative text (each keystroke one sequence splice, never a
// whole-value Set), two views typing into it at once converge with every character kept, an offline
// view's typing is kept and sent when it is back, refused operations show on a quiet status line,
// list items added and removed go as sequence operations and a register field as a register write.
// The transport is a fake relay (a reducer replica standing in for the server, which echoes every
// accepted operation to every view, possibly late): the real Hub is exercised by the Java and
// Python interop tests.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client, crdt, renderModels, valueText } from "../dist/client.js";
import { dom } from "./fake-model.mjs";

const SPEC = crdt.CrdtSpec.of({
  kind: "map",
  fields: {
    title: { kind: "register" },
    body: { kind: "sequence", materialization: "string" },
    tags: { kind: "sequence", materialization: "list", element: { kind: "register" } },
  },
});
const START = { Map: { title: { Str: "Notes" }, body: { Str: "hello world" }, tags: { List: [{ Str: "a" }, { Str: "b" }] } } };
const BODY = [{ Key: "body" }];
const dp = (path) => `[data-path='${JSON.stringify(path)}']`;

/** The stand-in server: applies the operations it receives and echoes them to every view it holds. */
function relay() {
  const server = crdt.CrdtDocument.create(SPEC, START, "server");
  let rev = 1;
  const views = [];
  const snapshot = () => `{"t":"crdt_snapshot","id":7,"type":"Note","rev":${rev},"value":${valueText(server.value())},"spec":${SPEC.json},"state":${server.stateJson()}}`;
  const queue = []; // frames received but not yet applied (the network is slow)
  /** A view of its own (own Client, own window) whose frames go into the queue while `open`. */
  function view() {
    const { window, el } = dom();
    const client = new Client();
    const v = { window, el, client, open: true, sent: [] };
    v.view = renderModels(client, el, (frame) => {
      if (!v.open) return false;
      const m = JSON.parse(frame);
      v.sent.push(m);
      queue.push(m);
      return true;
    });
    client.recv(snapshot());
    views.push(v);
    return v;
  }
  /** Delivers the queued frames (all, or the first n): applied once, echoed to every open view. */
  function deliver(n = queue.length) {
    for (const m of queue.splice(0, n)) {
      assert.equal(m.t, "crdt", `only CRDT frames for a CRDT model, got ${JSON.stringify(m)}`);
      const ops = crdt.readOps(m.ops, "ops", "plain");
      server.apply(ops);
      const echo = `{"t":"crdt","id":7,"rev":${++rev},"ops":${crdt.opsText(ops, "plain")}}`;
      for (const v of views) if (v.open) v.client.recv(echo);
    }
  }
  return { server, view, deliver, snapshot, queue };
}

/** Focuses the shown text of `path` (it becomes an input) and puts the caret at `at`. */
function focusAt(v, path, at) {
  const shown = v.el.querySelector(dp(path));
  shown.focus();
  shown.dispatchEvent(new v.window.FocusEvent("focusin", { bubbles: true }));
  const input = v.el.querySelector(`input${dp(path)}`);
  assert.equal(v.window.document.activeElement, input);
  input.setSelectionRange(at, at);
  return input;
}

/** Types `text` at the caret as a keyboard would: one input event per character. */
function type(v, input, text) {
  for (const ch of text) {
    const at = input.selectionStart;
    input.value = input.value.slice(0, at) + ch + input.value.slice(input.selectionEnd);
    input.setSelectionRange(at + ch.length, at + ch.length);
    input.dispatchEvent(new v.window.Event("input", { bubbles: true }));
  }
}

/** Whether `text` is an interleaving of `a` and `b` (every character of both, each in its own order). */
function interleaves(text, a, b) {
  const memo = new Map();
  const go = (i, j) => {
    if (i + j === text.length) return i === a.length && j === b.length;
    const k = i * (b.length + 1) + j;
    if (!memo.has(k)) memo.set(k, (i < a.length && a[i] === text[i + j] && go(i + 1, j)) || (j < b.length && b[j] === text[i + j] && go(i, j + 1)));
    return memo.get(k);
  };
  return text.length === a.length + b.length && go(0, 0);
}

const textOf = (v) => v.client.value(7).Map.body.Str;
const status = (v) => v.el.querySelector(".tp-crdt-status");

describe("renderModels with a CRDT model", () => {
  it("drawsTheCrdtSnapshotWithItsForm", () => {
    const r = relay();
    const a = r.view();
    assert.equal(a.el.querySelector('.tp-model[data-id="7"] .tp-type').textContent, "Note");
    assert.equal(a.el.querySelector(dp(BODY)).textContent, "hello world");
    assert.equal(a.el.querySelectorAll(dp([{ Key: "tags" }, { Index: 1 }])).length, 1);
  });

  it("eachKeystrokeIsOneSequenceSpliceNotAWholeValueSet", () => {
    const r = relay();
    const a = r.view();
    const input = focusAt(a, BODY, 5);
    type(a, input, ", big");
    assert.equal(input.value, "hello, big world");
    assert.equal(a.sent.length, 5, "one frame per keystroke");
    for (const m of a.sent) assert.deepEqual(m.ops.map((o) => o.kind), ["sequence_insert"]);
    assert.equal(status(a).dataset.pending, "5");
    // Enter commits nothing more (the text is already the shared one) and the caret stays.
    input.dispatchEvent(new a.window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    assert.equal(a.sent.length, 5);
    r.deliver();
    assert.equal(status(a).dataset.pending, "0");
    assert.equal(status(a).hidden, true, "nothing to say once every edit is confirmed");
    assert.equal(r.server.value().Map.body.Str, "hello, big world");
  });

  it("twoViewsTypingAtOnceConvergeWithNoLostCharacters", () => {
    const r = relay();
    const a = r.view();
    const b = r.view();
    const ia = focusAt(a, BODY, 0);
    const ib = focusAt(b, BODY, 11);
    // Interleaved keystrokes; the relay delivers late and in pieces, so each view types on top of
    // text that has not seen the other's latest keys.
    const left = "ABCDEFGH";
    const right = "12345678";
    for (let i = 0; i < left.length; i++) {
      type(a, ia, left[i]);
      type(b, ib, right[i]);
      if (i % 3 === 2) r.deliver(3);
    }
    // B's caret was at the end of its own typing; A's text arriving before it must not move it off.
    assert.ok(ib.value.slice(0, ib.selectionStart).endsWith("world" + right), `B's caret stays after its own text: ${ib.value} @${ib.selectionStart}`);
    r.deliver();
    const want = "ABCDEFGHhello world12345678";
    assert.equal(r.server.value().Map.body.Str, want);
    assert.equal(textOf(a), want);
    assert.equal(textOf(b), want);
    assert.equal(ia.value, want, "A's input shows the shared text");
    assert.equal(ib.value, want);
    assert.equal(ia.selectionStart, 8, "A's caret is still right after what A typed");
    assert.equal(a.el.querySelector(".tp-note:not([hidden])"), null, "no 'changed meanwhile' for merged text");
  });

  it("twoViewsTypingTheSameCharactersAtOneSpotKeepEachTypistsRunInOrder", () => {
    // Both type at the end, strings that share characters (each starts with " a"), each keystroke
    // delivered at once. When the other's same character lands just before the caret, a caret placed
    // by comparing texts could go before the typist's own character; pinned to CRDT elements it cannot.
    // Each round has fresh random replica ids, so both merge orders come up.
    const left = " alpha-a";
    const right = " aleph-b";
    for (let round = 0; round < 12; round++) {
      const r = relay();
      const a = r.view();
      const b = r.view();
      const ia = focusAt(a, BODY, 11);
      const ib = focusAt(b, BODY, 11);
      for (let i = 0; i < left.length; i++) {
        type(a, ia, left[i]);
        type(b, ib, right[i]);
        r.deliver();
      }
      const text = r.server.value().Map.body.Str;
      assert.equal(ia.value, text);
      assert.equal(ib.value, text);
      assert.ok(text.startsWith("hello world") && interleaves(text.slice(11), left, right), `round ${round}: ${JSON.stringify(text)} keeps ${JSON.stringify(left)} and ${JSON.stringify(right)} each in order`);
    }
  });

  it("anOfflineViewsTypingIsKeptAndSentOnReconnect", () => {
    const r = relay();
    const a = r.view();
    const b = r.view();
    a.open = false;
    a.view.setOffline("connection lost");
    const input = focusAt(a, BODY, 11);
    assert.equal(input.disabled, false, "a CRDT text stays editable offline");
    type(a, input, "!!");
    assert.equal(a.sent.length, 0);
    assert.equal(textOf(a), "hello world!!", "applied locally at once");
    assert.match(status(a).textContent, /2 edits not yet confirmed/);
    // Meanwhile another writer types; the server moves on without A.
    type(b, focusAt(b, BODY, 0), "> ");
    r.deliver();
    // Back: the server's fresh snapshot, then the view sends what it kept.
    a.open = true;
    a.client.recv(r.snapshot());
    assert.equal(textOf(a), "> hello world!!", "the offline typing survives the fresh snapshot");
    a.view.setOffline(null);
    assert.ok(a.sent.length > 0, "the kept operations went out");
    r.deliver();
    assert.equal(r.server.value().Map.body.Str, "> hello world!!");
    assert.equal(textOf(b), "> hello world!!");
    assert.equal(status(a).dataset.pending, "0");
  });

  it("refusedOperationsAreShownWithTheReason", () => {
    const r = relay();
    const a = r.view();
    type(a, focusAt(a, BODY, 0), "X");
    const frame = r.queue.shift();
    a.client.recv(JSON.stringify({ t: "reject", id: 7, rev: 1, error: "read-only subscription", crdt_ops: frame.ops }));
    assert.equal(status(a).dataset.refused, "1");
    assert.equal(status(a).dataset.pending, "0");
    assert.match(status(a).textContent, /refused: read-only subscription/);
    assert.equal(status(a).hidden, false);
    // The server follows a refusal with a fresh snapshot (kernel-extension HubCrdtWidgetTest): the
    // refused character goes, the refusal stays on the status line.
    a.client.recv(r.snapshot());
    assert.equal(textOf(a), "hello world");
    assert.equal(a.el.querySelector(`input${dp(BODY)}`).value, "hello world");
    assert.equal(status(a).dataset.refused, "1");
  });

  it("listItemsAddedAndRemovedGoAsSequenceOpsAndARegisterAsARegisterWrite", () => {
    const r = relay();
    const a = r.view();
    const b = r.view();
    const row = a.el.querySelector(dp([{ Key: "tags" }, { Index: 0 }])).closest(".tp-row");
    row.dispatchEvent(new a.window.MouseEvent("mouseover", { bubbles: true }));
    row.querySelector(":scope > .tp-tools > .tp-remove").click();
    assert.deepEqual(a.sent.at(-1).ops.map((o) => o.kind), ["sequence_delete"]);
    a.el.querySelector(dp([{ Key: "tags" }])).parentElement.querySelector(":scope > .tp-add").click();
    assert.deepEqual(a.sent.at(-1).ops.map((o) => o.kind), ["sequence_insert"]);
    const title = focusAt(a, [{ Key: "title" }], 0);
    title.value = "Minutes";
    title.dispatchEvent(new a.window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    assert.deepEqual(a.sent.at(-1).ops.map((o) => o.kind), ["register_set"]);
    assert.ok(a.sent.every((m) => m.t === "crdt"), "no whole-value proposal");
    r.deliver();
    assert.equal(valueText(b.client.value(7)), valueText(a.client.value(7)));
    assert.equal(b.client.value(7).Map.title.Str, "Minutes");
    assert.equal(b.client.value(7).Map.tags.List.length, 2);
    assert.equal(b.client.value(7).Map.tags.List[0].Str, "b");
  });

  it("oneListItemIsEditedInPlaceAsARegisterWriteAtItsElement", () => {
    const r = relay();
    const a = r.view();
    const b = r.view();
    const ids = a.client.crdt.document(7).sequenceIds([{ kind: "key", key: "tags" }]);
    const item = focusAt(a, [{ Key: "tags" }, { Index: 1 }], 0);
    item.value = "z";
    item.dispatchEvent(new a.window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    assert.equal(a.sent.length, 1);
    const [op] = a.sent[0].ops;
    assert.equal(op.kind, "register_set", "a write of that item, not a splice of the list");
    assert.deepEqual(op.path, [{ kind: "key", key: "tags" }, { kind: "element", id: { dot: ids[1].dot, index: ids[1].index } }]);
    assert.equal(a.client.value(7).Map.tags.List[1].Str, "z", "applied at once");
    r.deliver();
    assert.deepEqual(b.client.value(7).Map.tags.List.map((v) => v.Str), ["a", "z"]);
    assert.equal(a.el.querySelector(".tp-error:not([hidden])")?.textContent ?? "", "", "no refusal");
  });

  it("twoWritersEditingDifferentItemsBothStayAndOneItemEditedByBothEndsAsOneRegister", () => {
    const r = relay();
    const a = r.view();
    const b = r.view();
    const edit = (v, index, text) => {
      const item = focusAt(v, [{ Key: "tags" }, { Index: index }], 0);
      item.value = text;
      item.dispatchEvent(new v.window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    };
    // different items at once (neither has seen the other's edit): both kept
    edit(a, 0, "A0");
    edit(b, 1, "B1");
    r.deliver();
    for (const v of [a, b]) assert.deepEqual(v.client.value(7).Map.tags.List.map((x) => x.Str), ["A0", "B1"]);
    // one item by both at once: a register, so the write with the greater dot wins on every replica
    edit(a, 0, "from a");
    edit(b, 0, "from b");
    const [da, db] = r.queue.map((m) => crdt.readOps(m.ops, "ops", "plain")[0].dot);
    r.deliver();
    const want = crdt.compareDots(da, db) > 0 ? "from a" : "from b";
    for (const v of [a, b]) assert.deepEqual(v.client.value(7).Map.tags.List.map((x) => x.Str), [want, "B1"]);
    assert.equal(r.server.value().Map.tags.List[0].Str, want);
    assert.equal(a.client.crdt.document(7).stateJson(), r.server.stateJson(), "same state bytes as the server");
  });

  it("anItemDeletedByOneWriterWhileAnotherEditsItStaysDeleted", () => {
    const r = relay();
    const a = r.view();
    const b = r.view();
    const item = focusAt(a, [{ Key: "tags" }, { Index: 0 }], 0);
    item.value = "edited";
    item.dispatchEvent(new a.window.KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    const row = b.el.querySelector(dp([{ Key: "tags" }, { Index: 0 }])).closest(".tp-row");
    row.dispatchEvent(new b.window.MouseEvent("mouseover", { bubbles: true }));
    row.querySelector(":scope > .tp-tools > .tp-remove").click();
    r.deliver();
    for (const v of [a, b]) assert.deepEqual(v.client.value(7).Map.tags.List.map((x) => x.Str), ["b"], "a delete is never undone by an edit");
  });
});
