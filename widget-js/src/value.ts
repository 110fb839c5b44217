/**
 * The Value algebra of docs/protocol.md: an externally tagged union whose in-memory form is the
 * same shape as its JSON form ("Null", {"Bool": b}, {"Int": n}, ...), so a value read from a
 * frame can be shown, compared and patched without another model.
 *
 * Values are treated as immutable: nothing in this library mutates a Value it did not just
 * create, so subtrees are shared between revisions. Map entries live in objects without a
 * prototype, so any string is a safe key.
 *
 * Int: a signed 64-bit integer. It is held as a JS `number` when it is a safe integer
 * (|n| <= 2^53 - 1) and as a `bigint` otherwise, never both ways for the same integer, so
 * equality stays simple. Values outside 64-bit range are refused.
 */

import { at, describe, validText } from "./fields.js";
import { JsonFloat, readFrameJson } from "./json.js";

export type Value =
  | "Null"
  | { readonly Bool: boolean }
  | { readonly Int: number | bigint }
  | { readonly Float: number }
  | { readonly Str: string }
  | { readonly List: readonly Value[] }
  | { readonly Map: { readonly [key: string]: Value } }
  | { readonly Submodel: number };

export type Tag = "Null" | "Bool" | "Int" | "Float" | "Str" | "List" | "Map" | "Submodel";

export type ListValue = { readonly List: readonly Value[] };
export type MapValue = { readonly Map: { readonly [key: string]: Value } };

const TAGS: ReadonlySet<string> = new Set(["Bool", "Int", "Float", "Str", "List", "Map", "Submodel"]);
const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;

/** The variant name of a value. */
export function tagOf(v: Value): Tag {
  if (v === "Null") return "Null";
  for (const k in v) return k as Tag;
  throw new Error("not a Value");
}

/** Builders, for tests and callers that construct values by hand. */
export const V = {
  null: "Null" as Value,
  bool: (b: boolean): Value => ({ Bool: b }),
  int: (n: number | bigint): Value => ({ Int: normInt(n, "") }),
  float: (x: number): Value => {
    if (!Number.isFinite(x)) throw new Error("a Float must be finite (NaN and infinities cannot travel)");
    return { Float: x };
  },
  str: (s: string): Value => ({ Str: s }),
  list: (items: readonly Value[]): Value => ({ List: items }),
  map: (entries: { readonly [key: string]: Value }): Value => {
    const m: Record<string, Value> = Object.create(null);
    for (const k of Object.keys(entries)) m[k] = entries[k];
    return { Map: m };
  },
  submodel: (id: number): Value => ({ Submodel: id }),
};

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The entry `k` of Map entries, or undefined. Only own properties count, so values built as
 * ordinary object literals cannot leak `__proto__` or `constructor` from Object.prototype.
 */
export function entry(entries: { readonly [key: string]: Value }, k: string): Value | undefined {
  return hasOwn.call(entries, k) ? entries[k] : undefined;
}

/** A fresh prototype-less object for Map entries. */
export function emptyEntries(): Record<string, Value> {
  return Object.create(null) as Record<string, Value>;
}

/** The location of a Map entry or List element below `where`. */
export function keyWhere(where: string, k: string): string {
  return where === "" ? k : `${where}.${k}`;
}

export function indexWhere(where: string, i: number): string {
  return `${where}[${i}]`;
}

function normInt(n: unknown, where: string): number | bigint {
  if (typeof n === "bigint") {
    if (n < INT_MIN || n > INT_MAX) throw new Error(`${at(where)}integer ${n} is outside the 64-bit range`);
    const asNum = Number(n);
    return Number.isSafeInteger(asNum) ? asNum : n;
  }
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new Error(`${at(where)}Int expects an integer, got ${describe(n)} (malformed Value)`);
  }
  if (Number.isSafeInteger(n)) return n;
  return normInt(BigInt(n), where);
}

const TAG_LIST = "Null, Bool, Int, Float, Str, List, Map, Submodel";

/**
 * Checks a parsed JSON structure and returns it as a Value (copying Map entries into
 * prototype-less objects and normalising Int). `where` names the spot for errors, in the Java
 * codec's style ("value.items[1]"); errors carry the words the conformance vectors match:
 * "unknown tag", "malformed", "64-bit", "finite".
 */
export function toValue(raw: unknown, where = ""): Value {
  if (typeof raw === "object" && raw !== null && checkedValues.has(raw)) return raw as Value;
  return readValue(raw, where, []);
}

/**
 * Values a reader already built and checked as toValue would (the MessagePack reader's snapshot
 * values): toValue hands them back as they are instead of copying them.
 */
export const checkedValues = new WeakSet<object>();

/** `base` followed by the steps of `trail`, in the style of keyWhere and indexWhere. */
function whereOf(base: string, trail: readonly (string | number)[]): string {
  let w = base;
  for (const s of trail) w = typeof s === "number" ? indexWhere(w, s) : keyWhere(w, s);
  return w;
}

