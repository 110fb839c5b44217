// The notebook view's comm channel and the MessagePack frame reader: which custom messages a view
// applies (its own, broadcasts in the codec its snapshots came in), and that a MessagePack frame reads
// to exactly what the same frame's JSON text reads to, with the same refusals.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildSync } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pack } from "./msgpack-writer.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const code = buildSync({
  stdin: {
    contents: `export { ViewChannel } from "./src/channel.ts"; export { readFrameMsgpack } from "./src/msgpack.ts";
               export { readFrameJson } from "./src/json.ts"; export { Client } from "./src/client.ts";`,
    resolveDir: root, loader: "ts",
  },
  bundle: true, format: "esm", write: false, platform: "node",
}).outputFiles[0].text;
const { ViewChannel, readFrameMsgpack, readFrameJson, Client } = await import("data:text/javascript;base64," + Buffer.from(code).toString("base64"));

const SNAP = '{"t":"snapshot","id":1,"type":"Lamp","rev":3,"value":{"Map":{"big":{"Int":9007199254740993},"level":{"Float":0.5},"name":{"Str":"l\u00e4mp \ud83d\udca1"},"on":{"Bool":true},"tags":{"List":[{"Int":-7},"Null"]}}}}';

function sentBy() {
  const sent = [];
  return { sent, model: { send: (c) => sent.push(c) } };
}

describe("MessagePack frames", () => {
  it("read to what the JSON text reads to", () => {
    const fromJson = readFrameJson(SNAP);
    const fromPack = readFrameMsgpack(pack(JSON.parse(SNAP, (k, v) => v), { bigints: { big: 9007199254740993n }, floats: ["level"] }));
    assert.deepEqual(fromPack, fromJson);
  });
  it("apply in a client like the JSON frame", () => {
    const a = new Client();
    const b = new Client();
    a.recv(SNAP);
    b.recv(pack(JSON.parse(SNAP), { bigints: { big: 9007199254740993n }, floats: ["level"] }));
    assert.deepEqual(b.value(1), a.value(1));
    assert.equal(b.rev(1), 3);
  });
  it("refuse bad input with the offset and the reason", () => {
    assert.throws(() => readFrameMsgpack(new Uint8Array([])), /empty frame/);
    assert.throws(() => readFrameMsgpack(new Uint8Array([0x81, 0xa1, 0x74])), /truncated/);
    assert.throws(() => readFrameMsgpack(new Uint8Array([0x81, 0x01, 0x02])), /map key must be a string/);
    assert.throws(() => readFrameMsgpack(new Uint8Array([0x82, 0xa1, 0x74, 0x01, 0xa1, 0x74, 0x02])), /duplicate field 't'/);
    assert.throws(() => readFrameMsgpack(new Uint8Array([0xc4, 0x01, 0x00])), /not used by the protocol/);
    assert.throws(() => readFrameMsgpack(new Uint8Array([0x01, 0x02])), /trailing data/);
    assert.throws(() => readFrameMsgpack(new Uint8Array([0xa2, 0xc3, 0x28])), /not valid UTF-8/);
    assert.throws(() => readFrameMsgpack(new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff])), /cannot fit/);
  });
});

describe("ViewChannel", () => {
  it("asks for MessagePack when it says ready, and sends proposals as text", () => {
    const { sent, model } = sentBy();
    const ch = new ViewChannel(model, "v1");
    ch.ready();
    ch.send("{}");
    assert.deepEqual(sent, [{ ready: true, view: "v1", codec: "msgpack" }, { wire: "{}", view: "v1" }]);
  });
  it("takes its own frames and broadcasts in the codec its snapshot came in", () => {
    const ch = new ViewChannel(sentBy().model, "v1");
    const bytes = new Uint8Array([0x80]);
    assert.equal(ch.frameOf({ wire: "{}", view: "other" }), null);
    assert.equal(ch.frameOf({ schema: {}, view: "v1" }), null);
    // before any snapshot both copies of a broadcast are taken (a mirror skips the second by revision)
    assert.deepEqual(ch.frameOf({ wire: "p" }), { frame: "p", broadcast: true });
    assert.equal(ch.frameOf({ codec: "msgpack" }, [bytes.buffer]).frame.length, 1);
    // a binary snapshot: from now on the JSON copy of a broadcast is someone else's
    const snap = ch.frameOf({ codec: "msgpack", view: "v1" }, [new DataView(bytes.buffer)]);
    assert.equal(snap.broadcast, false);
    assert.ok(snap.frame instanceof Uint8Array);
    assert.equal(ch.frameOf({ wire: "p" }), null);
    assert.notEqual(ch.frameOf({ codec: "msgpack" }, [bytes]), null);
    assert.deepEqual(ch.frameOf({ wire: '{"t":"reject"}', view: "v1" }), { frame: '{"t":"reject"}', broadcast: false });
    assert.equal(ch.frameOf({ codec: "msgpack" }, []), null);
  });
  it("with a kernel that answers in JSON, ignores binary broadcasts", () => {
    const ch = new ViewChannel(sentBy().model, "v1");
    ch.ready();
    assert.deepEqual(ch.frameOf({ wire: SNAP, view: "v1" }), { frame: SNAP, broadcast: false });
    assert.equal(ch.frameOf({ codec: "msgpack" }, [new Uint8Array([0x80])]), null);
    assert.deepEqual(ch.frameOf({ wire: "p" }), { frame: "p", broadcast: true });
  });
});
