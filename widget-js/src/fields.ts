/**
 * Reading the scalar fields of protocol frames with the Java codec's error wording
 * ("rev: expected a non-negative integer, got 1.0", "id: integer ... is outside the 64-bit
 * range"), shared by the message, patch, op and path readers. `where` names the field.
 */

import { JsonFloat } from "./json.js";

const INT_MAX = 2n ** 63n - 1n;

/** A revision or other count: a non-negative 64-bit integer, a bigint beyond 2^53. */
export type Count = number | bigint;

/** A value in words for an error: "1.0", "\"0\"", "an array", "nothing". */
export function describe(x: unknown): string {
  if (typeof x === "bigint") return x.toString();
  if (x instanceof JsonFloat) return x.text;
  if (x === undefined) return "nothing";
  if (Array.isArray(x)) return "an array";
  if (x !== null && typeof x === "object") return "an object";
  return JSON.stringify(x) ?? String(x);
}

/** "where: " before an error; nothing when `where` is empty. */
export function at(where: string): string {
  return where === "" ? "" : `${where}: `;
}

function outside(where: string, n: bigint): never {
  throw new Error(`${at(where)}integer ${n} is outside the 64-bit range`);
}

/** A non-negative 64-bit integer (number when safe, else bigint). */
export function readCount(x: unknown, where: string): Count {
  if (typeof x === "number" && Number.isSafeInteger(x) && x >= 0) return x;
  if (typeof x === "bigint") {
    if (x > INT_MAX || x < -INT_MAX - 1n) outside(where, x);
    if (x >= 0n) return Number.isSafeInteger(Number(x)) ? Number(x) : x;
  }
  throw new Error(`${at(where)}expected a non-negative integer, got ${describe(x)}`);
}

/** A list index: a non-negative integer; a negative one is "out of range". */
export function readIndex(x: unknown, where: string, name: string): number {
  if (typeof x === "number" && Number.isSafeInteger(x)) {
    if (x >= 0) return x;
    throw new Error(`${at(where)}${name} ${x} out of range (expected a non-negative integer)`);
  }
  if (typeof x === "bigint") {
    if (x > INT_MAX || x < -INT_MAX - 1n) outside(where, x);
    throw new Error(`${at(where)}${name} ${x} out of range`);
  }
  throw new Error(`${at(where)}expected a non-negative integer, got ${describe(x)}`);
}

/** A model id: a positive integer this client can hold exactly. */
export function readId(x: unknown, where: string): number {
  if (typeof x === "number" && Number.isSafeInteger(x) && x >= 1) return x;
  if (typeof x === "bigint") {
    if (x > INT_MAX || x < -INT_MAX - 1n) outside(where, x);
    if (x >= 1n) throw new Error(`${at(where)}id ${x} is beyond 2^53, which this client cannot hold exactly`);
  }
  throw new Error(`${at(where)}expected a positive integer (model ids start at 1), got ${describe(x)}`);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The field `name` of a parsed object, or an error "missing field 'name'". */
export function need(obj: Record<string, unknown>, name: string, where: string): unknown {
  if (!hasOwn.call(obj, name)) throw new Error(`${at(where)}missing field '${name}'`);
  return obj[name];
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x) && !(x instanceof JsonFloat);
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The protocol's text rule (docs/protocol.md, "Values"): only valid Unicode travels, so a string
 * holding a lone surrogate is refused, naming where it is; the error shows it escaped, never raw.
 */
export function validText(s: string, where: string, what = "the string"): string {
  const m = LONE_SURROGATE.exec(s);
  if (m === null) return s;
  const hex = m[0].charCodeAt(0).toString(16);
  throw new Error(`${at(where)}${what} holds a lone surrogate (\\u${hex} at index ${m.index}); only valid Unicode text can travel`);
}