// The place of a node is kept as a trail of steps and written out only for an error: writing it
// for every node was most of the cost of reading a large snapshot.
function readValue(raw: unknown, base: string, trail: (string | number)[]): Value {
  if (raw === "Null") return "Null";
  if (typeof raw === "string") {
    throw new Error(`${at(whereOf(base, trail))}expected a Value, got the string ${JSON.stringify(raw)} (only "Null" is a bare string)`);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || raw instanceof JsonFloat) {
    return malformed(base, trail, `expected a Value ("Null" or an object with one tag), got ${describe(raw)}`);
  }
  let tag = "";
  let count = 0;
  for (const k in raw) if (count++ === 0) tag = k;
  if (count !== 1) {
    return malformed(base, trail, `a tagged Value has exactly one field, got ${count === 0 ? "an empty object" : `${count} fields`}`);
  }
  const body = (raw as Record<string, unknown>)[tag];
  switch (tag) {
    case "Bool":
      if (typeof body !== "boolean") return malformed(base, trail, `Bool expects true or false, got ${describe(body)}`);
      return { Bool: body };
    case "Int":
      return { Int: typeof body === "number" && Number.isSafeInteger(body) ? body : normInt(body, whereOf(base, trail)) };
    case "Float": {
      const x = body instanceof JsonFloat ? body.value : body;
      if (typeof x !== "number" && typeof x !== "bigint") return malformed(base, trail, `Float expects a number, got ${describe(body)}`);
      const f = Number(x);
      if (!Number.isFinite(f)) {
        throw new Error(`${at(whereOf(base, trail))}a Float must be finite, got ${describe(body)} (NaN and infinities cannot travel)`);
      }
      return { Float: f };
    }
    case "Str":
      if (typeof body !== "string") return malformed(base, trail, `Str expects a string, got ${describe(body)}`);
      return { Str: LONE_SURROGATE_TEST.test(body) ? validText(body, whereOf(base, trail)) : body };
    case "Submodel":
      if (typeof body !== "number" || !Number.isSafeInteger(body) || body < 1) {
        return malformed(base, trail, `Submodel expects a positive integer id, got ${describe(body)}`);
      }
      return { Submodel: body };
    case "List": {
      if (!Array.isArray(body)) return malformed(base, trail, `List expects an array, got ${describe(body)}`);
      const out = new Array<Value>(body.length);
      for (let i = 0; i < body.length; i++) {
        trail.push(i);
        out[i] = readValue(body[i], base, trail);
        trail.pop();
      }
      return { List: out };
    }
    case "Map": {
      if (body === null || typeof body !== "object" || Array.isArray(body) || body instanceof JsonFloat) {
        return malformed(base, trail, `Map expects an object, got ${describe(body)}`);
      }
      const out = emptyEntries();
      for (const k in body) {
        if (LONE_SURROGATE_TEST.test(k)) validText(k, whereOf(base, trail), "a map key");
        trail.push(k);
        out[k] = readValue((body as Record<string, unknown>)[k], base, trail);
        trail.pop();
      }
      return { Map: out };
    }
    case "Null":
      return malformed(base, trail, 'Null is the bare string "Null", not a tagged object');
    default:
      throw new Error(`${at(whereOf(base, trail))}unknown value tag '${tag}'; expected one of ${TAG_LIST}`);
  }
}

function malformed(base: string, trail: readonly (string | number)[], why: string): never {
  throw new Error(`${at(whereOf(base, trail))}${why} (malformed Value)`);
}

/** A quick look for UTF-16 surrogates; validText then says whether one is alone. */
const LONE_SURROGATE_TEST = /[\uD800-\uDFFF]/;

/** Parses JSON text as a Value (strictly, as a frame is read). */
export function parseValue(text: string): Value {
  let raw: unknown;
  try {
    raw = readFrameJson(text);
  } catch (e) {
    throw new Error(`malformed Value: ${(e as Error).message}`);
  }
  return toValue(raw);
}

/** Compares strings by Unicode code point (the order of their UTF-8 bytes). */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800-DFFF) encode code points above FFFF, which sort after E000-FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Map keys in canonical (code-point) order. */
export function sortedKeys(entries: { readonly [key: string]: Value }): string[] {
  return Object.keys(entries).sort(compareKeys);
}

/**
 * Writes a Float as Java's Double.toString does (the project's canonical float text): the
 * shortest digits that round-trip (two when one would do, the closest such pair), as a plain
 * decimal with at least one fraction digit when 1e-3 <= |x| < 1e7 (1.0, 0.001, 123456.0), else
 * as d.dddE<exp> (1.0E-5, 1.0E7, -4.9E-324); negative zero is "-0.0".
 */
