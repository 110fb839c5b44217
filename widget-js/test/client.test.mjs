// The mirror client beyond the vectors: change and reject listeners, the ops a change carries,
// proposal frames from edit, resume revisions, and 64-bit integers through a round trip.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client, FrameError, Ops, V, apply, parseJson, valueText } from "../dist/client.js";

const snap = (id, rev, value, type = "Device") => JSON.stringify({ t: "snapshot", id, type, rev, value });
const patch = (id, rev, ops) => JSON.stringify({ t: "patch", id, patch: { rev, ops } });
const lamp = { Map: { name: { Str: "lamp" }, on: { Bool: false } } };

describe("Client", () => {
  it("firstSnapshotReportsOneRootSet", () => {
    const c = new Client();
    const seen = [];
    c.onChange((ch) => seen.push(ch));
    c.recv(snap(1, 3, lamp));
    assert.equal(seen.length, 1);
    assert.equal(seen[0].kind, "snapshot");
    assert.equal(seen[0].previous, undefined);
    assert.equal(seen[0].type, "Device");
    assert.deepEqual(JSON.parse(JSON.stringify(seen[0].ops)), [{ Set: { path: [], value: lamp } }]);
    assert.deepEqual(c.ids(), [1]);
    assert.equal(c.rev(1), 3);
    assert.equal(c.type(1), "Device");
  });

  it("patchChangeCarriesItsOps", () => {
    const c = new Client();
    c.recv(snap(1, 0, lamp));
    let change = null;
    c.onChange((ch) => (change = ch));
    const ops = [{ Set: { path: [{ Key: "on" }], value: { Bool: true } } }];
    c.recv(patch(1, 1, ops));
    assert.equal(change.kind, "patch");
    assert.equal(change.rev, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(change.ops)), ops);
    assert.equal(valueText(change.previous), valueText(lamp));
    assert.equal(valueText(change.value), '{"Map":{"name":{"Str":"lamp"},"on":{"Bool":true}}}');
  });

  it("resnapshotReportsTheDiffFromTheOldMirror", () => {
    const c = new Client();
    c.recv(snap(1, 0, lamp));
    let change = null;
    c.onChange((ch) => (change = ch));
    c.recv(snap(1, 5, { Map: { name: { Str: "desk" }, on: { Bool: false } } }));
    assert.equal(change.kind, "snapshot");
    assert.deepEqual(JSON.parse(JSON.stringify(change.ops)), [{ Set: { path: [{ Key: "name" }], value: { Str: "desk" } } }]);
  });

  it("ignoredAndFailedFramesRaiseNoChange", () => {
    const c = new Client();
    c.recv(snap(1, 2, lamp));
    let count = 0;
    c.onChange(() => count++);
    assert.equal(c.recv(patch(1, 2, [{ Set: { path: [{ Key: "on" }], value: { Bool: true } } }])), null);
    assert.throws(() => c.recv(patch(1, 3, [{ Remove: { path: [{ Key: "nope" }] } }])), /op 0 \(Remove/);
    assert.equal(c.recv('{"t":"whatever"}'), null);
    assert.throws(() => c.recv(patch(2, 1, [])), (e) => e instanceof FrameError && e.kind === "no-snapshot");
    assert.throws(() => c.recv("{"), (e) => e instanceof FrameError && e.kind === "decode");
    assert.throws(() => c.recv(patch(1, 9, [{ RemoveAt: { path: [], index: 0 } }])), (e) => e instanceof FrameError && e.kind === "apply");
    assert.equal(count, 0);
    assert.equal(c.rev(1), 2);
  });

  it("rejectGoesToRejectListenersOnly", () => {
    const c = new Client();
    c.recv(snap(1, 0, lamp));
    const rejects = [];
    let changes = 0;
    c.onChange(() => changes++);
    const off = c.onReject((r) => rejects.push(r));
    c.recv('{"t":"reject","id":1,"rev":0,"error":"name must not be empty"}');
    off();
    c.recv('{"t":"reject","id":1,"rev":0,"error":"again"}');
    assert.deepEqual(rejects, [{ t: "reject", id: 1, rev: 0, error: "name must not be empty" }]);
    assert.equal(changes, 0);
  });

  it("editReturnsAProposalAtTheCurrentRevAndLeavesTheMirror", () => {
    const c = new Client();
    c.recv(snap(1, 4, lamp));
    const next = apply(c.value(1), [Ops.set([{ Key: "name" }], V.str("desk"))]);
    const frame = c.edit(1, next);
    assert.equal(frame, '{"t":"patch","id":1,"patch":{"rev":4,"ops":[{"Set":{"path":[{"Key":"name"}],"value":{"Str":"desk"}}}]},"proposal":"auto-1"}');
    assert.equal(valueText(c.value(1)), valueText(lamp), "the mirror changes only on the echo");
    assert.deepEqual(c.pendingProposals(), ["auto-1"]);
    assert.throws(() => c.proposeOps(1, [], "auto-9"), /kept for ids the client makes up/);
    c.proposeOps(1, [], "mine");
    assert.throws(() => c.proposeOps(1, [], "mine"), /already pending/);
    assert.equal(c.edit(1, c.value(1)), null, "no proposal when nothing differs");
    assert.throws(() => c.edit(2, lamp), /no snapshot/);
    assert.throws(() => c.edit(1, { Map: { name: { Float: NaN }, on: { Bool: false } } }), /NaN/);
  });

  it("sinceListsTheRevisionsHeld", () => {
    const c = new Client();
    c.recv(snap(2, 3, "Null"));
    c.recv(snap(1, 12, "Null"));
    assert.deepEqual(c.since(), { 1: 12, 2: 3 });
  });

  it("int64ValuesSurviveWithEveryDigit", () => {
    const c = new Client();
    c.recv('{"t":"snapshot","id":1,"type":"Big","rev":0,"value":{"Map":{"n":{"Int":9223372036854775807},"m":{"Int":5}}}}');
    assert.equal(c.value(1).Map.n.Int, 9223372036854775807n);
    assert.equal(c.value(1).Map.m.Int, 5);
    c.recv(patch(1, 1, []).replace('"ops":[]', '"ops":[{"Set":{"path":[{"Key":"m"}],"value":{"Int":-9223372036854775808}}}]'));
    assert.equal(c.value(1).Map.m.Int, -9223372036854775808n);
    const frame = c.edit(1, apply(c.value(1), [Ops.set([{ Key: "n" }], V.int(9007199254740993n))]));
    assert.match(frame, /"value":\{"Int":9007199254740993\}/);
    assert.equal(parseJson(frame).patch.ops[0].Set.value.Int, 9007199254740993n);
  });

  it("aFailedFrameMarksTheMirrorForResyncUntilASnapshot", () => {
    const c = new Client();
    const heard = [];
    c.onResync((r) => heard.push(r));
    c.recv(snap(1, 3, lamp));
    c.recv(snap(2, 7, lamp));
    assert.throws(() => c.recv(patch(1, 4, [{ RemoveAt: { path: [{ Key: "name" }], index: 0 } }])), (e) => e instanceof FrameError && e.kind === "apply");
    assert.deepEqual(heard.map((r) => r.id), [1]);
    assert.deepEqual([...c.needsResync().keys()], [1]);
    assert.deepEqual(c.since(), { 2: 7 }, "a resume asks for a snapshot of model 1");
    c.recv(snap(1, 5, lamp));
    assert.equal(c.needsResync().size, 0);
    assert.deepEqual(c.since(), { 1: 5, 2: 7 });
    assert.throws(() => c.recv("{"), (e) => e instanceof FrameError && e.kind === "decode");
    assert.deepEqual([...c.needsResync().keys()], [1, 2], "an unreadable frame could have been for any model");
  });
});

