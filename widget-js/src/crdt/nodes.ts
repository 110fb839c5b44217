/**
 * The reducer's per-node state, shaped by the spec: a last-writer-wins register (value and the
 * dot that wrote it), a map and a keyed set (entries with the dots that made them live and the
 * dots removed from them), and a sequence (elements by stable id, each after a predecessor id,
 * plus delete marks). Also the merge of a whole value into a node (initial values and
 * map_set/set_add values) and set member identities.
 *
 * Each node may cache its materialised value (valid only when no ancestor removal filters it);
 * whoever changes a node clears its cache and the caches of the nodes above it. A sequence keeps
 * an index from predecessor to its inserted children (sorted by id) so its order is one walk.
 */

import type { Value } from "../value.js";
import { tagOf } from "../value.js";
import type { Dot, ElementId } from "./ids.js";
import { DotSet, compareDots, compareIds, idKey, sameId } from "./ids.js";
import { serdeValueText } from "./serde-json.js";
import type { Policy } from "./spec.js";
import { childPolicy } from "./spec.js";

export interface RegisterNode {
  readonly kind: "register";
  value: Value | null;
  dot: Dot | null;
  cache?: Value;
}
export interface MapEntry {
  node: Node;
  readonly dots: DotSet;
  readonly removed: DotSet;
  readonly removalOps: DotSet;
}
export interface MapNode {
  readonly kind: "map";
  readonly entries: Map<string, MapEntry>;
  cache?: Value;
}
export interface SetEntry {
  node: Node;
  readonly adds: DotSet;
  readonly removed: DotSet;
  readonly removalOps: DotSet;
}
export interface SetNode {
  readonly kind: "set";
  readonly entries: Map<string, SetEntry>;
  cache?: Value;
}
export interface SeqEntry {
  readonly id: ElementId;
  after: ElementId | null;
  node: Node | null;
  inserted: boolean;
}
export interface SeqDeletes {
  readonly id: ElementId;
  readonly dots: DotSet;
}
export interface SeqNode {
  readonly kind: "sequence";
  readonly entries: Map<string, SeqEntry>;
  readonly deletes: Map<string, SeqDeletes>;
  /** Inserted element ids by predecessor key ("" for none), ascending by id. */
  readonly children: Map<string, ElementId[]>;
  inserted: number;
  cache?: Value;
}
export type Node = RegisterNode | MapNode | SetNode | SeqNode;

export function emptyNode(policy: Policy): Node {
  switch (policy.kind) {
    case "register":
      return { kind: "register", value: null, dot: null };
    case "map":
      return { kind: "map", entries: new Map() };
    case "set":
      return { kind: "set", entries: new Map() };
    default:
      return { kind: "sequence", entries: new Map(), deletes: new Map(), children: new Map(), inserted: 0 };
  }
}

export function newMapEntry(node: Node): MapEntry {
  return { node, dots: new DotSet(), removed: new DotSet(), removalOps: new DotSet() };
}

export function newSetEntry(node: Node): SetEntry {
  return { node, adds: new DotSet(), removed: new DotSet(), removalOps: new DotSet() };
}

export function parentKey(after: ElementId | null): string {
  return after === null ? "" : idKey(after);
}

/** Places a sequence entry after `after` and marks it inserted, keeping the children index. */
export function placeEntry(seq: SeqNode, entry: SeqEntry, after: ElementId | null): void {
  if (entry.inserted) {
    if (sameId(entry.after, after)) return;
    const old = seq.children.get(parentKey(entry.after));
    if (old) {
      const i = old.findIndex((id) => compareIds(id, entry.id) === 0);
      if (i >= 0) old.splice(i, 1);
    }
  } else {
    entry.inserted = true;
    seq.inserted++;
  }
  entry.after = after;
  const k = parentKey(after);
  let list = seq.children.get(k);
  if (!list) seq.children.set(k, (list = []));
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareIds(list[mid], entry.id) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, entry.id);
}

/** The sequence entry for `id`, created empty (not inserted, no node) when absent. */
export function seqEntry(seq: SeqNode, id: ElementId): SeqEntry {
  const k = idKey(id);
  let entry = seq.entries.get(k);
  if (!entry) seq.entries.set(k, (entry = { id, after: null, node: null, inserted: false }));
  return entry;
}

/** Writes a register if `dot` is at least its current dot (last writer wins by dot order). */
export function setRegister(node: RegisterNode, value: Value, dot: Dot): void {
  if (node.dot === null || compareDots(dot, node.dot) >= 0) {
    node.value = value;
    node.dot = dot;
    node.cache = undefined;
  }
}

/** The characters of a string sequence: Unicode scalar values, as the reference splits them. */
export function scalarValues(s: string): Value[] {
  return Array.from(s, (c) => ({ Str: c }));
}

