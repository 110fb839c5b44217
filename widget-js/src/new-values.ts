/**
 * Values for structural edits: the new item of a list or map (the schema's default converted
 * from plain JSON to tagged Values, else a zero value from the schema, else a zero value of the
 * same shape as an existing item), and the value a nullable field gets when it is set.
 */

import type { Node } from "./schema.js";
import { child, keyOrder, node } from "./schema.js";
import type { Value } from "./value.js";
import { tagOf } from "./value.js";

/** Plain JSON (a schema's default) as a Value, typed by the schema where it has one. */
export function fromPlain(x: unknown, n: Node | null): Value {
  if (x === null || x === undefined) return "Null";
  if (typeof x === "boolean") return { Bool: x };
  if (typeof x === "string") return { Str: x };
  if (typeof x === "number") return n?.s.type === "integer" || (n === null && Number.isInteger(x)) ? { Int: x } : { Float: x };
  if (Array.isArray(x)) return { List: x.map((i) => fromPlain(i, n ? child(n, { Index: 0 }) : null)) };
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) out[k] = fromPlain(v, n ? child(n, { Key: k }) : null);
  return { Map: out };
}

/** The zero value the schema describes: 0, 0.0, false, "", the first enum constant, [], {}, a record of zeros. */
export function zeroOf(n: Node | null, depth = 0): Value {
  if (!n || depth > 8) return { Str: "" };
  const s = n.s;
  if (s.default !== undefined) return fromPlain(s.default, n);
  if (n.nullable && depth > 0) return "Null";
  if (s.enum && s.enum.length) return fromPlain(s.enum[0], n);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "integer":
      return { Int: Math.max(0, s.minimum ?? 0) <= (s.maximum ?? Infinity) ? Math.max(0, s.minimum ?? 0) : (s.minimum ?? 0) };
    case "number":
      return { Float: Math.max(0, s.minimum ?? 0) };
    case "boolean":
      return { Bool: false };
    case "string":
      return { Str: "" };
    case "array":
      return { List: [] };
    case "object": {
      const out: Record<string, Value> = {};
      if (s.properties)
        for (const k of keyOrder(n, Object.keys(s.properties))) out[k] = zeroOf(node(s.properties[k], n.root), depth + 1);
      return { Map: out };
    }
  }
  return { Str: "" };
}

/** A zero value of the same shape as `v` (for a list or map without a schema). */
export function zeroLike(v: Value): Value {
  switch (tagOf(v)) {
    case "Int":
      return { Int: 0 };
    case "Float":
      return { Float: 0 };
    case "Bool":
      return { Bool: false };
    case "Str":
      return { Str: "" };
    case "List":
      return { List: [] };
    case "Map": {
      const out: Record<string, Value> = {};
      for (const [k, x] of Object.entries((v as { Map: Record<string, Value> }).Map)) out[k] = zeroLike(x);
      return { Map: out };
    }
    default:
      return v;
  }
}
