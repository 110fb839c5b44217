/**
 * List reconciliation for diff, in near-linear time, with the same decisions as the Java core:
 *
 * 1. Drop the common prefix and suffix.
 * 2. A pure insertion or deletion in the middle becomes Inserts (in order) or RemoveAts (from the
 *    back) at that spot, so prepending is one Insert.
 * 3. When the middles are a rotation by one, the one moved element is one Move.
 * 4. Otherwise each new element is matched to the first unused equal old element (hash buckets);
 *    matched elements off one longest increasing run are moved into place while the moves are
 *    few (one always; else at most one per 8 elements of the list and 16 in all). A permutation
 *    with more moves is one Reorder; a mixed change with more moves keeps only the run as anchors.
 * 5. The stretches between anchors are diffed position by position (recursing into element
 *    pairs), with RemoveAts or Inserts at the end of each stretch.
 * 6. When the ops only write whole elements, all of the new list, in two ops or more, they are
 *    replaced by one Set of the list. So are ops more than twice the new length plus 16 (a
 *    safety net of this client only; it never fires on the small lists the vectors pin).
 */

import { walk } from "./diff.js";
import type { Path, Segment } from "./path.js";
import type { Op } from "./patch.js";
import type { Value } from "./value.js";
import { equals, hash } from "./value.js";

/** At most this many Moves; more become a Reorder (permutations) or positional ops. */
const MAX_MOVES = 16;

function same(a: Value, b: Value): boolean {
  return a === b || equals(a, b);
}

/** Moves are worth it while few: one always; otherwise one per 8 elements and 16 in all. */
function fewMoves(moves: number, length: number): boolean {
  return moves >= 1 && moves <= Math.min(MAX_MOVES, Math.max(1, Math.floor(length / 8)));
}

export function diffList(a: readonly Value[], b: readonly Value[], path: Segment[], ops: Op[]): void {
  if (a === b) return;
  const start = ops.length;
  new ListDiff(a, b, path, ops).run();
  // The second test is a TS-only safety net (the Java core has only the first): a list replaced by
  // a much shorter, unrelated one would otherwise cost one RemoveAt per dropped element.
  if (rebuildsEverything(ops, start, path.length, b.length) || ops.length - start > 2 * b.length + 16) {
    ops.length = start;
    ops.push({ Set: { path: path.slice(), value: { List: b } } });
  }
}

/** True when the ops only write whole elements, all `m` of them, in two ops or more. */
function rebuildsEverything(ops: readonly Op[], start: number, depth: number, m: number): boolean {
  if (ops.length - start < 2) return false;
  let written = 0;
  for (let i = start; i < ops.length; i++) {
    const op = ops[i];
    if ("Insert" in op && op.Insert.path.length === depth) written++;
    else if ("Set" in op && op.Set.path.length === depth + 1) written++;
    else if (!("RemoveAt" in op && op.RemoveAt.path.length === depth)) return false;
  }
  return written === m;
}

