// Browser connections with fake WebSocket/EventSource classes and fake timers: frames reach
// the client, proposals go out, a dropped socket reconnects with backoff and resumes with the
// `since` query parameter.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { V, apply, Ops, connect, connectSSE, withSince } from "../dist/client.js";

function fakes() {
  const sockets = [];
  const timers = [];
  class FakeSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      this.onopen = this.onmessage = this.onclose = this.onerror = null;
      sockets.push(this);
    }
    send(data) {
      this.sent.push(data);
    }
    close() {
      this.readyState = 3;
    }
    open() {
      this.readyState = 1;
      this.onopen?.({});
    }
    deliver(data) {
      this.onmessage?.({ data });
    }
    drop() {
      this.readyState = 3;
      this.onclose?.({});
    }
  }
  const opts = {
    WebSocket: FakeSocket,
    setTimeout: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    clearTimeout: () => {},
    random: () => 1,
  };
  return { sockets, timers, opts };
}

const snapshot = JSON.stringify({ t: "snapshot", id: 1, type: "Device", rev: 12, value: { Map: { on: { Bool: false } } } });
const other = JSON.stringify({ t: "snapshot", id: 2, type: "Device", rev: 5, value: { Map: { on: { Bool: true } } } });

describe("connect (WebSocket)", () => {
  it("withSinceAddsOrReplacesTheQueryParameter", () => {
    assert.equal(withSince("ws://127.0.0.1:1/s", {}), "ws://127.0.0.1:1/s");
    assert.equal(withSince("ws://h/s?codec=json", { 1: 12 }), "ws://h/s?codec=json&since=%7B%221%22%3A12%7D");
    assert.equal(withSince("ws://h/s?since=old&x=1", { 2: 3 }), "ws://h/s?x=1&since=%7B%222%22%3A3%7D");
  });

  it("mirrorsFramesAndSendsProposals", () => {
    const { sockets, opts } = fakes();
    const conn = connect("ws://127.0.0.1:9/live", opts);
    const changes = [];
    conn.onChange((c) => changes.push(c));
    assert.equal(conn.propose(1, "Null"), false, "nothing is sent before the socket opens");
    sockets[0].open();
    sockets[0].deliver(snapshot);
    assert.equal(changes.length, 1);
    const next = apply(conn.client.value(1), [Ops.set([{ Key: "on" }], V.bool(true))]);
    assert.equal(conn.propose(1, next), true);
    assert.equal(sockets[0].sent[0], '{"t":"patch","id":1,"patch":{"rev":12,"ops":[{"Set":{"path":[{"Key":"on"}],"value":{"Bool":true}}}]},"proposal":"auto-1"}');
    conn.close();
  });

  it("proposalsSettleOnTheirEchoAckOrRejectAndAreAbandonedWhenTheSocketDrops", async () => {
    const { sockets, timers, opts } = fakes();
    const conn = connect("ws://127.0.0.1:9/live", opts);
    sockets[0].open();
    sockets[0].deliver(snapshot);
    const on = apply(conn.client.value(1), [Ops.set([{ Key: "on" }], V.bool(true))]);
    const echoed = conn.submit(1, on);
    const acked = conn.submitOps(1, [Ops.set([{ Key: "on" }], V.bool(false))]);
    const refused = conn.submitOps(1, [Ops.set([{ Key: "on" }], V.str("yes"))]);
    const lost = conn.submitOps(1, []);
    assert.deepEqual([echoed.id, acked.id, refused.id, lost.id], ["auto-1", "auto-2", "auto-3", "auto-4"]);
    assert.equal(sockets[0].sent.length, 4);
    assert.ok(sockets[0].sent[3].endsWith(',"proposal":"auto-4"}'));
    sockets[0].deliver(JSON.stringify({ t: "patch", id: 1, patch: { rev: 13, ops: [{ Set: { path: [{ Key: "on" }], value: { Bool: true } } }] }, proposal: "auto-1" }));
    sockets[0].deliver(JSON.stringify({ t: "ack", id: 1, rev: 13, proposal: "auto-2" }));
    sockets[0].deliver(JSON.stringify({ t: "snapshot", id: 1, type: "Device", rev: 13, value: { Map: { on: { Bool: true } } } }));
    sockets[0].deliver(JSON.stringify({ t: "reject", id: 1, rev: 13, error: "on: expected a boolean", proposal: "auto-3" }));
    sockets[0].deliver(JSON.stringify({ t: "ack", id: 1, rev: 13, proposal: "not-mine" }));
    assert.equal(await echoed.accepted, 13);
    assert.equal(await acked.accepted, 13);
    await assert.rejects(refused.accepted, (e) => e.name === "ProposalRejected" && e.reject.error === "on: expected a boolean");
    assert.deepEqual(conn.client.pendingProposals(), ["auto-4"]);
    sockets[0].drop();
    await assert.rejects(lost.accepted, (e) => e.name === "ProposalAbandoned" && /connection closed/.test(e.message));
    assert.deepEqual(conn.client.pendingProposals(), []);
    assert.equal(conn.client.rev(1), 13, "acks and rejects never move the mirror");
    // while down, a proposal cannot go out: it is abandoned at once, and propose says false
    assert.equal(conn.propose(1, apply(on, [Ops.set([{ Key: "on" }], V.bool(false))])), false);
    const offline = conn.submitOps(1, []);
    await assert.rejects(offline.accepted, /not connected/);
    timers.at(-1).fn();
    sockets[1].open();
    assert.equal(conn.send('{"t":"hello"}'), true, "raw frames go out as they are");
    assert.equal(sockets[1].sent[0], '{"t":"hello"}');
    conn.close();
  });

  it("reconnectsWithBackoffAndResumesFromTheRevisionsHeld", () => {
    const { sockets, timers, opts } = fakes();
    const conn = connect("ws://127.0.0.1:9/live?codec=json", { ...opts, minDelay: 100, maxDelay: 1000 });
    const statuses = [];
    conn.onStatus((s) => statuses.push(s));
    sockets[0].open();
    sockets[0].deliver(snapshot);
    sockets[0].drop();
    assert.equal(timers.length, 1);
    assert.equal(timers[0].ms, 100);
    timers[0].fn();
    assert.equal(sockets[1].url, "ws://127.0.0.1:9/live?codec=json&since=%7B%221%22%3A12%7D");
    sockets[1].drop(); // failed attempt: the delay doubles
    assert.equal(timers[1].ms, 200);
    timers[1].fn();
    sockets[2].drop();
    assert.equal(timers[2].ms, 400);
    timers[2].fn();
    sockets[3].open(); // success resets the backoff
    sockets[3].drop();
    assert.equal(timers[3].ms, 100);
    assert.deepEqual(statuses.slice(0, 3), ["open", "closed", "connecting"]);
    conn.close();
    assert.equal(conn.status, "closed");
  });

  it("aFrameThatFailsIsReportedAndReopensForAFreshSnapshotOfThatModel", () => {
    const { sockets, timers, opts } = fakes();
    const conn = connect("ws://127.0.0.1:9/live", { ...opts, minDelay: 100 });
    const errors = [];
    const resyncs = [];
    conn.onError((e) => errors.push(e.message));
    conn.onResync((r) => resyncs.push(r));
    sockets[0].open();
    sockets[0].deliver(snapshot);
    sockets[0].deliver(other);
    // the host's list had an element the mirror lacks: this op cannot apply here
    sockets[0].deliver('{"t":"patch","id":1,"patch":{"rev":13,"ops":[{"RemoveAt":{"path":[{"Key":"on"}],"index":0}}]}}');
    assert.match(errors[0], /refused/);
    assert.deepEqual(resyncs.map((r) => r.id), [1]);
    assert.match(resyncs[0].reason, /mirror at rev 12/);
    assert.equal(conn.resyncs, 1);
    assert.equal(conn.status, "closed", "the connection is dropped to resync");
    assert.equal(conn.client.rev(1), 12, "the failed patch changed nothing");
    timers[0].fn();
    assert.equal(sockets[1].url, "ws://127.0.0.1:9/live?since=%7B%222%22%3A5%7D", "model 1 is left out of since: the server sends its snapshot");
    sockets[1].open();
    sockets[1].deliver(snapshot.replace('"rev":12', '"rev":13'));
    assert.equal(conn.client.rev(1), 13);
    assert.equal(conn.client.needsResync().size, 0);
    assert.deepEqual(conn.client.since(), { 1: 13, 2: 5 });
    conn.close();
  });

  it("aPatchBeforeItsSnapshotResyncsToo", () => {
    const { sockets, timers, opts } = fakes();
    const conn = connect("ws://127.0.0.1:9/live", opts);
    const errors = [];
    conn.onError((e) => errors.push(e.message));
    sockets[0].open();
    sockets[0].deliver('{"t":"patch","id":1,"patch":{"rev":1,"ops":[]}}');
    assert.match(errors[0], /before its snapshot/);
    assert.equal(conn.resyncs, 1);
    timers[0].fn();
    sockets[1].open();
    sockets[1].deliver(snapshot);
    assert.equal(conn.client.rev(1), 12);
    conn.close();
  });
});