/** Merges a whole value into `node` under `dot` (an initial value, or a map_set/set_add value). */
export function mergeValue(node: Node, policy: Policy, value: Value, dot: Dot): void {
  if (node.kind === "register" && policy.kind === "register") {
    setRegister(node, value, dot);
    return;
  }
  node.cache = undefined;
  if (node.kind === "map" && policy.kind === "map") {
    if (value === "Null" || tagOf(value) !== "Map") throw new Error("map policy requires a map value");
    const map = (value as { Map: Record<string, Value> }).Map;
    for (const key of Object.keys(map)) {
      const cp = childPolicy(policy, key);
      let entry = node.entries.get(key);
      if (!entry) node.entries.set(key, (entry = newMapEntry(emptyNode(cp))));
      entry.dots.add(dot);
      mergeValue(entry.node, cp, map[key], dot);
    }
    return;
  }
  if (node.kind === "set" && policy.kind === "set") {
    if (value === "Null" || tagOf(value) !== "List") throw new Error("set policy requires a list value");
    for (const item of (value as { List: Value[] }).List) {
      const key = memberKey(policy.keys, item);
      let entry = node.entries.get(key);
      if (!entry) node.entries.set(key, (entry = newSetEntry(emptyNode(policy.element))));
      entry.adds.add(dot);
      mergeValue(entry.node, policy.element, item, dot);
    }
    return;
  }
  if (node.kind === "sequence" && policy.kind === "sequence") {
    const tag = value === "Null" ? "Null" : tagOf(value);
    let values: readonly Value[];
    if (policy.materialization === "list") {
      if (tag !== "List") throw new Error("list sequence policy requires a list value");
      values = (value as { List: Value[] }).List;
    } else {
      if (tag !== "Str") throw new Error("string sequence policy requires a string value");
      values = scalarValues((value as { Str: string }).Str);
    }
    let predecessor: ElementId | null = null;
    values.forEach((child, index) => {
      const id: ElementId = { dot, index };
      const entry = seqEntry(node, id);
      if (entry.node === null) entry.node = emptyNode(policy.element);
      mergeValue(entry.node, policy.element, child, dot);
      placeEntry(node, entry, predecessor);
      predecessor = id;
    });
    return;
  }
  throw new Error("CRDT policy has incompatible reducer state");
}

function debugKeyPath(path: readonly string[]): string {
  return `[${path.map((s) => JSON.stringify(s)).join(", ")}]`;
}

function valueAtKeyPath(value: Value, path: readonly string[]): Value {
  let v = value;
  for (const segment of path) {
    if (v === "Null" || tagOf(v) !== "Map") throw new Error(`set key path ${debugKeyPath(path)} descends through a non-map value`);
    const next = Object.prototype.hasOwnProperty.call((v as { Map: object }).Map, segment) ? (v as { Map: Record<string, Value> }).Map[segment] : undefined;
    if (next === undefined) throw new Error(`set key path ${debugKeyPath(path)} is missing segment ${JSON.stringify(segment)}`);
    v = next;
  }
  return v;
}

/** A set member's identity: the whole value's JSON, or the JSON of its key paths and their values. */
export function memberKey(keys: readonly (readonly string[])[], value: Value): string {
  if (keys.length === 0) return serdeValueText(value);
  const parts = keys.map((path) => `[${JSON.stringify(path)},${serdeValueText(valueAtKeyPath(value, path))}]`);
  return `[${parts.join(",")}]`;
}

export function mapEntryVisible(entry: MapEntry): boolean {
  return entry.dots.anyOutside(entry.removed);
}

export function setEntryActiveAdds(entry: SetEntry): Dot[] {
  return [...entry.adds.values()].filter((d) => !entry.removed.has(d));
}

/** The dots that keep a node's content alive (what a remove of it must cover). */
export function liveDots(node: Node, into: DotSet): void {
  switch (node.kind) {
    case "register":
      if (node.dot) into.add(node.dot);
      return;
    case "map":
      for (const entry of node.entries.values()) {
        if (!mapEntryVisible(entry)) continue;
        for (const d of entry.dots.values()) into.add(d);
        liveDots(entry.node, into);
      }
      return;
    case "set":
      for (const entry of node.entries.values()) {
        const active = setEntryActiveAdds(entry);
        if (active.length === 0) continue;
        for (const d of active) into.add(d);
        liveDots(entry.node, into);
      }
      return;
    default:
      for (const [k, entry] of node.entries) if (entry.inserted && !node.deletes.has(k)) into.add(entry.id.dot);
  }
}

function cloneDots(from: DotSet): DotSet {
  const out = new DotSet();
  for (const d of from.values()) out.add(d);
  return out;
}

/** A deep copy (dots, ids and values are immutable and shared), so a batch can be applied all or nothing. */
export function cloneNode(node: Node): Node {
  switch (node.kind) {
    case "register":
      return { kind: "register", value: node.value, dot: node.dot, cache: node.cache };
    case "map": {
      const entries = new Map<string, MapEntry>();
      for (const [k, e] of node.entries) entries.set(k, { node: cloneNode(e.node), dots: cloneDots(e.dots), removed: cloneDots(e.removed), removalOps: cloneDots(e.removalOps) });
      return { kind: "map", entries, cache: node.cache };
    }
    case "set": {
      const entries = new Map<string, SetEntry>();
      for (const [k, e] of node.entries) entries.set(k, { node: cloneNode(e.node), adds: cloneDots(e.adds), removed: cloneDots(e.removed), removalOps: cloneDots(e.removalOps) });
      return { kind: "set", entries, cache: node.cache };
    }
    default: {
      const entries = new Map<string, SeqEntry>();
      for (const [k, e] of node.entries) entries.set(k, { id: e.id, after: e.after, node: e.node && cloneNode(e.node), inserted: e.inserted });
      const deletes = new Map<string, SeqDeletes>();
      for (const [k, d] of node.deletes) deletes.set(k, { id: d.id, dots: cloneDots(d.dots) });
      const children = new Map<string, ElementId[]>();
      for (const [k, list] of node.children) children.set(k, list.slice());
      return { kind: "sequence", entries, deletes, children, inserted: node.inserted, cache: node.cache };
    }
  }
}