function identity(n: number): number[] {
  const r = new Array<number>(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

/** One group of equal old elements: a representative and the unused indexes, in order. */
interface Group {
  readonly value: Value;
  readonly indexes: number[];
  next: number;
}

class ListDiff {
  private readonly p: Path; // the list's own path, shared by its ops
  private pre = 0; // length of the common prefix
  private na = 0; // length of the old middle
  private nb = 0; // length of the new middle

  constructor(
    private readonly a: readonly Value[],
    private readonly b: readonly Value[],
    private readonly path: Segment[],
    private readonly out: Op[],
  ) {
    this.p = path.slice();
  }

  run(): void {
    const { a, b } = this;
    const n = a.length;
    const m = b.length;
    let pre = 0;
    while (pre < n && pre < m && same(a[pre], b[pre])) pre++;
    let s = 0;
    while (s < n - pre && s < m - pre && same(a[n - 1 - s], b[m - 1 - s])) s++;
    this.pre = pre;
    this.na = n - pre - s;
    this.nb = m - pre - s;
    if (this.na === 0) {
      for (let j = 0; j < this.nb; j++) this.insert(pre + j, b[pre + j]);
      return;
    }
    if (this.nb === 0) {
      for (let j = this.na - 1; j >= 0; j--) this.removeAt(pre + j);
      return;
    }
    if (this.na === this.nb && this.na >= 2 && this.singleMove()) return;
    this.reconcile();
  }

  private aMid(i: number): Value {
    return this.a[this.pre + i];
  }

  private bMid(k: number): Value {
    return this.b[this.pre + k];
  }

  private insert(index: number, value: Value): void {
    this.out.push({ Insert: { path: this.p, index, value } });
  }

  private removeAt(index: number): void {
    this.out.push({ RemoveAt: { path: this.p, index } });
  }

  private move(from: number, to: number): void {
    this.out.push({ Move: { path: this.p, from, to } });
  }

  /** One element moved: the middles are a rotation by one, in either direction. */
  private singleMove(): boolean {
    const last = this.na - 1;
    if (same(this.aMid(0), this.bMid(last))) {
      let j = 1;
      while (j < this.na && same(this.aMid(j), this.bMid(j - 1))) j++;
      if (j === this.na) {
        this.move(this.pre, this.pre + last);
        return true;
      }
    }
    if (same(this.aMid(last), this.bMid(0))) {
      let j = 0;
      while (j < last && same(this.aMid(j), this.bMid(j + 1))) j++;
      if (j === last) {
        this.move(this.pre + last, this.pre);
        return true;
      }
    }
    return false;
  }

  /** For each new middle element, the first unused equal old middle index, or -1. */
  private matches(): number[] {
    const { na, nb } = this;
    const buckets = new Map<number, Group[]>();
    for (let i = 0; i < na; i++) {
      const v = this.aMid(i);
      const h = hash(v);
      let groups = buckets.get(h);
      if (!groups) buckets.set(h, (groups = []));
      const g = groups.find((x) => same(x.value, v));
      if (g) g.indexes.push(i);
      else groups.push({ value: v, indexes: [i], next: 0 });
    }
    const match = new Array<number>(nb);
    for (let k = 0; k < nb; k++) {
      const v = this.bMid(k);
      const groups = buckets.get(hash(v));
      const g = groups?.find((x) => same(x.value, v));
      match[k] = g && g.next < g.indexes.length ? g.indexes[g.next++] : -1;
    }
    return match;
  }

  private reconcile(): void {
    const { na, nb } = this;
    const match = this.matches();
    const seq: number[] = [];
    for (const x of match) if (x >= 0) seq.push(x);
    const onRun = longestRun(seq);
    let moves = 0;
    for (let t = 0; t < seq.length; t++) if (!onRun[t]) moves++;
    const length = this.a.length;

    if (seq.length === na && na === nb) {
      if (fewMoves(moves, length)) this.emitMoves(match, onRun);
      else if (moves > 0) {
        const order = identity(length);
        for (let k = 0; k < nb; k++) order[this.pre + k] = this.pre + match[k];
        this.out.push({ Reorder: { path: this.p, order } });
      }
      return;
    }
    const anchor = new Uint8Array(nb);
    let cur: number[];
    if (fewMoves(moves, length)) {
      cur = this.emitMoves(match, onRun);
      for (let k = 0; k < nb; k++) anchor[k] = match[k] >= 0 ? 1 : 0;
    } else {
      cur = identity(na);
      for (let k = 0, t = 0; k < nb; k++) if (match[k] >= 0) anchor[k] = onRun[t++] ? 1 : 0;
    }
    this.stretches(match, anchor, cur);
  }

  /**
   * Moves every matched element off the run to just after the matched element that precedes it
   * in the new order (or to the front). Returns the middle's order afterwards, as old indexes.
   */
  private emitMoves(match: readonly number[], onRun: readonly boolean[]): number[] {
    const cur = identity(this.na);
    let pred = -1; // old index of the previous matched element in the new order
    for (let k = 0, t = 0; k < this.nb; k++) {
      const x = match[k];
      if (x < 0) continue;
      if (!onRun[t++]) {
        const from = cur.indexOf(x);
        let to = 0;
        if (pred >= 0) {
          const g = cur.indexOf(pred);
          to = from < g ? g : g + 1;
        }
        if (from !== to) {
          this.move(this.pre + from, this.pre + to);
          cur.splice(from, 1);
          cur.splice(to, 0, x);
        }
      }
      pred = x;
    }
    return cur;
  }

  /**
   * Fixes each stretch between two anchors: pairs diffed position by position, then the surplus
   * removed or the shortfall inserted at its end. Before each stretch the list up to it already
   * equals the new list, so indexes are new indexes.
   */
  private stretches(match: readonly number[], anchor: Uint8Array, cur: readonly number[]): void {
    const { na, nb, pre, path } = this;
    const posOf = new Array<number>(na);
    for (let c = 0; c < na; c++) posOf[cur[c]] = c;
    let prevC = -1;
    let prevB = -1;
    for (let k = 0; k <= nb; k++) {
      if (k < nb && !anchor[k]) continue;
      const c = k < nb ? posOf[match[k]] : na;
      const ga = c - prevC - 1;
      const gb = k - prevB - 1;
      const at = pre + prevB + 1;
      const common = Math.min(ga, gb);
      for (let j = 0; j < common; j++) {
        path.push({ Index: at + j });
        walk(this.aMid(cur[prevC + 1 + j]), this.bMid(prevB + 1 + j), path, this.out);
        path.pop();
      }
      for (let j = ga - 1; j >= gb; j--) this.removeAt(at + j);
      for (let j = ga; j < gb; j++) this.insert(at + j, this.bMid(prevB + 1 + j));
      prevC = c;
      prevB = k;
    }
  }
}

/** Which entries of `seq` (distinct numbers) lie on one longest increasing subsequence. */
export function longestRun(seq: readonly number[]): boolean[] {
  const n = seq.length;
  const tails: number[] = []; // tails[l]: position in seq of the smallest tail of a run of length l+1
  const prev = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    prev[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const on = new Array<boolean>(n).fill(false);
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) on[i] = true;
  return on;
}
