/**
 * The reducer's per-node state, shaped by the spec: a last-writer-wins register (value and the
 * dot that wrote it), a map and a keyed set (entries with the dots that made them live and the
 * dots removed from them), and a sequence (elements by stable id, each after a predecessor id,
 * plus delete marks). Also the merge of a whole value into a node (initial values and
 * map_set/set_add values) and set member identities.
 *
 * Each node may cache its materialised value (valid only when no ancestor removal filters it);
 * whoever changes a node clears its cache and the caches of the nodes above it. A sequence keeps
 * an index from predecessor to its inserted children (sorted by id) so its order is one walk, and
 * caches that order; a new element goes straight into the cached order when the order rule allows
 * it (see placeEntry). Every change is made through journal.ts so a failed batch can be undone.
 */

import type { Value } from "../value.js";
import { tagOf } from "../value.js";
import type { Dot, ElementId } from "./ids.js";
import { DotSet, compareDots, compareIds, idKey, sameId } from "./ids.js";
import { assign, mapSet, undoable } from "./journal.js";
import { cacheInserted } from "./seq-cache.js";
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
  /** Whether some operation deleted this element (mirrors the sequence's delete marks). */
  deleted: boolean;
  /** Where this entry last was in the cached order (-1: unknown): a hint; it can only have moved later since. */
  pos: number;
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
  /** The inserted entries in document order, or null when it must be worked out again. */
  order: SeqEntry[] | null;
  /** Whether every inserted element's id is greater than its predecessor's (true for honest replicas). */
  monotone: boolean;
  /** Whether the cached order ends with elements whose predecessor chain does not reach the start. */
  orphans: boolean;
  cache?: Value;
}
export type Node = RegisterNode | MapNode | SetNode | SeqNode;

export function emptyNode(policy: Policy): Node {
  switch (policy.kind) {
    case "register":
      // every node starts with its cache field so all nodes of a kind share one object shape
      return { kind: "register", value: null, dot: null, cache: undefined };
    case "map":
      return { kind: "map", entries: new Map(), cache: undefined };
    case "set":
      return { kind: "set", entries: new Map(), cache: undefined };
    default:
      return emptySequence();
  }
}

export function emptySequence(): SeqNode {
  return { kind: "sequence", entries: new Map(), deletes: new Map(), children: new Map(), inserted: 0, order: [], monotone: true, orphans: false, cache: undefined };
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

/**
 * Places a sequence entry after `after` and marks it inserted, keeping the children index and,
 * when it can, the cached order. The order is a walk where siblings come greatest id first; when
 * every element's id is greater than its predecessor's, everything below a greater sibling is
 * greater too, so a new leaf goes right after its predecessor, past the run of greater ids.
 */
export function placeEntry(seq: SeqNode, entry: SeqEntry, after: ElementId | null): void {
  if (entry.inserted && sameId(entry.after, after)) return;
  const fresh = !entry.inserted;
  if (!fresh) {
    const old = seq.children.get(parentKey(entry.after));
    const i = old ? old.findIndex((id) => compareIds(id, entry.id) === 0) : -1;
    if (old && i >= 0) {
      old.splice(i, 1);
      undoable(() => old.splice(i, 0, entry.id));
    }
  } else {
    assign(entry, "inserted", true);
    assign(seq, "inserted", seq.inserted + 1);
  }
  assign(entry, "after", after);
  if (after !== null && compareIds(entry.id, after) <= 0) assign(seq, "monotone", false);
  const k = parentKey(after);
  let list = seq.children.get(k);
  if (!list) mapSet(seq.children, k, (list = []));
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareIds(list[mid], entry.id) < 0) lo = mid + 1;
    else hi = mid;
  }
  const children = list;
  children.splice(lo, 0, entry.id);
  undoable(() => children.splice(lo, 1));
  const order = seq.order;
  if (order === null) {
    seq.cache = undefined;
    return;
  }
  // the quick placement needs: a new leaf and a complete order (no unreachable elements)
  const leaf = fresh && !seq.children.get(idKey(entry.id))?.length;
  const at = leaf && !seq.orphans && order.length === seq.inserted - 1 ? leafPosition(seq, order, entry, after, children, lo) : -1;
  if (at < 0) {
    assign(seq, "order", null);
    seq.cache = undefined;
    return;
  }
  order.splice(at, 0, entry);
  entry.pos = at;
  undoable(() => order.splice(order.indexOf(entry), 1));
  cacheInserted(seq, entry, at);
}