export function floatText(x: number, where = ""): string {
  if (!Number.isFinite(x)) throw new Error(`${at(where)}a Float must be finite, got ${x} (NaN and infinities cannot travel)`);
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const abs = Math.abs(x);
  let [mant, expText] = abs.toExponential().split("e");
  if (mant.length === 1) [mant, expText] = abs.toExponential(1).split("e");
  let digits = mant.replace(".", "").replace(/0+$/, "");
  if (digits === "") digits = "0";
  const exp = Number(expText);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    return `${sign}${whole}.${digits.slice(exp + 1) || "0"}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || "0"}E${exp}`;
}

/** Writes any JSON-like structure (objects, arrays, strings, numbers, bigints) compactly. */
export function writeJson(x: unknown): string {
  const parts: string[] = [];
  writeAny(x, parts);
  return parts.join("");
}

function writeAny(x: unknown, out: string[]): void {
  if (typeof x === "bigint") out.push(x.toString());
  else if (x === null || typeof x !== "object") out.push(JSON.stringify(x) ?? "null");
  else if (Array.isArray(x)) {
    out.push("[");
    for (let i = 0; i < x.length; i++) {
      if (i) out.push(",");
      writeAny(x[i], out);
    }
    out.push("]");
  } else {
    out.push("{");
    let first = true;
    for (const k of Object.keys(x)) {
      const v = (x as Record<string, unknown>)[k];
      if (v === undefined) continue;
      if (!first) out.push(",");
      first = false;
      out.push(JSON.stringify(k), ":");
      writeAny(v, out);
    }
    out.push("}");
  }
}

/** Writes a Value as canonical compact JSON text (Map keys in code-point order). */
export function valueText(v: Value): string {
  const parts: string[] = [];
  writeValue(v, parts, "");
  return parts.join("");
}

/** Appends the canonical JSON of a Value to `out`; used by the message writer too. */
export function writeValue(v: Value, out: string[], path: string): void {
  if (v === "Null") {
    out.push('"Null"');
    return;
  }
  const tag = tagOf(v);
  switch (tag) {
    case "Bool":
      out.push((v as { Bool: boolean }).Bool ? '{"Bool":true}' : '{"Bool":false}');
      return;
    case "Int":
      out.push('{"Int":', String((v as { Int: number | bigint }).Int), "}");
      return;
    case "Float":
      out.push('{"Float":', floatText((v as { Float: number }).Float, path), "}");
      return;
    case "Str":
      out.push('{"Str":', JSON.stringify((v as { Str: string }).Str), "}");
      return;
    case "Submodel":
      out.push('{"Submodel":', String((v as { Submodel: number }).Submodel), "}");
      return;
    case "List": {
      const items = (v as ListValue).List;
      out.push('{"List":[');
      for (let i = 0; i < items.length; i++) {
        if (i) out.push(",");
        writeValue(items[i], out, indexWhere(path, i));
      }
      out.push("]}");
      return;
    }
    default: {
      const entries = (v as MapValue).Map;
      out.push('{"Map":{');
      let first = true;
      for (const k of sortedKeys(entries)) {
        if (!first) out.push(",");
        first = false;
        out.push(JSON.stringify(k), ":");
        writeValue(entries[k], out, keyWhere(path, k));
      }
      out.push("}}");
    }
  }
}

/** Structural equality. Float compares with Object.is, so -0.0 and 0.0 differ (as their bytes do). */
export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === "Null" || b === "Null") return false;
  const ta = tagOf(a);
  if (ta !== tagOf(b)) return false;
  switch (ta) {
    case "List": {
      const x = (a as ListValue).List;
      const y = (b as ListValue).List;
      if (x === y) return true;
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!equals(x[i], y[i])) return false;
      return true;
    }
    case "Map": {
      const x = (a as MapValue).Map;
      const y = (b as MapValue).Map;
      if (x === y) return true;
      const kx = Object.keys(x);
      if (kx.length !== Object.keys(y).length) return false;
      for (const k of kx) {
        const yk = entry(y, k);
        if (yk === undefined || !equals(x[k], yk)) return false;
      }
      return true;
    }
    case "Float":
      return Object.is((a as { Float: number }).Float, (b as { Float: number }).Float);
    default:
      return (a as Record<string, unknown>)[ta] === (b as Record<string, unknown>)[ta];
  }
}

function strHash(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** A structural hash consistent with `equals` (equal values hash alike); Map order is ignored. */
export function hash(v: Value): number {
  if (v === "Null") return 0x1234567;
  const tag = tagOf(v);
  let h = strHash(tag, 0x811c9dc5);
  switch (tag) {
    case "List":
      for (const item of (v as ListValue).List) h = Math.imul(h ^ hash(item), 0x01000193);
      return h;
    case "Map": {
      const m = (v as MapValue).Map;
      let acc = 0;
      for (const k of Object.keys(m)) acc = (acc + Math.imul(strHash(k, 0x9e3779b1), 31) + hash(m[k])) | 0;
      return Math.imul(h ^ acc, 0x01000193);
    }
    case "Float":
      return strHash(floatText((v as { Float: number }).Float), h);
    default:
      return strHash(String((v as Record<string, unknown>)[tag]), h);
  }
}
