// Times what a notebook view does with one large snapshot before its form sees a value, for the two
// ways the kernel can carry it: JSON text inside the comm message's JSON (the browser parses the comm
// message, then the frame text strictly) or MessagePack bytes in the comm message's buffer. The frames
// are the real kernel's, saved by kernel-extension/src/test/python/bench_snapshot.py, which runs this.
// Prints the timings; never fails on a number.
// Usage: npm run build && node scripts/bench-frame-decode.mjs <frame.json> <frame.msgpack> [runs]
import { readFileSync } from "node:fs";
import { Client } from "../dist/client.js";

const [jsonFile, packFile, runsArg] = process.argv.slice(2);
const wire = readFileSync(jsonFile, "utf8");
const bytes = new Uint8Array(readFileSync(packFile));
const runs = Number(runsArg ?? 5);
// The comm message as the page's kernel connection receives it (header and metadata left small).
const outer = JSON.stringify({
  header: { msg_type: "comm_msg" }, parent_header: {}, metadata: {},
  content: { comm_id: "c", data: { method: "custom", content: { wire, view: "v" } } }, buffers: [],
});
const ms = (t) => (performance.now() - t).toFixed(0);
console.log(`frame: JSON ${(wire.length / 1e6).toFixed(1)} MB (comm message ${(outer.length / 1e6).toFixed(1)} MB), MessagePack ${(bytes.length / 1e6).toFixed(1)} MB`);
for (let r = 1; r <= runs; r++) {
  let t = performance.now();
  const msg = JSON.parse(outer);
  const parseOuter = ms(t);
  t = performance.now();
  new Client().recv(msg.content.data.content.wire);
  const readText = ms(t);
  t = performance.now();
  const small = JSON.parse(JSON.stringify({ content: { data: { method: "custom", content: { codec: "msgpack", view: "v" } } } }));
  new Client().recv(bytes);
  const readBytes = ms(t);
  void small;
  console.log(`run ${r}: JSON: comm message parse ${parseOuter} ms + frame read ${readText} ms | MessagePack: frame read ${readBytes} ms`);
}
