/**
 * Reading a protocol frame carried as MessagePack (PROTOCOL.md's `msgpack` codec: the same keys and
 * tags as the JSON form), for the notebook widget's binary frames. It returns what `readFrameJson`
 * returns for the same message — objects without a prototype, integers outside the safe range as
 * bigint, floats as JsonFloat, duplicate keys refused — so `decodeMessage` checks either alike
 * (the client asks for a snapshot's value read straight into a Value: see readFrameMsgpack).
 *
 * Why: a 10^6-node snapshot read from JSON text inside the comm message's JSON costs the browser a
 * native parse of the comm message and then a strict parse of the frame text, which is the larger
 * part; the bytes skip both the escaping and the text scanning (figures in docs/jupyter.md). Short
 * strings come from a cache and a snapshot's value is built once, not read and then copied: a
 * 10^6-node frame took 4x less CPU that way (docs/widget-scale.md).
 */

import { JsonFloat } from "./json.js";
import type { Value } from "./value.js";
import { checkedValues, emptyEntries, toValue } from "./value.js";

const MAX_DEPTH = 10_000;
const utf8 = new TextDecoder("utf-8", { fatal: true });
/** Strings up to this many bytes are looked up in the cache of short strings. */
const SHORT = 16;
const CACHE_SIZE = 4096;
const shortCache: (string | undefined)[] = new Array(CACHE_SIZE);

/**
 * Decodes one MessagePack frame. Throws SyntaxError saying what is wrong and where. With
 * `values`, a snapshot's `value` comes back already read as a Value (checked as toValue checks it,
 * and recognised by toValue, which then does not copy it): that is what the client asks for, since
 * building a million-node value once instead of twice is most of the time of a large snapshot.
 */
