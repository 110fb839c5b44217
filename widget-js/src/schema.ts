/**
 * The model's JSON Schema as the kernel sends it (WIDGET-CONTRACT: JSON Schema 2020-12 with
 * x-order, x-java, x-messages, formats for integer widths and java.time), read for the form:
 * the schema of a child, the order of an object's fields, what a field is called in Java, and
 * the checks made before a value is sent — with the constraint's own words from x-messages, so
 * the page says what Java would say. A form without a schema shows values as they come.
 */

import type { Segment } from "./path.js";
import { isKey } from "./path.js";
import type { Value } from "./value.js";
import { tagOf } from "./value.js";

/** A schema node (only the keywords the form reads are named). */
export interface Schema {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  "x-order"?: string[];
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  description?: string;
  title?: string;
  default?: unknown;
  "x-java"?: string;
  "x-messages"?: Record<string, string>;
  "x-not-blank"?: boolean;
}

/** A node of a model's schema with the root it came from (for $ref). */
export interface Node {
  readonly s: Schema;
  readonly root: Schema;
  /** True when the node allowed null (anyOf with {"type":"null"}). */
  readonly nullable: boolean;
}

/** Follows $ref and unwraps a nullable anyOf; null when there is nothing to read. */
export function node(s: Schema | undefined | boolean, root: Schema): Node | null {
  if (!s || s === true) return null;
  let cur: Schema = s;
  let nullable = false;
  for (let hops = 0; hops < 16; hops++) {
    if (cur.$ref !== undefined) {
      const m = /^#\/\$defs\/(.+)$/.exec(cur.$ref);
      const target = m ? root.$defs?.[decodeURIComponent(m[1])] : undefined;
      if (!target) return null;
      // keywords next to $ref (x-java, description) stay with the use site
      const { $ref: _ref, ...rest } = cur;
      cur = { ...target, ...rest };
      continue;
    }
    const alts = cur.anyOf;
    if (alts) {
      const others = alts.filter((a) => !(a.type === "null"));
      if (others.length === alts.length - 1 && others.length === 1) {
        nullable = true;
        const { anyOf: _a, ...rest } = cur;
        cur = { ...others[0], ...rest, "x-java": cur["x-java"] ?? others[0]["x-java"], description: cur.description ?? others[0].description };
        continue;
      }
    }
    break;
  }
  return { s: cur, root, nullable };
}

/** The root node of a model's schema. */
export function rootNode(s: Schema | null | undefined): Node | null {
  return s ? node(s, s) : null;
}

/** The schema of the child at `seg` (a field, a map value or a list item). */
export function child(n: Node | null, seg: Segment): Node | null {
  if (!n) return null;
  // Memoized per node: a large model asks for the same few children a million times, and
  // resolving a $ref makes a new object each time.
  let memo = childMemo.get(n);
  if (!memo) childMemo.set(n, (memo = new Map()));
  const k = !isKey(seg) ? "[]" : n.s.properties?.[seg.Key] !== undefined ? "k" + seg.Key : "*";
  let hit = memo.get(k);
  if (hit === undefined) memo.set(k, (hit = childOf(n, seg)));
  return hit;
}

const childMemo = new WeakMap<Node, Map<string, Node | null>>();

function childOf(n: Node, seg: Segment): Node | null {
  const s = n.s;
  if (isKey(seg)) {
    const p = s.properties?.[seg.Key];
    if (p !== undefined) return node(p, n.root);
    if (s.additionalProperties !== undefined) return node(s.additionalProperties, n.root);
    return null;
  }
  return s.items ? node(s.items, n.root) : null;
}

/** An object's fields in Java declaration order (x-order, else properties), then any others in wire order. */
export function keyOrder(n: Node | null, wire: string[]): string[] {
  const order = n?.s["x-order"] ?? (n?.s.properties ? Object.keys(n.s.properties) : null);
  if (!order) return wire;
  const present = new Set(wire);
  const out = order.filter((k) => present.has(k));
  const known = new Set(out);
  for (const k of wire) if (!known.has(k)) out.push(k);
  return out;
}

/** True when the object schema marks `key` required. */
export function isRequired(parent: Node | null, key: string): boolean {
  return parent?.s.required?.includes(key) ?? false;
}

/** The Java type as written (x-java), else a short form of the schema's type. */
export function javaType(n: Node | null): string | null {
  if (!n) return null;
  const s = n.s;
  if (s["x-java"]) return s["x-java"];
  if (s.format) return s.format;
  return typeof s.type === "string" ? s.type : null;
}

/** The enum constants, when the node is an enum of strings. */
export function enumNames(n: Node | null): string[] | null {
  const e = n?.s.enum;
  return e && e.every((x) => typeof x === "string") ? (e as string[]) : null;
}

/** True for a Float field that Java holds as a float or double (shown with a decimal form). */
export function isWholeNumberType(n: Node | null): boolean {
  return n?.s.type === "integer";
}

function say(s: Schema, keyword: string, fallback: string): string {
  return s["x-messages"]?.[keyword] ?? fallback;
}

/**
 * Checks a value before it is sent: returns the reason it breaks the schema (the constraint's
 * own message from x-messages where the kernel gave one), or null when it passes.
 */
export function check(n: Node | null, v: Value): string | null {
  if (!n) return null;
  const s = n.s;
  const kind = tagOf(v);
  if (kind === "Int" || kind === "Float") {
    const x = kind === "Int" ? (v as { Int: number | bigint }).Int : (v as { Float: number }).Float;
    const num = Number(x);
    const big = typeof x === "bigint" ? x : null;
    const lt = (a: number, b: number) => (big !== null ? big < BigInt(Math.trunc(b)) : a < b);
    const gt = (a: number, b: number) => (big !== null ? big > BigInt(Math.trunc(b)) : a > b);
    if (s.minimum !== undefined && lt(num, s.minimum)) return say(s, "minimum", `must be greater than or equal to ${s.minimum}`);
    if (s.maximum !== undefined && gt(num, s.maximum)) return say(s, "maximum", `must be less than or equal to ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && !gt(num, s.exclusiveMinimum)) return say(s, "exclusiveMinimum", `must be greater than ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && !lt(num, s.exclusiveMaximum)) return say(s, "exclusiveMaximum", `must be less than ${s.exclusiveMaximum}`);
    if (kind === "Float" && s.type === "integer") return "whole numbers only";
  }
  if (kind === "Str") {
    const t = (v as { Str: string }).Str;
    const len = [...t].length;
    if (s["x-not-blank"] && t.trim() === "") return say(s, "x-not-blank", "must not be blank");
    if (s.minLength !== undefined && len < s.minLength) return say(s, "minLength", `size must be between ${s.minLength} and ${s.maxLength ?? 2147483647}`);
    if (s.maxLength !== undefined && len > s.maxLength) return say(s, "maxLength", `size must be between ${s.minLength ?? 0} and ${s.maxLength}`);
    if (s.pattern !== undefined) {
      let re: RegExp | null = null;
      try {
        re = new RegExp(`^(?:${s.pattern})$`, "u");
      } catch {
        re = null; // a Java pattern JavaScript cannot read: Java checks it
      }
      if (re && !re.test(t)) return say(s, "pattern", `must match "${s.pattern}"`);
    }
    if (s.format === "email" && !/^[^@\s]+@[^@\s]+$/.test(t)) return say(s, "format", "must be a well-formed email address");
    const names = enumNames(n);
    if (names && !names.includes(t)) return `must be one of ${names.join(", ")}`;
  }
  return null;
}
