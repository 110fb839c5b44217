// The models the scale benchmark draws, and a small MessagePack writer for their snapshot frames
// (the widget itself never writes MessagePack; the Java kernel does). Shared by bench-scale.mjs,
// which bundles this file into its page, and by anyone timing the decoder in node.

/** A list of `records` records of four scalar fields under "items": 5 nodes per record, plus 3. */
export function recordList(records) {
  const items = new Array(records);
  for (let i = 0; i < records; i++) items[i] = { Map: { id: { Int: i }, label: { Str: "item " + i }, on: { Bool: i % 2 === 0 }, size: { Float: i + 0.5 } } };
  return { Map: { title: { Str: "big" }, items: { List: items } } };
}

/** Nested records `depth` deep with `fan` fields each, Int and Str leaves: about fan^depth leaves. */
export function deepTree(depth, fan, at = 0) {
  if (depth === 0) return at % 2 ? { Int: at } : { Str: "leaf " + at };
  const m = {};
  for (let i = 0; i < fan; i++) m["f" + i] = deepTree(depth - 1, fan, at * fan + i);
  return { Map: m };
}

/** Nodes of a value (every Map, List and scalar counts one). */
export function countNodes(v) {
  if (typeof v !== "object") return 1;
  if (v.Map) { let n = 1; for (const k in v.Map) n += countNodes(v.Map[k]); return n; }
  if (v.List) { let n = 1; for (const x of v.List) n += countNodes(x); return n; }
  return 1;
}

/** MessagePack bytes of a JSON-like value, as the Java encoder writes them (integers in their smallest form, Float bodies as float64). */
export function packFrame(frame) {
  let buf = new Uint8Array(1 << 20);
  let at = 0;
  const enc = new TextEncoder();
  const room = (n) => {
    if (at + n <= buf.length) return;
    let size = buf.length * 2;
    while (size < at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(buf.subarray(0, at));
    buf = next;
  };
  const view = () => new DataView(buf.buffer);
  const head = (small, mask, b16, b32, n) => {
    room(5);
    if (n < small) buf[at++] = mask | n;
    else if (n < 0x10000) { buf[at++] = b16; view().setUint16(at, n); at += 2; }
    else { buf[at++] = b32; view().setUint32(at, n); at += 4; }
  };
  const str = (s) => {
    const b = enc.encode(s);
    room(5 + b.length);
    if (b.length < 32) buf[at++] = 0xa0 | b.length;
    else if (b.length < 256) { buf[at++] = 0xd9; buf[at++] = b.length; }
    else { buf[at++] = 0xda; view().setUint16(at, b.length); at += 2; }
    buf.set(b, at);
    at += b.length;
  };
  const write = (v, key) => {
    if (v === null) { room(1); buf[at++] = 0xc0; return; }
    if (v === true || v === false) { room(1); buf[at++] = v ? 0xc3 : 0xc2; return; }
    if (typeof v === "string") return str(v);
    if (typeof v === "number") {
      room(9);
      if (key === "Float") { buf[at++] = 0xcb; view().setFloat64(at, v); at += 8; }
      // the smallest form, as msgpack-java's packLong writes it
      else if (v >= 0 && v < 128) buf[at++] = v;
      else if (v < 0 && v >= -32) buf[at++] = v & 0xff;
      else if (v >= 0 && v < 0x100) { buf[at++] = 0xcc; buf[at++] = v; }
      else if (v >= 0 && v < 0x10000) { buf[at++] = 0xcd; view().setUint16(at, v); at += 2; }
      else if (v >= 0 && v < 0x100000000) { buf[at++] = 0xce; view().setUint32(at, v); at += 4; }
      else if (v >= -0x80000000 && v < 0) { buf[at++] = 0xd2; view().setInt32(at, v); at += 4; }
      else { buf[at++] = 0xd3; view().setBigInt64(at, BigInt(v)); at += 8; }
      return;
    }
    if (Array.isArray(v)) { head(16, 0x90, 0xdc, 0xdd, v.length); for (const x of v) write(x); return; }
    const keys = Object.keys(v);
    head(16, 0x80, 0xde, 0xdf, keys.length);
    for (const k of keys) { str(k); write(v[k], k); }
  };
  write(frame);
  return buf.slice(0, at);
}
