/**
 * The form's layout model in rows ("units"): how many rows a value takes when drawn, so windowing
 * (windowing.ts) can place every child of a large container without building it. A scalar is one
 * row; a container is its label row (when it has a label), its children (unless folded), a table's
 * header row and its add-button row. A table row (a record in a list of records) is one row. These
 * are estimates in rows; the form turns them into pixels with its measured row height.
 *
 * Subtree counts are cached by value object: values are immutable and a patch makes new objects
 * only along its path, so after a one-field change every other subtree's count is still cached.
 * The cache holds only subtrees with no folded container inside (folds are per path, not per value).
 */

import type { Segment } from "./path.js";
import { isKey } from "./path.js";
import type { Node } from "./schema.js";
import { child, keyOrder } from "./schema.js";
import { recordColumns } from "./schema-controls.js";
import type { ListValue, MapValue, Value } from "./value.js";
import { sortedKeys } from "./value.js";

/** The folded paths as a tree of segments, so a walk knows in O(1) per step whether a fold is below. */
export class FoldTrie {
  here = false;
  readonly kids = new Map<string, FoldTrie>();

  static segKey(s: Segment): string {
    return isKey(s) ? "k" + s.Key : "i" + s.Index;
  }

  add(path: readonly Segment[]): void {
    let n: FoldTrie = this;
    for (const s of path) {
      const k = FoldTrie.segKey(s);
      let next = n.kids.get(k);
      if (!next) n.kids.set(k, (next = new FoldTrie()));
      n = next;
    }
    n.here = true;
  }

  step(s: Segment): FoldTrie | null {
    return this.kids.get(FoldTrie.segKey(s)) ?? null;
  }
}

/** The children of a container in the order the form shows them (declaration order with a schema). */
export function childOrder(v: Value, sch: Node | null): Segment[] {
  if (typeof v === "object" && "Map" in v) return keyOrder(sch, sortedKeys((v as MapValue).Map)).map((k) => ({ Key: k }));
  if (typeof v === "object" && "List" in v) {
    const n = (v as ListValue).List.length;
    const out = new Array<Segment>(n);
    for (let i = 0; i < n; i++) out[i] = { Index: i };
    return out;
  }
  return [];
}

/** True for a list drawn as a table (a list of records whose schema names their columns). */
export function isTable(v: Value, sch: Node | null): boolean {
  return typeof v === "object" && "List" in v && sch !== null && recordColumns(child(sch, { Index: 0 })) !== null;
}

/** True for a Java Map (keys can be added): it has an add-key button row. */
function isKeyed(sch: Node | null): boolean {
  return !!sch && sch.s.additionalProperties !== undefined && !sch.s.properties;
}

export class Units {
  private cache = new WeakMap<object, number>();

  /** Forgets every count (folds changed, or the schema did). */
  clear(): void {
    this.cache = new WeakMap();
  }

  /** Rows above a container's first child inside its own row: its label and a table's header. */
  header(v: Value, sch: Node | null, labeled: boolean): number {
    return (labeled ? 1 : 0) + (isTable(v, sch) ? 1 : 0);
  }

  /**
   * Rows that value `v` (schema `sch`) takes. `labeled`: it has a label row (everything but the
   * root); `table`: it is a table row (a record in a table, one row); `fold`: the fold trie at its
   * path (null when nothing below is folded).
   */
  of(v: Value, sch: Node | null, labeled: boolean, table: boolean, fold: FoldTrie | null): number {
    if (typeof v !== "object") return 1; // "Null"
    const isMap = "Map" in v;
    if (!isMap && !("List" in v)) return 1;
    if (table) return 1;
    if (fold?.here) return labeled ? 1 : 0;
    if (fold === null) {
      const hit = this.cache.get(v);
      if (hit !== undefined) return labeled ? hit + 1 : hit;
    }
    const n = this.inner(v, sch, fold);
    if (fold === null) this.cache.set(v, n);
    return labeled ? n + 1 : n;
  }

  /** Rows of a container below its label when open (its own fold ignored). */
  inner(v: Value, sch: Node | null, fold: FoldTrie | null): number {
    if (typeof v !== "object") return 0;
    const isMap = "Map" in v;
    let n = 0;
    if (isMap) {
      const entries = (v as MapValue).Map;
      for (const k in entries) {
        const seg = { Key: k };
        n += this.of(entries[k], sch ? child(sch, seg) : null, true, false, fold ? fold.step(seg) : null);
      }
      if (isKeyed(sch)) n += 1;
    } else {
      const items = (v as ListValue).List;
      const itemSch = sch ? child(sch, { Index: 0 }) : null;
      if (sch && recordColumns(itemSch)) n += 1 + items.length;
      else for (let i = 0; i < items.length; i++) n += this.of(items[i], itemSch, true, false, fold ? fold.step({ Index: i }) : null);
      n += 1; // the add-item button
    }
    return n;
  }

  /** The rows of each child of container `v` in display `order`, as prefix sums (length n + 1). */
  prefix(v: Value, sch: Node | null, order: readonly Segment[], fold: FoldTrie | null): Float64Array {
    const out = new Float64Array(order.length + 1);
    const table = isTable(v, sch);
    const entries = (v as MapValue).Map;
    const items = (v as ListValue).List;
    const itemSch = items && sch ? child(sch, { Index: 0 }) : null;
    let acc = 0;
    for (let i = 0; i < order.length; i++) {
      const s = order[i];
      const cv = isKey(s) ? entries[s.Key] : items[s.Index];
      const cs = isKey(s) ? (sch ? child(sch, s) : null) : itemSch;
      acc += this.of(cv, cs, true, table, fold ? fold.step(s) : null);
      out[i + 1] = acc;
    }
    return out;
  }
}
