/**
 * From reducer state to the ordinary Value: registers give their value, maps and sets their live
 * entries (an ancestor's removal hides what it observed), sequences their visible elements in
 * order — as a list, or joined into a string. The sequence order is the reference's: a walk from
 * the start where, among elements inserted after the same predecessor, the greatest id comes
 * first; elements whose predecessor is unknown follow, in id order, each with its descendants.
 */

import type { Value } from "../value.js";
import { compareKeys, emptyEntries } from "../value.js";
import type { ElementId } from "./ids.js";
import { DotSet, compareIds, idKey } from "./ids.js";
import type { Node, SeqEntry, SeqNode } from "./nodes.js";
import { positionIn } from "./nodes.js";
import type { Policy } from "./spec.js";
import { childPolicy } from "./spec.js";

const INCOMPATIBLE = "CRDT policy has incompatible reducer state";

/** The sequence's inserted entries in document order (deleted ones included), cached on the node. */
export function orderedEntries(seq: SeqNode): SeqEntry[] {
  if (seq.order !== null) return seq.order;
  const ordered: SeqEntry[] = [];
  const visited = new Set<SeqEntry>();
  const walk = (parent: string): void => {
    const first = seq.children.get(parent);
    if (!first) return;
    const stack = first.slice();
    while (stack.length > 0) {
      const id = stack.pop()!;
      const k = idKey(id);
      const entry = seq.entries.get(k)!;
      if (visited.has(entry)) continue;
      visited.add(entry);
      entry.pos = ordered.length;
      ordered.push(entry);
      const below = seq.children.get(k);
      if (below) for (let i = 0; i < below.length; i++) stack.push(below[i]);
    }
  };
  walk("");
  const reachable = ordered.length;
  if (visited.size < seq.inserted) {
    const orphans = [...seq.entries.values()].filter((e) => e.inserted && !visited.has(e)).sort((a, b) => compareIds(a.id, b.id));
    for (const e of orphans) {
      if (visited.has(e)) continue;
      visited.add(e);
      e.pos = ordered.length;
      ordered.push(e);
      walk(idKey(e.id));
    }
  }
  // a cache, not reducer state: a failed batch clears it (see CrdtDocument), so no journal entry
  seq.order = ordered;
  seq.orphans = ordered.length > reachable;
  return ordered;
}

/**
 * The ids of visible positions `from - 1` (null when `from` is 0: the start) and `from` up to
 * `from + count`, for a positional splice; `length` is the number of visible elements when the
 * walk had to go to the end (-1 when it stopped early).
 */
export function visibleSpan(seq: SeqNode, from: number, count: number): { before: ElementId | null; ids: ElementId[]; length: number } {
  const order = orderedEntries(seq);
  let before: ElementId | null = null;
  const ids: ElementId[] = [];
  let n = 0;
  for (let i = 0; i < order.length; i++) {
    const e = order[i];
    if (e.deleted) continue;
    if (n === from - 1) before = e.id;
    else if (n >= from && n < from + count) ids.push(e.id);
    n++;
    if (n >= from + count && n >= from) return { before, ids, length: -1 };
  }
  return { before, ids, length: n };
}

/**
 * The number of visible elements before element `id` (`including`: and it too, when visible); -1
 * when the sequence never had it.
 */
export function visibleIndex(seq: SeqNode, id: ElementId, including: boolean): number {
  const entry = seq.entries.get(idKey(id));
  if (!entry || !entry.inserted) return -1;
  const order = orderedEntries(seq);
  const at = positionIn(order, entry);
  if (at < 0) return -1;
  let n = 0;
  for (let i = 0; i < at; i++) if (!order[i].deleted) n++;
  return including && !entry.deleted ? n + 1 : n;
}

/** The visible element ids (not deleted), in order: what positions in the materialised value map to. */
export function visibleIds(seq: SeqNode): ElementId[] {
  const out: ElementId[] = [];
  for (const e of orderedEntries(seq)) if (!e.deleted) out.push(e.id);
  return out;
}

function union(removed: DotSet | null, more: DotSet): DotSet | null {
  if (more.size === 0) return removed;
  const out = new DotSet();
  if (removed) for (const d of removed.values()) out.add(d);
  for (const d of more.values()) out.add(d);
  return out;
}

/**
 * The node's value, or undefined when it is hidden (a register whose writing dot an ancestor's
 * removal covers). `removed` is the ancestors' removed dots (null: none, and the cache may be used).
 */
export function materialize(node: Node, policy: Policy, removed: DotSet | null): Value | undefined {
  if (removed === null && node.cache !== undefined) return node.cache;
  let out: Value | undefined;
  if (node.kind === "register" && policy.kind === "register") {
    out = node.dot !== null && !(removed && removed.has(node.dot)) ? node.value ?? "Null" : undefined;
  } else if (node.kind === "map" && policy.kind === "map") {
    const map = emptyEntries();
    for (const key of [...node.entries.keys()].sort(compareKeys)) {
      const entry = node.entries.get(key)!;
      const inner = union(removed, entry.removed);
      if (inner === null ? entry.dots.size > 0 : entry.dots.anyOutside(inner)) {
        map[key] = materialize(entry.node, childPolicy(policy, key), inner) ?? "Null";
      }
    }
    out = { Map: map };
  } else if (node.kind === "set" && policy.kind === "set") {
    const items: Value[] = [];
    for (const key of [...node.entries.keys()].sort(compareKeys)) {
      const entry = node.entries.get(key)!;
      const inner = union(removed, entry.removed);
      if (inner === null ? entry.adds.size > 0 : entry.adds.anyOutside(inner)) {
        const v = materialize(entry.node, policy.element, inner);
        if (v !== undefined) items.push(v);
      }
    }
    out = { List: items };
  } else if (node.kind === "sequence" && policy.kind === "sequence") {
    const items: Value[] = [];
    const order = orderedEntries(node);
    for (let i = 0; i < order.length; i++) {
      const e = order[i];
      if (e.deleted || e.node === null || (removed && removed.has(e.id.dot))) continue;
      const v = removed === null && e.node.cache !== undefined ? e.node.cache : materialize(e.node, policy.element, removed);
      if (v !== undefined) items.push(v);
    }
    if (policy.materialization === "list") out = { List: items };
    else {
      const chars: string[] = new Array(items.length);
      for (let i = 0; i < items.length; i++) {
        const v = items[i];
        if (v === "Null" || typeof (v as { Str?: unknown }).Str !== "string") throw new Error("string sequence element did not materialize as a string");
        const c = (v as { Str: string }).Str;
        if (c.length === 0 || c.length > 2 || (c.length === 2 && c.codePointAt(0)! <= 0xffff)) {
          throw new Error("string sequence element must contain one Unicode scalar value");
        }
        chars[i] = c;
      }
      out = { Str: chars.join("") };
    }
  } else throw new Error(INCOMPATIBLE);
  if (removed === null && out !== undefined) node.cache = out;
  return out;
}
