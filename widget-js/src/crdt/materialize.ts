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
import { DotSet, compareIds, dotKey, idKey } from "./ids.js";
import type { Node, SeqNode } from "./nodes.js";
import type { Policy } from "./spec.js";
import { childPolicy } from "./spec.js";

const INCOMPATIBLE = "CRDT policy has incompatible reducer state";

/** The sequence's inserted element ids in document order (deleted ones included). */
export function orderedIds(seq: SeqNode): ElementId[] {
  const ordered: ElementId[] = [];
  const visited = new Set<string>();
  const walk = (parent: string): void => {
    const first = seq.children.get(parent);
    if (!first) return;
    const stack = first.slice();
    while (stack.length > 0) {
      const id = stack.pop()!;
      const k = idKey(id);
      if (visited.has(k)) continue;
      visited.add(k);
      ordered.push(id);
      const below = seq.children.get(k);
      if (below) for (let i = 0; i < below.length; i++) stack.push(below[i]);
    }
  };
  walk("");
  if (visited.size < seq.inserted) {
    const orphans = [...seq.entries.values()].filter((e) => e.inserted && !visited.has(idKey(e.id))).sort((a, b) => compareIds(a.id, b.id));
    for (const e of orphans) {
      const k = idKey(e.id);
      if (visited.has(k)) continue;
      visited.add(k);
      ordered.push(e.id);
      walk(k);
    }
  }
  return ordered;
}

/** The visible element ids (not deleted), in order: what positions in the materialised value map to. */
export function visibleIds(seq: SeqNode): ElementId[] {
  return orderedIds(seq).filter((id) => !seq.deletes.has(idKey(id)));
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
    for (const id of orderedIds(node)) {
      const k = idKey(id);
      if (node.deletes.has(k) || (removed && removed.has(id.dot))) continue;
      const child = node.entries.get(k)!.node;
      if (child === null) continue;
      const v = materialize(child, policy.element, removed);
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

export { dotKey };
