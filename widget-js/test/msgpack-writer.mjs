// A MessagePack writer for the tests only (the widget never writes MessagePack: proposals go as
// JSON text). `bigints` names keys whose value is written as a 64-bit integer, `floats` keys whose
// number is written as a float64, as the Java encoder writes Int and Float bodies.
export function pack(value, { bigints = {}, floats = [] } = {}) {
  const out = [];
  const u8 = (...b) => out.push(...b);
  const be = (n, bytes) => { for (let i = bytes - 1; i >= 0; i--) out.push(Number((BigInt(n) >> BigInt(8 * i)) & 0xffn)); };
  const str = (s) => {
    const b = new TextEncoder().encode(s);
    if (b.length < 32) u8(0xa0 | b.length); else { u8(0xd9); be(b.length, 1); }
    out.push(...b);
  };
  const write = (v, key) => {
    if (typeof v === "number" && key in bigints) { u8(0xd3); be(BigInt.asUintN(64, bigints[key]), 8); return; }
    if (v === null) return u8(0xc0);
    if (v === true) return u8(0xc3);
    if (v === false) return u8(0xc2);
    if (typeof v === "string") return str(v);
    if (typeof v === "number" && (floats.includes(key) || !Number.isInteger(v))) {
      const dv = new DataView(new ArrayBuffer(8));
      dv.setFloat64(0, v);
      u8(0xcb, ...new Uint8Array(dv.buffer));
      return;
    }
    if (typeof v === "number") {
      if (v >= 0 && v < 128) return u8(v);
      if (v < 0 && v >= -32) return u8(v & 0xff);
      u8(0xd3); be(BigInt.asUintN(64, BigInt(v)), 8); return;
    }
    if (Array.isArray(v)) { u8(0xdc); be(v.length, 2); v.forEach((x) => write(x, "")); return; }
    const keys = Object.keys(v);
    u8(0xde); be(keys.length, 2);
    for (const k of keys) { str(k); write(v[k], k === "Int" || k === "Float" ? key : k); }
  };
  write(value, "");
  return new Uint8Array(out);
}
