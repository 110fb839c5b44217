/**
 * Windowing of one large container (a record, map or list whose rows exceed WINDOW_ROWS): only the
 * children near the viewport are built; the rest are stood in for by spacer elements whose heights
 * come from the layout model (layout-units.ts). This file holds the window's state and the pure
 * range arithmetic; ModelForm decides where the viewport is and builds the children.
 */

import type { Segment } from "./path.js";
import type { Value } from "./value.js";

/** Containers drawn as more rows than this are windowed. */
export const WINDOW_ROWS = 150;

/** The window of one container. */
export interface Win {
  /** The container value the order and prefix were computed for. */
  value: Value;
  /** Its children in display order. */
  order: Segment[];
  /** prefix[i]: rows above child i inside the children area; prefix[n]: all of them. */
  prefix: Float64Array;
  /** Positions (into `order`) of the children that are built now. */
  live: Set<number>;
  /** The spacer elements now in the container. */
  spacers: HTMLElement[];
  /** The form's layout epoch the prefix was counted in (folds, schema and row height change it). */
  epoch: number;
  /** What was drawn last (row height and positions), so an unchanged window is not drawn again. */
  drawn: string;
  /** Position of each key, for a map (made when first needed). */
  pos?: Map<string, number>;
}

/** The first child whose rows reach below `row` (binary search over prefix sums). */
export function childAt(prefix: Float64Array, row: number): number {
  const n = prefix.length - 1;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (prefix[mid + 1] <= row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The positions to build: the children that overlap rows [fromRow, toRow) of the children area,
 * plus `pinned` ones (a field being edited far away), sorted.
 */
export function wanted(prefix: Float64Array, fromRow: number, toRow: number, pinned: Iterable<number>): number[] {
  const n = prefix.length - 1;
  const out: number[] = [];
  if (n > 0 && toRow > 0 && fromRow < prefix[n]) {
    const lo = childAt(prefix, Math.max(0, fromRow));
    const hi = Math.min(n, childAt(prefix, toRow) + 1);
    for (let i = lo; i < hi; i++) out.push(i);
  }
  const extra = [...pinned].filter((i) => i >= 0 && i < n && (out.length === 0 || i < out[0] || i > out[out.length - 1]));
  if (extra.length === 0) return out;
  return [...new Set([...out, ...extra])].sort((a, b) => a - b);
}

/** An empty element standing for `rows` rows of unbuilt children. */
export function spacer(doc: Document, tag: "li" | "div", rows: number, rowPx: number): HTMLElement {
  const s = doc.createElement(tag);
  s.className = "tp-spacer";
  s.setAttribute("aria-hidden", "true");
  s.style.height = `${rows * rowPx}px`;
  return s;
}
