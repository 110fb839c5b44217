/**
 * Keeping a sequence's cached value current without materialising it again: a new visible element
 * is spliced into the cached string (or list) at its offset, a deleted one cut out. Anything
 * unusual (no cached value or order, an element that is not a plain one-character register)
 * drops the cache instead, and the next read works it out in full — and reports any error.
 */

import type { Value } from "../value.js";
import type { SeqEntry, SeqNode } from "./nodes.js";
import { positionIn } from "./nodes.js";

function elementValue(e: SeqEntry): Value | undefined {
  const node = e.node;
  if (e.deleted || node === null || node.kind !== "register" || node.dot === null) return undefined;
  return node.value ?? "Null";
}

function isChar(v: Value | undefined): v is { Str: string } {
  if (v === undefined || v === "Null" || typeof (v as { Str?: unknown }).Str !== "string") return false;
  const c = (v as { Str: string }).Str;
  return c.length === 1 ? !(c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff) : c.length === 2 && c.codePointAt(0)! > 0xffff;
}

/** Whether the element adds to the value: register elements with a writer; other kinds always (they are not handled here). */
function visible(e: SeqEntry): boolean {
  return !e.deleted && e.node !== null && !(e.node.kind === "register" && e.node.dot === null);
}

/**
 * A known point of the cached order: the offset of order position `at` while the cached value is
 * `value`. Edits cluster (a person types where they typed last), so the next offset is counted from
 * here rather than from the start; any change of the cached value that is not made here (it is
 * replaced by another object) makes the point unusable.
 */
interface OffsetPoint {
  value: Value;
  at: number;
  offset: number;
}
const points = new WeakMap<SeqNode, OffsetPoint>();

function length(e: SeqEntry, text: boolean): number {
  return !visible(e) ? 0 : text ? (elementValue(e) as { Str: string }).Str.length : 1;
}

/** The UTF-16 offset (string) or item index (list) of order position `at`, counted from the nearest known point. */
function offsetOf(seq: SeqNode, at: number, text: boolean): number {
  const order = seq.order!;
  const p = points.get(seq);
  let i = 0;
  let n = 0;
  if (p && p.value === seq.cache && p.at <= order.length && Math.abs(p.at - at) < at) {
    i = p.at;
    n = p.offset;
  }
  for (; i < at; i++) n += length(order[i], text);
  for (; i > at; i--) n -= length(order[i - 1], text);
  return n;
}

/** Order position `at` has offset `offset` in the cached value `value`. */
function remember(seq: SeqNode, at: number, offset: number, value: Value): void {
  points.set(seq, { value, at, offset });
}

function usable(seq: SeqNode): "text" | "list" | null {
  const c = seq.cache;
  if (c === undefined || seq.order === null || c === "Null") return null;
  if (typeof (c as { Str?: unknown }).Str === "string") return "text";
  return Array.isArray((c as { List?: unknown }).List) ? "list" : null;
}

/** Element `entry` was just placed at order position `at`. */
export function cacheInserted(seq: SeqNode, entry: SeqEntry, at: number): void {
  // the entry is already in the order at `at`: a known point past it moved one place on
  const p = points.get(seq);
  if (p && p.value === seq.cache && p.at > at) {
    p.at += 1;
    p.offset += length(entry, typeof (seq.cache as { Str?: unknown } | undefined)?.Str === "string");
  }
  const kind = usable(seq);
  if (kind === null) return;
  if (entry.node !== null && entry.node.kind !== "register") {
    seq.cache = undefined;
    return;
  }
  const v = elementValue(entry);
  if (v === undefined) return; // invisible: the value does not change
  if (kind === "text" && !isChar(v)) {
    seq.cache = undefined;
    return;
  }
  const off = offsetOf(seq, at, kind === "text");
  if (kind === "text") {
    const s = (seq.cache as { Str: string }).Str;
    seq.cache = { Str: s.slice(0, off) + (v as { Str: string }).Str + s.slice(off) };
  } else {
    const items = (seq.cache as { List: readonly Value[] }).List.slice();
    items.splice(off, 0, v);
    seq.cache = { List: items };
  }
  remember(seq, at + 1, off + length(entry, kind === "text"), seq.cache);
}

/** Element `entry` is about to be marked deleted. */
export function cacheDeleting(seq: SeqNode, entry: SeqEntry): void {
  const kind = usable(seq);
  if (kind === null || !entry.inserted || !visible(entry)) return;
  if (entry.node !== null && entry.node.kind !== "register") {
    seq.cache = undefined;
    return;
  }
  const at = positionIn(seq.order!, entry);
  if (at < 0) {
    seq.cache = undefined;
    return;
  }
  const off = offsetOf(seq, at, kind === "text");
  if (kind === "text") {
    const s = (seq.cache as { Str: string }).Str;
    const len = (elementValue(entry) as { Str: string }).Str.length;
    seq.cache = { Str: s.slice(0, off) + s.slice(off + len) };
  } else {
    const items = (seq.cache as { List: readonly Value[] }).List.slice();
    items.splice(off, 1);
    seq.cache = { List: items };
  }
  // the entry is marked deleted right after this: from then on it adds nothing, so the point is after it
  remember(seq, at + 1, off, seq.cache);
}
