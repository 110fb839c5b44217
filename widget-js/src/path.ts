/**
 * Paths into a Value: a list of segments from the model root, each {"Key": k} (a Map entry)
 * or {"Index": i} (a List element). The empty path is the root. Also reading a value at a path
 * and the short text form used in error messages.
 */

import type { ListValue, MapValue, Value } from "./value.js";
import { describe, isObject, readIndex, validText } from "./fields.js";
import { entry, tagOf } from "./value.js";

export type Segment = { readonly Key: string } | { readonly Index: number };
export type Path = readonly Segment[];

export const key = (k: string): Segment => ({ Key: k });
export const index = (i: number): Segment => ({ Index: i });

export function isKey(s: Segment): s is { readonly Key: string } {
  return "Key" in s;
}

/** Checks a parsed JSON path; `where` names it in errors ("patch.ops[0].Set.path"). */
export function toPath(raw: unknown, where = "path"): Path {
  if (!Array.isArray(raw)) throw new Error(`${where}: expected a list of path steps, got ${describe(raw)}`);
  const out: Segment[] = [];
  raw.forEach((s: unknown, i) => {
    const here = `${where}[${i}]`;
    if (!isObject(s) || Object.keys(s).length !== 1) {
      throw new Error(`${here}: a path step is {"Key": text} or {"Index": n}, got ${describe(s)}`);
    }
    const name = Object.keys(s)[0];
    if (name === "Key") {
      if (typeof s.Key !== "string") throw new Error(`${here}.Key: expected a string, got ${describe(s.Key)}`);
      out.push({ Key: validText(s.Key, `${here}.Key`) });
    } else if (name === "Index") out.push({ Index: readIndex(s.Index, `${here}.Index`, "index") });
    else throw new Error(`${here}: unknown path step '${name}' (a step is {"Key": text} or {"Index": n})`);
  });
  return out;
}

/** The path as compact JSON, e.g. [{"Key":"items"},{"Index":0}]; used for data-path and errors. */
export function pathText(p: Path): string {
  return JSON.stringify(p);
}

/** The value at `p`, or undefined when the path does not lead anywhere. */
export function getAt(v: Value, p: Path): Value | undefined {
  let cur: Value | undefined = v;
  for (const s of p) {
    if (cur === undefined || cur === "Null") return undefined;
    if (isKey(s)) {
      if (tagOf(cur) !== "Map") return undefined;
      cur = entry((cur as MapValue).Map, s.Key);
    } else {
      if (tagOf(cur) !== "List") return undefined;
      cur = (cur as ListValue).List[s.Index];
    }
  }
  return cur;
}

/**
 * The path for people, as the Java side writes it in errors: keys joined by '.', indexes as
 * [i] (items[0].label), "<root>" for the empty path; when a key is empty or holds '.' or '['
 * the JSON form follows, so the text stays unambiguous.
 */
export function displayPath(p: Path): string {
  if (p.length === 0) return "<root>";
  let out = "";
  let ambiguous = false;
  for (const s of p) {
    if (isKey(s)) {
      if (s.Key === "" || s.Key.includes(".") || s.Key.includes("[")) ambiguous = true;
      if (out.length > 0) out += ".";
      out += s.Key;
    } else out += `[${s.Index}]`;
  }
  return ambiguous ? `${out} ${pathText(p)}` : out;
}
