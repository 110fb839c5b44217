/**
 * Paths into a Value: a list of segments from the model root, each {"Key": k} (a Map entry)
 * or {"Index": i} (a List element). The empty path is the root. Also reading a value at a path
 * and the short text form used in error messages.
 */

import type { ListValue, MapValue, Value } from "./value.js";
import { entry, tagOf } from "./value.js";

export type Segment = { readonly Key: string } | { readonly Index: number };
export type Path = readonly Segment[];

export const key = (k: string): Segment => ({ Key: k });
export const index = (i: number): Segment => ({ Index: i });

export function isKey(s: Segment): s is { readonly Key: string } {
  return "Key" in s;
}

/** Checks a parsed JSON path. */
export function toPath(raw: unknown, what = "path"): Path {
  if (!Array.isArray(raw)) throw new Error(`${what} must be a list of segments`);
  const out: Segment[] = [];
  for (const s of raw) {
    if (s === null || typeof s !== "object" || Array.isArray(s) || Object.keys(s).length !== 1) {
      throw new Error(`${what} has a bad segment: each is {"Key": text} or {"Index": n}`);
    }
    if ("Key" in s && typeof s.Key === "string") out.push({ Key: s.Key });
    else if ("Index" in s && typeof s.Index === "number" && Number.isSafeInteger(s.Index) && s.Index >= 0) {
      out.push({ Index: s.Index });
    } else throw new Error(`${what} has a bad segment: each is {"Key": text} or {"Index": n >= 0}`);
  }
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
