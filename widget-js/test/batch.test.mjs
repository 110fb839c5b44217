// Batch frames ({"t":"batch","msgs":[...]}, docs/protocol.md "Batch frames") in the TypeScript client,
// and the connection options that ask for them and fail over between several URLs (fake sockets
// and timers, as in connect.test.mjs; the real-socket failover test is the Java FailoverTest).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client, connect, decodeFrame, encodeMessage, withBatch } from "../dist/client.js";

const snap = (id, rev, on) => ({ t: "snapshot", id, type: "Device", rev, value: { Map: { on: { Bool: on } } } });
const patch = (id, rev, on) => ({ t: "patch", id, patch: { rev, ops: [{ Set: { path: [{ Key: "on" }], value: { Bool: on } } }] } });

describe("batch frames", () => {
  it("appliesEveryMessageInOrderAndTellsEachChange", () => {
    const c = new Client();
    const seen = [];
    c.onChange((ch) => seen.push(`${ch.id}@${ch.rev}`));
    const last = c.recv(JSON.stringify({ t: "batch", msgs: [snap(1, 3, false), patch(1, 4, true), snap(2, 1, true), { t: "future", x: 1 }] }));
    assert.deepEqual(seen, ["1@3", "1@4", "2@1"]);
    assert.equal(last.id, 2);
    assert.equal(JSON.stringify(c.value(1)), JSON.stringify({ Map: { on: { Bool: true } } }));
  });

  it("aFailingMessageChangesNothingTheRestStillApplyAndTheFirstFailureIsThrown", () => {
    const c = new Client();
    c.recv(JSON.stringify(snap(1, 3, false)));
    const bad = { t: "patch", id: 1, patch: { rev: 4, ops: [{ Remove: { path: [{ Key: "nope" }] } }] } };
    assert.throws(() => c.recv(JSON.stringify({ t: "batch", msgs: [bad, snap(2, 1, true)] })), /refused/);
    assert.equal(c.rev(1), 3);
    assert.equal(c.rev(2), 1, "the message after the failing one applied");
    assert.ok(c.needsResync().has(1));
  });

  it("aBatchInsideABatchIsAMalformedFrameThatChangesNothing", () => {
    const c = new Client();
    c.recv(JSON.stringify(snap(1, 3, false)));
    const nested = { t: "batch", msgs: [patch(1, 4, true), { t: "batch", msgs: [] }] };
    assert.throws(() => c.recv(JSON.stringify(nested)), /msgs\[1\]: a batch may not hold a batch/);
    assert.equal(c.rev(1), 3, "not even the first message applied: the frame did not decode");
  });

  it("encodesAndDecodesTheWireForm", () => {
    const text = '{"t":"batch","msgs":[{"t":"patch","id":1,"patch":{"rev":2,"ops":[]}},{"t":"ack","id":1,"rev":2,"proposal":"p"}]}';
    assert.equal(encodeMessage(decodeFrame(text)), text);
    assert.throws(() => decodeFrame('{"t":"batch"}'), /msgs/);
    assert.throws(() => decodeFrame('{"t":"batch","msgs":{}}'), /msgs: expected a list/);
  });
});

describe("connect options", () => {
  function fakes() {
    const sockets = [];
    const timers = [];
    class FakeSocket {
      constructor(url) {
        this.url = url;
        this.readyState = 0;
        this.onopen = this.onmessage = this.onclose = this.onerror = null;
        sockets.push(this);
      }
      send() {}
      close() { this.readyState = 3; }
      open() { this.readyState = 1; this.onopen?.({}); }
      deliver(data) { this.onmessage?.({ data }); }
      drop() { this.readyState = 3; this.onclose?.({}); }
    }
    return { sockets, timers, opts: { WebSocket: FakeSocket, setTimeout: (fn, ms) => timers.push({ fn, ms }), clearTimeout: () => {}, random: () => 1 } };
  }

  it("withBatchAddsOrReplacesTheQueryParameter", () => {
    assert.equal(withBatch("ws://h/s", true), "ws://h/s?batch=1");
    assert.equal(withBatch("ws://h/s?batch=0&codec=json", true), "ws://h/s?codec=json&batch=1");
    assert.equal(withBatch("ws://h/s?batch=1", false), "ws://h/s");
  });

  it("asksForBatchesAndFailsOverToTheNextUrlResumingWithSince", () => {
    const { sockets, timers, opts } = fakes();
    const conn = connect(["ws://127.0.0.1:1/a", "ws://127.0.0.1:2/b"], { ...opts, batch: true });
    assert.equal(sockets[0].url, "ws://127.0.0.1:1/a?batch=1");
    sockets[0].open();
    sockets[0].deliver(JSON.stringify({ t: "batch", msgs: [snap(1, 7, false), patch(1, 8, true)] }));
    sockets[0].drop();
    timers.shift().fn();
    assert.equal(sockets[1].url, "ws://127.0.0.1:2/b?batch=1&since=%7B%221%22%3A8%7D");
    sockets[1].drop(); // never opened: the next attempt goes back to the first
    timers.shift().fn();
    assert.ok(sockets[2].url.startsWith("ws://127.0.0.1:1/a?batch=1&since="));
    conn.close();
  });
});