export function readFrameMsgpack(bytes: Uint8Array, { values = false }: { values?: boolean } = {}): unknown {
  const r = new Reader(bytes, values);
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
  constructor(
    private readonly b: Uint8Array,
    private readonly values = false,
  ) {
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

  /**
   * Reads a Value (a snapshot's `value`) directly: the common forms are built here, anything else
   * (a bigint, a bad tag, a wrong body) goes through toValue, so its checks and words are the same.
   * `trail` is the place, written out only for an error.
   */
  private val(depth: number, trail: (string | number)[]): Value {
    if (depth > MAX_DEPTH) this.fail("nested too deeply");
    const b = this.b;
    const t = this.at < b.length ? b[this.at] : -1;
    let n: number;
    if ((t & 0xf0) === 0x80) {
      n = t & 0x0f;
      this.at++;
    } else if (t === 0xde) {
      this.at++;
      n = this.view.getUint16(this.need(2));
    } else if (t === 0xdf) {
      this.at++;
      n = this.view.getUint32(this.need(4));
    } else {
      const raw = this.value(depth);
      return raw === "Null" ? "Null" : this.slow(raw, trail);
    }
    if (n !== 1) return this.slow(this.mapBody(n, depth), trail);
    const keyAt = this.at;
    const tag = this.value(depth + 1);
    const bt = this.at < b.length ? b[this.at] : -1;
    switch (tag) {
      case "Map": {
        let m = -1;
        if ((bt & 0xf0) === 0x80) m = bt & 0x0f;
        else if (bt === 0xde) m = this.view.getUint16(this.at + 1);
        else if (bt === 0xdf) m = this.view.getUint32(this.at + 1);
        if (m < 0) break;
        this.at += bt === 0xde ? 3 : bt === 0xdf ? 5 : 1;
        if (m * 2 > b.length - this.at) this.fail(`a map of ${m} entries cannot fit in the frame`);
        const out = emptyEntries();
        for (let i = 0; i < m; i++) {
          const at = this.at;
          const k = this.value(depth + 2);
          if (typeof k !== "string") {
            this.at = at;
            this.fail("a map key must be a string");
          }
          if (k in out) throw new SyntaxError(`duplicate key '${k}'`);
          trail.push(k);
          out[k] = this.val(depth + 2, trail);
          trail.pop();
        }
        // keys are checked for lone surrogates by toValue; UTF-8 read strictly cannot hold one
        return { Map: out };
      }
      case "List": {
        let m = -1;
        if ((bt & 0xf0) === 0x90) m = bt & 0x0f;
        else if (bt === 0xdc) m = this.view.getUint16(this.at + 1);
        else if (bt === 0xdd) m = this.view.getUint32(this.at + 1);
        if (m < 0) break;
        this.at += bt === 0xdc ? 3 : bt === 0xdd ? 5 : 1;
        if (m > b.length - this.at) this.fail(`an array of ${m} items cannot fit in the frame`);
        const out = new Array<Value>(m);
        for (let i = 0; i < m; i++) {
          trail.push(i);
          out[i] = this.val(depth + 2, trail);
          trail.pop();
        }
        return { List: out };
      }
      case "Int": {
        const x = this.value(depth + 2);
        if (typeof x === "number" && Number.isSafeInteger(x)) return { Int: x };
        return this.slow({ Int: x }, trail);
      }
      case "Str": {
        const x = this.value(depth + 2);
        // strict UTF-8 cannot encode a lone surrogate, so the string is valid text
        if (typeof x === "string") return { Str: x };
        return this.slow({ Str: x }, trail);
      }
      case "Float": {
        if (bt === 0xcb && this.at + 9 <= b.length) {
          const f = this.view.getFloat64(this.at + 1);
          if (Number.isFinite(f)) {
            this.at += 9;
            return { Float: f };
          }
        }
        const x = this.value(depth + 2);
        if (x instanceof JsonFloat) return { Float: x.value };
        return this.slow({ Float: x }, trail);
      }
      case "Bool": {
        const x = this.value(depth + 2);
        if (typeof x === "boolean") return { Bool: x };
        return this.slow({ Bool: x }, trail);
      }
    }
    if (typeof tag !== "string") {
      this.at = keyAt;
      this.fail("a map key must be a string");
    }
    return this.slow({ [tag as string]: this.value(depth + 2) }, trail);
  }

  /** A Value in an uncommon form (or a malformed one): checked by toValue, which says what is wrong. */
  private slow(raw: unknown, trail: readonly (string | number)[]): Value {
    let where = "value";
    for (const s of trail) where = typeof s === "number" ? `${where}[${s}]` : `${where}.${s}`;
    return toValue(raw, where);
  }

  private mapBody(n: number, depth: number): Record<string, unknown> {
    return this.map(n, depth, false);
  }

  private int(n: bigint): number | bigint {
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }

  private float(x: number): JsonFloat {
    if (!Number.isFinite(x)) this.fail(`a Float must be finite, got ${x}`);
    // the text is only for error messages: JsonFloat writes it when one needs it
    return new JsonFloat(x);
  }

  private str(n: number): string {
    const start = this.need(n);
    const b = this.b;
    if (n <= SHORT) {
      // Short ASCII strings (map keys, tags, small values) come from a cache: a frame repeats them.
      let h = n;
      let i = start;
      const end = start + n;
      for (; i < end; i++) {
        const c = b[i];
        if (c >= 0x80) break;
        h = (h * 31 + c) | 0;
      }
      if (i === end) {
        const slot = h & (CACHE_SIZE - 1);
        const hit = shortCache[slot];
        if (hit !== undefined && hit.length === n) {
          let same = true;
          for (let j = 0; j < n; j++) {
            if (hit.charCodeAt(j) !== b[start + j]) {
              same = false;
              break;
            }
          }
          if (same) return hit;
        }
        let s = "";
        for (let j = start; j < end; j++) s += String.fromCharCode(b[j]);
        shortCache[slot] = s;
        return s;
      }
    }
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
      if (k in out) {
        throw new SyntaxError(top ? `duplicate field '${k}'` : `duplicate key '${k}'`);
      }
      // A snapshot's value is read straight into a Value: no second copy of a million nodes.
      if (top && this.values && k === "value" && out.t === "snapshot") {
        const v = this.val(depth + 1, []);
        if (typeof v === "object") checkedValues.add(v);
        out[k] = v;
      } else out[k] = this.value(depth + 1);
    }
    return out;
  }
}
