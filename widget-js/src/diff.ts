/**
 * diff(old, new): a small patch such that apply(old, diff(old, new)) equals new.
 *
 * Maps diff key by key in code-point key order (Remove for dropped keys, Set for new keys,
 * recursion for kept keys); a change of variant is one Set. Lists: equal elements that moved
 * become Move ops, or one Reorder of the whole list when the permutation is dense; then the
 * list is compared position by position (recursing into changed elements) with Insert or
 * RemoveAt at the tail. Element matching uses structural hashes, so the work stays near-linear;
 * identical references short-cut every comparison, which keeps diffs of edited copies cheap.
 */

import type { Path, Segment } from "./path.js";
import type { Op } from "./patch.js";
import type { ListValue, MapValue, Value } from "./value.js";
import { compareKeys, entry, equals, hash, tagOf } from "./value.js";

/** At most this many Move ops before a permutation counts as dense (and becomes a Reorder). */
const MAX_MOVES = 16;
/** How many same-hash candidates are compared before giving up on matching an element. */
const MAX_CANDIDATES = 32;

type Bucket = number[] & { start: number };

export function diff(a: Value, b: Value): Op[] {
  const ops: Op[] = [];
  walk(a, b, [], ops);
  return ops;
}

function walk(a: Value, b: Value, path: Segment[], ops: Op[]): void {
  if (a === b) return;
  const ta = tagOf(a);
  const tb = tagOf(b);
  if (ta !== tb) {
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

function diffList(a: readonly Value[], b: readonly Value[], path: Segment[], ops: Op[]): void {
  if (a === b) return;
  const start = ops.length;
  listOps(a, b, path, ops);
  // When the list was all but replaced, one Set of the whole list is the smaller patch.
  if (ops.length - start > 2 * b.length + 16) {
    ops.length = start;
    ops.push({ Set: { path: path.slice(), value: { List: b } } });
  }
}

function listOps(a: readonly Value[], b: readonly Value[], path: Segment[], ops: Op[]): void {
  const n = a.length;
  const common = Math.min(n, b.length);
  // Positions that already hold an equal element stay where they are.
  const same = new Uint8Array(common);
  let displaced = 0;
  for (let j = 0; j < common; j++) {
    if (a[j] === b[j] || equals(a[j], b[j])) same[j] = 1;
    else displaced++;
  }
  let work: readonly Value[] = a;
  if (displaced > 0) {
    const target = arrangement(a, b, same, common);
    if (target) {
      const p = path.slice();
      const moves = movesFor(target);
      if (moves) for (const [from, to] of moves) ops.push({ Move: { path: p, from, to } });
      else ops.push({ Reorder: { path: p, order: target } });
      work = target.map((i) => a[i]);
    }
  }
  for (let j = 0; j < common; j++) {
    if (work[j] === b[j] || (work === a && same[j])) continue;
    path.push({ Index: j });
    walk(work[j], b[j], path, ops);
    path.pop();
  }
  for (let j = n; j < b.length; j++) ops.push({ Insert: { path: path.slice(), index: j, value: b[j] } });
  for (let j = n - 1; j >= b.length; j--) ops.push({ RemoveAt: { path: path.slice(), index: j } });
}

/**
 * Finds, for each displaced new position j < old length, an unused equal old element, and
 * returns the arrangement of the old list (target[k] = old index placed at k) that puts those
 * matches in place, or null when nothing moves.
 */
function arrangement(a: readonly Value[], b: readonly Value[], same: Uint8Array, common: number): number[] | null {
  const n = a.length;
  const used = new Uint8Array(n);
  for (let j = 0; j < common; j++) if (same[j]) used[j] = 1;
  // Buckets of unused old indices by hash, only for old positions that are themselves displaced.
  const buckets = new Map<number, Bucket>();
  for (let i = 0; i < n; i++) {
    if (used[i]) continue;
    const h = hash(a[i]);
    const list = buckets.get(h);
    if (list) list.push(i);
    else buckets.set(h, Object.assign([i], { start: 0 }));
  }
  const target = new Array<number>(n).fill(-1);
  let moved = false;
  for (let j = 0; j < common; j++) {
    if (same[j]) {
      target[j] = j;
      continue;
    }
    const list = buckets.get(hash(b[j]));
    if (!list) continue;
    // Skip used heads; look at a bounded number of candidates so hash collisions stay cheap.
    while (list.length > list.start && used[list[list.start]]) list.start++;
    for (let q = list.start, seen = 0; q < list.length && seen < MAX_CANDIDATES; q++, seen++) {
      const i = list[q];
      if (!used[i] && equals(a[i], b[j])) {
        used[i] = 1;
        target[j] = i;
        if (i !== j) moved = true;
        break;
      }
    }
  }
  if (!moved) return null;
  // Unmatched positions take the remaining old elements in their original order.
  let next = 0;
  for (let k = 0; k < n; k++) {
    if (target[k] !== -1) continue;
    while (used[next]) next++;
    used[next] = 1;
    target[k] = next;
  }
  for (let k = 0; k < n; k++) if (target[k] !== k) return target;
  return null;
}

/**
 * Move ops (as [from, to] pairs, applied in order) that turn identity into `target`, moving
 * only elements off a longest increasing run; null when that takes more than a few moves.
 */
function movesFor(target: readonly number[]): Array<[number, number]> | null {
  const n = target.length;
  const keep = longestIncreasing(target);
  const moveCount = n - keep.size;
  if (moveCount > MAX_MOVES || (moveCount > 1 && moveCount * 4 > n)) return null;
  // cur holds old indices in current order; rank[oldIndex] = target position.
  const rank = new Array<number>(n);
  for (let k = 0; k < n; k++) rank[target[k]] = k;
  const cur: number[] = [];
  for (let i = 0; i < n; i++) cur.push(i);
  const placed = new Uint8Array(n); // by old index: in final relative order already
  for (const i of keep) placed[i] = 1;
  const out: Array<[number, number]> = [];
  for (let k = 0; k < n; k++) {
    const x = target[k];
    if (placed[x]) continue;
    // Put x right after the placed element with the largest rank below k (or first).
    const from = cur.indexOf(x);
    cur.splice(from, 1);
    let to = 0;
    for (let p = cur.length - 1; p >= 0; p--) {
      if (placed[cur[p]] && rank[cur[p]] < k) {
        to = p + 1;
        break;
      }
    }
    cur.splice(to, 0, x);
    placed[x] = 1;
    if (from !== to) out.push([from, to]);
  }
  return out;
}

/** The set of values in one longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(xs: readonly number[]): Set<number> {
  const tails: number[] = []; // indices into xs
  const prev = new Array<number>(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]] < xs[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i !== -1; i = prev[i]) out.add(xs[i]);
  return out;
}
