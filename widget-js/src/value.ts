/**
 * The Value algebra of PROTOCOL.md: an externally tagged union whose in-memory form is the
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

import { parseJson } from "./json.js";

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
    if (!Number.isFinite(x)) throw new Error("Float must be finite");
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

function where(path: string): string {
  return path === "" ? "at the root" : `at ${path}`;
}

function normInt(n: unknown, path: string): number | bigint {
  if (typeof n === "bigint") {
    if (n < INT_MIN || n > INT_MAX) throw new Error(`Int ${where(path)} is outside 64-bit range: ${n}`);
    const asNum = Number(n);
    return Number.isSafeInteger(asNum) ? asNum : n;
  }
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new Error(`Int ${where(path)} must be an integer, got ${describe(n)}`);
  }
  if (Number.isSafeInteger(n)) return n;
  return normInt(BigInt(n), path);
}

function describe(x: unknown): string {
  if (typeof x === "bigint") return x.toString();
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}

/**
 * Checks a parsed JSON structure and returns it as a Value (copying Map entries into
 * prototype-less objects and normalising Int). Errors name the path in JSON-path form.
 */
export function toValue(raw: unknown, path = ""): Value {
  if (raw === "Null") return "Null";
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new Error(`expected a Value ${where(path)}, got ${describe(raw)}`);
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    throw new Error(`a Value ${where(path)} must have exactly one tag, got ${keys.length} keys`);
  }
  const tag = keys[0];
  const body = (raw as Record<string, unknown>)[tag];
  if (!TAGS.has(tag)) throw new Error(`unknown Value tag '${tag}' ${where(path)}`);
  switch (tag) {
    case "Bool":
      if (typeof body !== "boolean") throw new Error(`Bool ${where(path)} must be true or false`);
      return { Bool: body };
    case "Int":
      return { Int: normInt(body, path) };
    case "Float":
      if (typeof body === "bigint") return { Float: Number(body) };
      if (typeof body !== "number") throw new Error(`Float ${where(path)} must be a number`);
      if (!Number.isFinite(body)) throw new Error(`Float ${where(path)} is NaN or infinite`);
      return { Float: body };
    case "Str":
      if (typeof body !== "string") throw new Error(`Str ${where(path)} must be a string`);
      return { Str: body };
    case "Submodel":
      if (typeof body !== "number" || !Number.isSafeInteger(body) || body < 1) {
        throw new Error(`Submodel ${where(path)} must be a positive integer id`);
      }
      return { Submodel: body };
    case "List": {
      if (!Array.isArray(body)) throw new Error(`List ${where(path)} must be an array`);
      const out = new Array<Value>(body.length);
      for (let i = 0; i < body.length; i++) out[i] = toValue(body[i], `${path}[${i}]`);
      return { List: out };
    }
    default: {
      if (body === null || typeof body !== "object" || Array.isArray(body)) {
        throw new Error(`Map ${where(path)} must be an object`);
      }
      const out = emptyEntries();
      for (const k of Object.keys(body)) {
        out[k] = toValue((body as Record<string, unknown>)[k], `${path}[${JSON.stringify(k)}]`);
      }
      return { Map: out };
    }
  }
}

/** Parses JSON text as a Value. */
export function parseValue(text: string): Value {
  return toValue(parseJson(text));
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

/** Writes a Float: shortest round-trip digits, with ".0" kept on integral values. */
export function floatText(x: number, path = ""): string {
  if (!Number.isFinite(x)) throw new Error(`Float ${where(path)} is NaN or infinite and cannot travel as JSON`);
  if (Object.is(x, -0)) return "-0.0";
  const s = String(x);
  return /[.eE]/.test(s) ? s : `${s}.0`;
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
        writeValue(items[i], out, `${path}[${i}]`);
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
        writeValue(entries[k], out, `${path}[${JSON.stringify(k)}]`);
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