describe("Client awareness", () => {
  const sid = 2 ** 40;
  it("keepsOtherPeersStatesAndRemovesThemOnNull", () => {
    const c = new Client();
    const heard = [];
    c.onAwareness((a) => heard.push(a));
    assert.equal(c.setAwareness(sid, { field: "name" }), `{"t":"awareness","id":${sid},"state":{"field":"name"}}`);
    assert.equal(c.setAwareness(sid, null), `{"t":"awareness","id":${sid},"state":null}`);
    assert.equal(c.recv(JSON.stringify({ t: "awareness", id: sid, state: { field: "name" }, peer: "peer-2" })), null);
    assert.deepEqual(JSON.parse(JSON.stringify([...c.awareness(sid)])), [["peer-2", { field: "name" }]]);
    assert.equal(heard[0].peer, "peer-2");
    c.recv(JSON.stringify({ t: "awareness", id: sid, state: null, peer: "peer-2" }));
    assert.equal(c.awareness(sid).size, 0);
    assert.equal(heard[1].state, null);
  });

  it("forgetsEveryPeerWhenTheConnectionCloses", () => {
    const c = new Client();
    const heard = [];
    c.onAwareness((a) => heard.push(a));
    c.recv(JSON.stringify({ t: "awareness", id: sid, state: 1, peer: "a" }));
    c.recv(JSON.stringify({ t: "awareness", id: sid + 1, state: [true], peer: "b" }));
    c.forgetPeers();
    assert.equal(c.awareness(sid).size + c.awareness(sid + 1).size, 0);
    assert.deepEqual(heard.slice(2).map((a) => [a.id, a.peer, a.state]), [[sid, "a", null], [sid + 1, "b", null]]);
  });

  it("refusesAMalformedAwarenessFrame", () => {
    const c = new Client();
    assert.throws(() => c.recv(JSON.stringify({ t: "awareness", id: sid })), /state/);
    assert.throws(() => c.recv(JSON.stringify({ t: "awareness", id: sid, state: 1, peer: 5 })), /peer: expected a string/);
  });
});
