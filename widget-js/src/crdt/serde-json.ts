/**
 * JSON text exactly as the reference reducer writes it (its Rust serde_json output), so state
 * bytes, operation fingerprints and set member keys agree byte for byte with every other replica:
 * compact, fields in declaration order, strings escaped as JSON.stringify does (the same rules),
 * Map keys in code-point order, and floats in serde's shortest form ("1.0", "0.00001", "1e-6",
 * "1e+16"), which differs from both JS and Java number text.
 *
 * Also the "plain" JSON form the reference's Python peers put on the wire for operation values
 * (no tags: a float keeps a fraction or exponent so it reads back as a Float).
 */

import { JsonFloat } from "../json.js";
import type { ListValue, MapValue, Value } from "../value.js";
import { emptyEntries, sortedKeys, tagOf, toValue } from "../value.js";

/** A finite double as serde_json writes it. */
export function serdeFloat(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`a Float must be finite, got ${x} (NaN and infinities cannot travel)`);
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, expText] = Math.abs(x).toExponential().split("e");
  const digits = mant.replace(".", "");
  const n = digits.length;
  const point = Number(expText) + 1; // value = 0.digits x 10^point
  if (point >= n && point <= 16) return `${sign}${digits}${"0".repeat(point - n)}.0`;
  if (point > 0 && point <= 16) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  if (point > -5 && point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  const exp = point - 1;
  const body = n === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  return `${sign}${body}e${exp < 0 ? "-" : "+"}${Math.abs(exp)}`;
}

/** Appends a tagged Value as serde writes the reference's core Value. */
export function writeSerdeValue(v: Value, out: string[]): void {
  if (v === "Null") {
    out.push('"Null"');
    return;
  }
  switch (tagOf(v)) {
    case "Bool":
      out.push((v as { Bool: boolean }).Bool ? '{"Bool":true}' : '{"Bool":false}');
      return;
    case "Int":
      out.push('{"Int":', String((v as { Int: number | bigint }).Int), "}");
      return;
    case "Float":
      out.push('{"Float":', serdeFloat((v as { Float: number }).Float), "}");
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
        writeSerdeValue(items[i], out);
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
        writeSerdeValue(entries[k], out);
      }
      out.push("}}");
    }
  }
}

export function serdeValueText(v: Value): string {
  const out: string[] = [];
  writeSerdeValue(v, out);
  return out.join("");
}

/** Appends a Value in the untagged wire form (null, true, 3, 1.5, "x", [...], {...}). */
export function writePlainValue(v: Value, out: string[]): void {
  if (v === "Null") {
    out.push("null");
    return;
  }
  switch (tagOf(v)) {
    case "Bool":
      out.push(String((v as { Bool: boolean }).Bool));
      return;
    case "Int":
      out.push(String((v as { Int: number | bigint }).Int));
      return;
    case "Float":
      out.push(serdeFloat((v as { Float: number }).Float));
      return;
    case "Str":
      out.push(JSON.stringify((v as { Str: string }).Str));
      return;
    case "Submodel":
      throw new Error("a Submodel reference cannot travel in a CRDT operation");
    case "List": {
      const items = (v as ListValue).List;
      out.push("[");
      items.forEach((item, i) => {
        if (i) out.push(",");
        writePlainValue(item, out);
      });
      out.push("]");
      return;
    }
    default: {
      const entries = (v as MapValue).Map;
      out.push("{");
      sortedKeys(entries).forEach((k, i) => {
        if (i) out.push(",");
        out.push(JSON.stringify(k), ":");
        writePlainValue(entries[k], out);
      });
      out.push("}");
    }
  }
}

/**
 * Reads an untagged wire value (as decoded by the strict JSON or MessagePack reader, where a
 * number written with a fraction or exponent is a JsonFloat) as a Value.
 */
export function plainToValue(raw: unknown, where: string): Value {
  if (raw === null) return "Null";
  if (typeof raw === "boolean") return { Bool: raw };
  if (typeof raw === "string") return toValue({ Str: raw }, where);
  if (typeof raw === "bigint") return toValue({ Int: raw }, where);
  if (typeof raw === "number") return Number.isInteger(raw) ? toValue({ Int: raw }, where) : toValue({ Float: raw }, where);
  if (raw instanceof JsonFloat) return toValue({ Float: raw.value }, where);
  if (Array.isArray(raw)) return { List: raw.map((item, i) => plainToValue(item, `${where}[${i}]`)) };
  if (typeof raw === "object") {
    const out = emptyEntries();
    for (const k of Object.keys(raw)) out[k] = plainToValue((raw as Record<string, unknown>)[k], where === "" ? k : `${where}.${k}`);
    return { Map: out };
  }
  throw new Error(`${where}: expected a JSON value, got ${typeof raw}`);
}
