// The client side of CRDT models against a fake transport (a FakeSocket and fake timers, as in
// connect.test.mjs; the authoritative side is a real reducer replica playing the server):
// snapshots in JSON and MessagePack, optimistic local edits proposed at the mirror's revision (resent at rev 0), echoes settling the
// outbox, offline edits kept and resent on reconnect, refused operations settled and shown, and
// a spec hash mismatch refused clearly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, FrameError, connect, crdt, valueText } from "../dist/client.js";
import { pack } from "./msgpack-writer.mjs";

const TEXT = crdt.CrdtSpec.of({ kind: "map", fields: { body: { kind: "sequence", materialization: "string" }, title: { kind: "register" } } });
const BODY = [{ kind: "key", key: "body" }];
const initial = () => ({ Map: { body: { Str: "hello" }, title: { Str: "t" } } });

/** The authoritative replica a server would hold, with the frames it would send. */
function server(id = 7, spec = TEXT) {
  const doc = crdt.CrdtDocument.create(spec, initial(), "server");
  let rev = 1;
  return {
    doc,
    snapshot: () => `{"t":"crdt_snapshot","id":${id},"type":"Note","rev":${rev},"value":${valueText(doc.value())},"spec":${spec.json},"state":${doc.stateJson()}}`,
    /** Applies a client's crdt frame and returns the echo the server sends back. */
    receive(frame) {
      const m = JSON.parse(frame);
      assert.equal(m.t, "crdt");
      assert.ok(m.rev <= rev, `a proposal is made at a revision the server has sent (${m.rev} <= ${rev})`);
      const ops = crdt.readOps(m.ops, "ops", "plain");
      if (doc.apply(ops).applied > 0) rev++;
      return `{"t":"crdt","id":${id},"rev":${rev},"ops":${crdt.opsText(ops, "plain")}}`;
    },
  };
}

const text = (client, id = 7) => client.value(id).Map.body.Str;
const type = (index, s) => crdt.insertText(BODY, index, s);

test("a crdt_snapshot makes a CRDT mirror; local edits apply at once and go out at rev 0; the echo settles them", () => {
  const srv = server();
  const client = new Client();
  const changes = [];
  client.onChange((c) => changes.push(c.kind));
  client.recv(srv.snapshot());
  assert.equal(text(client), "hello");
  const frame = client.editCrdt(7, [type(5, " world")]);
  assert.equal(text(client), "hello world", "optimistic");
  assert.equal(client.crdt.pending(7), 1);
  const sent = JSON.parse(frame);
  assert.deepEqual(sent.ops[0].values, [..." world"], "wire values are plain, as the reference's peers send them");
  assert.equal(sent.ops[0].dot.replica, client.crdt.replica);
  client.recv(srv.receive(frame));
  assert.equal(client.crdt.pending(7), 0);
  assert.equal(client.rev(7), 2);
  assert.equal(text(client), "hello world");
  assert.equal(client.crdt.document(7).stateJson(), srv.doc.stateJson(), "client and server hold the same state");
  assert.deepEqual(changes, ["snapshot", "crdt", "crdt"]);
  assert.equal(client.editCrdt(7, [crdt.deleteText(BODY, 0, 0)]), null, "an edit that changes nothing sends nothing");
});

test("remote operations merge with unacknowledged local ones (both kept)", () => {
  const srv = server();
  const a = new Client();
  const b = new Client();
  a.recv(srv.snapshot());
  b.recv(srv.snapshot());
  const fa = a.editCrdt(7, [type(0, "A")]);
  const fb = b.editCrdt(7, [type(5, "B")]);
  const ea = srv.receive(fa);
  const eb = srv.receive(fb);
  for (const c of [a, b]) {
    c.recv(ea);
    c.recv(eb);
  }
  assert.equal(text(a), "AhelloB");
  assert.equal(text(b), text(a));
  assert.equal(a.crdt.document(7).stateJson(), b.crdt.document(7).stateJson());
});

test("the snapshot decodes from MessagePack as from JSON", () => {
  const srv = server();
  srv.doc.mutate([crdt.readMutation({ kind: "register_set", path: [{ kind: "key", key: "title" }], value: { Float: 1.5 } }, "m", "tagged")]);
  const json = new Client();
  json.recv(srv.snapshot());
  const msg = JSON.parse(srv.snapshot());
  const binary = new Client();
  binary.recv(new Uint8Array(pack(msg)));
  assert.equal(valueText(binary.value(7)), valueText(json.value(7)));
  assert.equal(binary.crdt.document(7).stateJson(), json.crdt.document(7).stateJson());
});

