/**
 * Reading a protocol frame carried as MessagePack (PROTOCOL.md's `msgpack` codec: the same keys and
 * tags as the JSON form), for the notebook widget's binary frames. It returns what `readFrameJson`
 * returns for the same message — objects without a prototype, integers outside the safe range as
 * bigint, floats as JsonFloat, duplicate keys refused — so `decodeMessage` checks either alike.
 *
 * Why: a 10^6-node snapshot read from JSON text inside the comm message's JSON costs the browser a
 * native parse of the comm message and then a strict parse of the frame text, which is the larger
 * part; the bytes skip both the escaping and the text scanning (figures in docs/jupyter.md).
 */

import { JsonFloat } from "./json.js";

const MAX_DEPTH = 10_000;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes one MessagePack frame. Throws SyntaxError saying what is wrong and where. */
export function readFrameMsgpack(bytes: Uint8Array): unknown {
  const r = new Reader(bytes);
  if (bytes.length === 0) throw new SyntaxError("empty frame: no MessagePack value");
  const v = r.value(0, true);
  if (r.at !== bytes.length) throw new SyntaxError(`malformed MessagePack: trailing data after the value at offset ${r.at}`);
  return v;
}

/** The bytes of a comm buffer, whichever view of them the front end hands over. */
export function bufferBytes(b: unknown): Uint8Array | null {
  if (b instanceof Uint8Array) return b;
  if (b instanceof ArrayBuffer) return new Uint8Array(b);
  if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return null;
}

class Reader {
  at = 0;
  private readonly view: DataView;
  constructor(private readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  private fail(why: string): never {
    throw new SyntaxError(`malformed MessagePack at offset ${this.at}: ${why}`);
  }

  private need(n: number): number {
    const start = this.at;
    if (start + n > this.b.length) this.fail("truncated frame");
    this.at = start + n;
    return start;
  }

  value(depth: number, top = false): unknown {
    if (depth > MAX_DEPTH) this.fail("nested too deeply");
    const t = this.b[this.need(1)];
    if (t <= 0x7f) return t;
    if (t >= 0xe0) return t - 0x100;
    if ((t & 0xf0) === 0x80) return this.map(t & 0x0f, depth, top);
    if ((t & 0xf0) === 0x90) return this.array(t & 0x0f, depth);
    if ((t & 0xe0) === 0xa0) return this.str(t & 0x1f);
    const v = this.view;
    switch (t) {
      case 0xc0: return null;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xca: return this.float(v.getFloat32(this.need(4)));
      case 0xcb: return this.float(v.getFloat64(this.need(8)));
      case 0xcc: return v.getUint8(this.need(1));
      case 0xcd: return v.getUint16(this.need(2));
      case 0xce: return v.getUint32(this.need(4));
      case 0xcf: return this.int(v.getBigUint64(this.need(8)));
      case 0xd0: return v.getInt8(this.need(1));
      case 0xd1: return v.getInt16(this.need(2));
      case 0xd2: return v.getInt32(this.need(4));
      case 0xd3: return this.int(v.getBigInt64(this.need(8)));
      case 0xd9: return this.str(v.getUint8(this.need(1)));
      case 0xda: return this.str(v.getUint16(this.need(2)));
      case 0xdb: return this.str(v.getUint32(this.need(4)));
      case 0xdc: return this.array(v.getUint16(this.need(2)), depth);
      case 0xdd: return this.array(v.getUint32(this.need(4)), depth);
      case 0xde: return this.map(v.getUint16(this.need(2)), depth, top);
      case 0xdf: return this.map(v.getUint32(this.need(4)), depth, top);
      default:
        this.at--;
        return this.fail(`type byte 0x${t.toString(16)} is not used by the protocol (binary, extension or reserved)`);
    }
  }

  private int(n: bigint): number | bigint {
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }

  private float(x: number): JsonFloat {
    if (!Number.isFinite(x)) this.fail(`a Float must be finite, got ${x}`);
    // the text is only for error messages; Java's exact float form (floatText) costs more than the read
    return new JsonFloat(x, Number.isInteger(x) && Math.abs(x) < 1e21 ? x.toFixed(1) : String(x));
  }

  private str(n: number): string {
    const start = this.need(n);
    const b = this.b;
    let ascii = n <= 64;
    for (let i = start; ascii && i < start + n; i++) if (b[i] >= 0x80) ascii = false;
    if (ascii) return String.fromCharCode.apply(null, b.subarray(start, start + n) as unknown as number[]);
    try {
      return utf8.decode(b.subarray(start, start + n));
    } catch {
      this.at = start;
      return this.fail("a string is not valid UTF-8");
    }
  }

  private array(n: number, depth: number): unknown[] {
    if (n > this.b.length - this.at) this.fail(`an array of ${n} items cannot fit in the frame`);
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = this.value(depth + 1);
    return out;
  }

  private map(n: number, depth: number, top: boolean): Record<string, unknown> {
    if (n * 2 > this.b.length - this.at) this.fail(`a map of ${n} entries cannot fit in the frame`);
    const out: Record<string, unknown> = Object.create(null);
    for (let i = 0; i < n; i++) {
      const keyAt = this.at;
      const k = this.value(depth + 1);
      if (typeof k !== "string") {
        this.at = keyAt;
        this.fail("a map key must be a string");
      }
      if (Object.prototype.hasOwnProperty.call(out, k)) {
        throw new SyntaxError(top ? `duplicate field '${k}'` : `duplicate key '${k}'`);
      }
      out[k] = this.value(depth + 1);
    }
    return out;
  }
}