/** How far `leafPosition` follows last children down before it gives up and the order is worked out again. */
const DESCENT_LIMIT = 64;

/**
 * Where a new leaf goes in the cached order (-1: unknown, work the order out again). The order is a
 * walk from the start where each element is followed by its children, greatest id first, each with
 * all below it. So the leaf goes where its next smaller sibling stands; with no smaller sibling,
 * right after the subtree of its smallest greater sibling (found by following last children down);
 * with no sibling, right after its predecessor. `siblings` is the predecessor's children (ascending,
 * the leaf among them at `self`).
 */
function leafPosition(seq: SeqNode, order: readonly SeqEntry[], entry: SeqEntry, after: ElementId | null, siblings: readonly ElementId[], self: number): number {
  if (self > 0) {
    const smaller = seq.entries.get(idKey(siblings[self - 1]));
    return smaller && smaller.inserted ? positionIn(order, smaller) : -1;
  }
  let last: SeqEntry | undefined;
  if (siblings.length > 1) {
    // after everything below the smallest greater sibling: follow the smallest child down to a leaf
    let id = siblings[1];
    for (let depth = 0; ; depth++) {
      if (depth > DESCENT_LIMIT) return -1;
      const below = seq.children.get(idKey(id));
      if (!below || below.length === 0) break;
      id = below[0];
    }
    last = seq.entries.get(idKey(id));
  } else if (after !== null) last = seq.entries.get(idKey(after));
  else return 0;
  if (!last || !last.inserted) return -1; // an unknown predecessor: the walk puts the leaf among the unreachable
  const p = positionIn(order, last);
  return p < 0 ? -1 : p + 1;
}

/**
 * The position of `entry` in the cached order (-1 when absent). Entries only ever move later (new
 * ones are inserted before them), so the search starts at the remembered position and goes on.
 */
export function positionIn(order: readonly SeqEntry[], entry: SeqEntry): number {
  const hint = entry.pos;
  if (hint >= 0 && hint < order.length) {
    for (let i = hint; i < order.length; i++) {
      if (order[i] === entry) {
        entry.pos = i;
        return i;
      }
    }
  }
  const i = order.indexOf(entry);
  if (i >= 0) entry.pos = i;
  return i;
}

/** The sequence entry for `id`, created empty (not inserted, no node) when absent. */
export function seqEntry(seq: SeqNode, id: ElementId): SeqEntry {
  const k = idKey(id);
  let entry = seq.entries.get(k);
  if (!entry) mapSet(seq.entries, k, (entry = { id, after: null, node: null, inserted: false, deleted: seq.deletes.has(k), pos: -1 }));
  return entry;
}

/** Writes a register if `dot` is at least its current dot (last writer wins by dot order). */
export function setRegister(node: RegisterNode, value: Value, dot: Dot): void {
  if (node.dot === null || compareDots(dot, node.dot) >= 0) {
    assign(node, "value", value);
    assign(node, "dot", dot);
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
      if (!entry) mapSet(node.entries, key, (entry = newMapEntry(emptyNode(cp))));
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
      if (!entry) mapSet(node.entries, key, (entry = newSetEntry(emptyNode(policy.element))));
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
      if (entry.node === null) assign(entry, "node", emptyNode(policy.element));
      mergeValue(entry.node!, policy.element, child, dot);
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
      for (const entry of node.entries.values()) if (entry.inserted && !entry.deleted) into.add(entry.id.dot);
  }
}