test("offline edits are kept, re-applied over the fresh snapshot and resent when the socket opens again", () => {
  const sockets = [];
  const timers = [];
  class FakeSocket {
    constructor(url) {
      Object.assign(this, { url, readyState: 0, sent: [], onopen: null, onmessage: null, onclose: null, onerror: null });
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
  const srv = server();
  const conn = connect("ws://127.0.0.1:9/live", { WebSocket: FakeSocket, setTimeout: (fn) => timers.push(fn), clearTimeout: () => {}, random: () => 1 });
  sockets[0].open();
  sockets[0].deliver(srv.snapshot());
  assert.equal(conn.editCrdt(7, [type(5, "!")]), true);
  srv.receive(sockets[0].sent[0]); // the server took it, but the socket drops before the echo
  sockets[0].drop();
  assert.equal(conn.status, "closed");
  assert.equal(conn.editCrdt(7, [type(0, ">")]), false, "offline: kept, not sent");
  assert.equal(conn.editCrdt(7, [type(7, "?")]), false);
  assert.equal(text(conn.client), ">hello!?");
  assert.equal(conn.client.crdt.pending(7), 3);
  timers.shift()();
  sockets[1].open();
  assert.equal(sockets[1].sent.length, 3, "every unacknowledged batch goes again on open");
  sockets[1].deliver(srv.snapshot()); // the server's state has only the first edit
  assert.equal(text(conn.client), ">hello!?", "the fresh snapshot does not lose the offline edits");
  for (const frame of sockets[1].sent) sockets[1].deliver(srv.receive(frame));
  assert.equal(conn.client.crdt.pending(7), 0);
  assert.equal(valueText(srv.doc.value()), valueText(conn.client.value(7)));
  assert.equal(srv.doc.stateJson(), conn.client.crdt.document(7).stateJson());
  conn.close();
});

test("a reject with crdt_ops settles the refused dots and remembers why; the server's snapshot then restores its value", () => {
  const srv = server();
  const client = new Client();
  client.recv(srv.snapshot());
  const frame = JSON.parse(client.editCrdt(7, [type(0, "x")]));
  const rejects = [];
  client.onReject((r) => rejects.push(r.error));
  client.recv(JSON.stringify({ t: "reject", id: 7, rev: 1, error: "read-only subscription", crdt_ops: frame.ops }));
  assert.equal(client.crdt.pending(7), 0);
  assert.deepEqual(client.crdt.refused(7).map((r) => [r.error, r.ops.length]), [["read-only subscription", 1]]);
  assert.deepEqual(rejects, ["read-only subscription"]);
  client.recv(srv.snapshot());
  assert.equal(text(client), "hello");
});

test("a snapshot with another spec than expected, or a state for another spec, is refused and changes nothing", () => {
  const srv = server();
  const client = new Client();
  const other = crdt.CrdtSpec.of({ kind: "map", fields: { body: { kind: "sequence", materialization: "list" } } });
  client.crdt.expect(7, other);
  assert.throws(() => client.recv(srv.snapshot()), (e) => e instanceof FrameError && e.kind === "spec" && /incompatible CRDT spec: local hash sha256:[0-9a-f]{64}, peer hash sha256:/.test(e.message));
  assert.equal(client.value(7), undefined);
  const second = new Client();
  const bad = srv.snapshot().replace(`"spec":${TEXT.json}`, `"spec":${other.json}`);
  assert.throws(() => second.recv(bad), /CRDT snapshot for model 7 refused: incompatible CRDT state: spec hash/);
  assert.equal(second.needsResync().size, 0, "a spec mismatch is not fixed by a resync, so none is asked for");
});

test("crdt operations before a snapshot need a resync; for a plain model they are ignored; a plain snapshot drops the CRDT mirror", () => {
  const client = new Client();
  assert.throws(() => client.recv('{"t":"crdt","id":3,"rev":1,"ops":[]}'), (e) => e.kind === "no-snapshot");
  client.recv('{"t":"snapshot","id":4,"type":"Doc","rev":0,"value":{"Str":""}}');
  assert.equal(client.recv('{"t":"crdt","id":4,"rev":0,"ops":[]}'), null);
  const srv = server();
  client.recv(srv.snapshot());
  client.editCrdt(7, [type(0, "p")]);
  client.recv('{"t":"snapshot","id":7,"type":"Doc","rev":3,"value":{"Str":"plain"}}');
  assert.equal(client.crdt.pending(7), 0);
  assert.throws(() => client.editCrdt(7, [type(0, "q")]), /not CRDT-backed/);
  assert.throws(() => client.recv('{"t":"crdt","id":7,"rev":1,"ops":[{"kind":"nope"}]}'), /ops\[0\]\.kind: unknown operation kind/);
});

test("a reject naming a malformed operation still settles the dots it can read", () => {
  const srv = server();
  const client = new Client();
  client.recv(srv.snapshot());
  const frame = JSON.parse(client.editCrdt(7, [type(0, "x")]));
  const broken = { ...frame.ops[0], kind: "unknown" }; // what the reference hub echoes for an op it could not read
  client.recv(JSON.stringify({ t: "reject", id: 7, rev: 1, error: "unknown variant", crdt_ops: [broken, { nothing: 1 }] }));
  assert.equal(client.crdt.pending(7), 0);
  assert.equal(client.crdt.refused(7)[0].error, "unknown variant");
});

test("a local edit goes out at the revision the mirror holds; the outbox resent after a reconnect at rev 0", () => {
  const srv = server();
  const client = new Client();
  client.recv(srv.snapshot());
  const first = client.editCrdt(7, [type(0, "a")]);
  assert.equal(JSON.parse(first).rev, 1, "made on the rev-1 snapshot");
  client.recv(srv.receive(first));
  assert.equal(client.rev(7), 2);
  const second = client.editCrdt(7, [type(0, "b")]);
  assert.equal(JSON.parse(second).rev, 2, "made after the rev-2 echo");
  assert.deepEqual(client.crdt.frames().map((f) => JSON.parse(f).rev), [0], "the unechoed batch resent at rev 0: it was made earlier");
});
