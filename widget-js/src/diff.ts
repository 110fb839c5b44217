/**
 * diff(old, new): a small, deterministic patch such that apply(old, diff(old, new)) equals new.
 *
 * Makes the same choices as the Java core, so both sides emit identical ops (spec/diff.json pins
 * them). Maps: keys in code-point order, Remove for dropped keys, Set for new ones, recursion for
 * kept ones; a change of variant or of a scalar is one Set. Lists (see list-diff.ts): common
 * prefix and suffix dropped, a pure insertion or deletion in between becomes Inserts or RemoveAts
 * there, one moved element is one Move, other moves are kept few or become one Reorder, stretches
 * between matched elements are diffed position by position, and a diff that would rewrite every
 * element collapses into one Set of the list. Identical references short-cut every comparison.
 */

import { diffList } from "./list-diff.js";
import type { Segment } from "./path.js";
import type { Op } from "./patch.js";
import type { ListValue, MapValue, Value } from "./value.js";
import { compareKeys, entry, equals, tagOf } from "./value.js";

export function diff(a: Value, b: Value): Op[] {
  const ops: Op[] = [];
  walk(a, b, [], ops);
  return ops;
}

/** Appends the ops that turn `a` into `b`, both found at `path` (which it may push and pop). */
export function walk(a: Value, b: Value, path: Segment[], ops: Op[]): void {
  if (a === b) return;
  const ta = tagOf(a);
  if (ta !== tagOf(b)) {
    ops.push({ Set: { path: path.slice(), value: b } });
    return;
  }
  if (ta === "Map") diffMap((a as MapValue).Map, (b as MapValue).Map, path, ops);
  else if (ta === "List") diffList((a as ListValue).List, (b as ListValue).List, path, ops);
  else if (!equals(a, b)) ops.push({ Set: { path: path.slice(), value: b } });
}

function diffMap(a: { readonly [k: string]: Value }, b: { readonly [k: string]: Value }, path: Segment[], ops: Op[]): void {
  if (a === b) return;
  const keys = new Set<string>(Object.keys(a));
  for (const k of Object.keys(b)) keys.add(k);
  for (const k of [...keys].sort(compareKeys)) {
    const x = entry(a, k);
    const y = entry(b, k);
    path.push({ Key: k });
    if (y === undefined) ops.push({ Remove: { path: path.slice() } });
    else if (x === undefined) ops.push({ Set: { path: path.slice(), value: y } });
    else walk(x, y, path, ops);
    path.pop();
  }
}