describe("connectSSE", () => {
  it("mirrorsEventsAndReconnectsWithSince", () => {
    const sources = [];
    class FakeES {
      constructor(url) {
        this.url = url;
        this.closed = false;
        sources.push(this);
      }
      close() {
        this.closed = true;
      }
    }
    const timers = [];
    const conn = connectSSE("http://127.0.0.1:9/events", {
      EventSource: FakeES,
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      random: () => 1,
    });
    sources[0].onopen({});
    sources[0].onmessage({ data: snapshot });
    assert.equal(conn.client.rev(1), 12);
    assert.equal(conn.propose(1, "Null"), false, "SSE without proposeUrl cannot propose");
    sources[0].onerror({});
    assert.equal(sources[0].closed, true);
    timers[0].fn();
    assert.equal(sources[1].url, "http://127.0.0.1:9/events?since=%7B%221%22%3A12%7D");
    conn.close();
  });

  it("aFrameThatFailsReopensTheStreamWithoutSinceForThatModel", () => {
    const sources = [];
    class FakeES {
      constructor(url) {
        this.url = url;
        this.closed = false;
        sources.push(this);
      }
      close() {
        this.closed = true;
      }
    }
    const timers = [];
    const conn = connectSSE("http://127.0.0.1:9/events", {
      EventSource: FakeES,
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      random: () => 1,
    });
    conn.onError(() => {});
    sources[0].onopen({});
    sources[0].onmessage({ data: snapshot });
    sources[0].onmessage({ data: '{"t":"patch","id":1,"patch":{"rev":13,"ops":[{"Remove":{"path":[{"Key":"gone"}]}}]}}' });
    assert.equal(sources[0].closed, true);
    assert.equal(conn.resyncs, 1);
    timers[0].fn();
    assert.equal(sources[1].url, "http://127.0.0.1:9/events");
    conn.close();
  });
});
