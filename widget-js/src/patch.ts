/**
 * Patches and the six operations (Set, Remove, Insert, RemoveAt, Move, Reorder) with atomic
 * apply. Apply never mutates its input: it copies the containers along each touched path once
 * (containers it has already copied during the same apply are reused), so untouched subtrees
 * are shared with the input. Any invalid op throws an Error naming the op index, the op and
 * the path, and the caller's value is left exactly as it was.
 */

import type { Path, Segment } from "./path.js";
import type { Count } from "./fields.js";
import { describe, isObject, need, readCount, readIndex } from "./fields.js";
import { displayPath, isKey, pathText, toPath } from "./path.js";
import type { ListValue, MapValue, Value } from "./value.js";
import { emptyEntries, entry, tagOf, toValue, writeValue } from "./value.js";

export type Op =
  | { readonly Set: { readonly path: Path; readonly value: Value } }
  | { readonly Remove: { readonly path: Path } }
  | { readonly Insert: { readonly path: Path; readonly index: number; readonly value: Value } }
  | { readonly RemoveAt: { readonly path: Path; readonly index: number } }
  | { readonly Move: { readonly path: Path; readonly from: number; readonly to: number } }
  | { readonly Reorder: { readonly path: Path; readonly order: readonly number[] } };

export type OpName = "Set" | "Remove" | "Insert" | "RemoveAt" | "Move" | "Reorder";

export interface Patch {
  readonly rev: Count;
  readonly ops: readonly Op[];
}

/** Builders for ops. */
export const Ops = {
  set: (path: Path, value: Value): Op => ({ Set: { path, value } }),
  remove: (path: Path): Op => ({ Remove: { path } }),
  insert: (path: Path, index: number, value: Value): Op => ({ Insert: { path, index, value } }),
  removeAt: (path: Path, index: number): Op => ({ RemoveAt: { path, index } }),
  move: (path: Path, from: number, to: number): Op => ({ Move: { path, from, to } }),
  reorder: (path: Path, order: readonly number[]): Op => ({ Reorder: { path, order } }),
};

const OP_NAMES: ReadonlySet<string> = new Set(["Set", "Remove", "Insert", "RemoveAt", "Move", "Reorder"]);

export function opName(op: Op): OpName {
  for (const k in op) return k as OpName;
  throw new Error("empty op");
}

export function opPath(op: Op): Path {
  return (op as Record<string, { path: Path }>)[opName(op)].path;
}

const FIELDS: { readonly [op: string]: readonly string[] } = {
  Set: ["path", "value"],
  Remove: ["path"],
  Insert: ["path", "index", "value"],
  RemoveAt: ["path", "index"],
  Move: ["path", "from", "to"],
  Reorder: ["path", "order"],
};

/**
 * Checks one parsed JSON op. `where` names it in errors, in the Java codec's style
 * ("patch.ops[0]"); errors say "unknown op", "missing field", "has no field", "out of range".
 */
export function toOp(raw: unknown, i: number, where = `op ${i}`): Op {
  if (!isObject(raw) || Object.keys(raw).length !== 1) {
    throw new Error(`${where}: an op is an object with one field naming it (Set, Remove, Insert, RemoveAt, Move, Reorder), got ${describe(raw)} (malformed op)`);
  }
  const name = Object.keys(raw)[0];
  if (!OP_NAMES.has(name)) throw new Error(`${where}: unknown op '${name}'`);
  const here = `${where}.${name}`;
  const body = raw[name];
  if (!isObject(body)) throw new Error(`${here}: expected an object, got ${describe(body)} (malformed op)`);
  for (const f of Object.keys(body)) {
    if (!FIELDS[name].includes(f)) throw new Error(`${here} has no field '${f}'`);
  }
  for (const f of FIELDS[name]) need(body, f, here);
  const path = toPath(body.path, `${here}.path`);
  const idx = (field: string): number => readIndex(body[field], `${here}.${field}`, field);
  const val = (): Value => toValue(body.value, `${here}.value`);
  switch (name) {
    case "Set":
      return { Set: { path, value: val() } };
    case "Remove":
      return { Remove: { path } };
    case "Insert":
      return { Insert: { path, index: idx("index"), value: val() } };
    case "RemoveAt":
      return { RemoveAt: { path, index: idx("index") } };
    case "Move":
      return { Move: { path, from: idx("from"), to: idx("to") } };
    default: {
      const order = body.order;
      if (!Array.isArray(order)) throw new Error(`${here}.order: expected a list of indexes, got ${describe(order)}`);
      return { Reorder: { path, order: order.map((o, k) => readIndex(o, `${here}.order[${k}]`, "entry")) } };
    }
  }
}

/** Checks a parsed JSON patch {"rev": n, "ops": [...]}; unknown fields are ignored. */
export function toPatch(raw: unknown, where = "patch"): Patch {
  if (!isObject(raw)) throw new Error(`${where}: expected an object, got ${describe(raw)}`);
  const rev = readCount(need(raw, "rev", where), `${where}.rev`);
  const ops = need(raw, "ops", where);
  if (!Array.isArray(ops)) throw new Error(`${where}.ops: expected a list of ops, got ${describe(ops)}`);
  return { rev, ops: ops.map((o, i) => toOp(o, i, `${where}.ops[${i}]`)) };
}

/** Appends an op as canonical JSON. */
export function writeOp(op: Op, out: string[]): void {
  const name = opName(op);
  const b = (op as Record<string, Record<string, unknown>>)[name];
  out.push(`{"${name}":{"path":`, pathText(b.path as Path));
  if (name === "Insert" || name === "RemoveAt") out.push(',"index":', String(b.index));
  if (name === "Move") out.push(',"from":', String(b.from), ',"to":', String(b.to));
  if (name === "Reorder") out.push(',"order":', JSON.stringify(b.order));
  if (name === "Set" || name === "Insert") {
    out.push(',"value":');
    writeValue(b.value as Value, out, "");
  }
  out.push("}}");
}

/** Ops as canonical JSON text. */
export function opsText(ops: readonly Op[]): string {
  const out: string[] = ["["];
  ops.forEach((op, i) => {
    if (i) out.push(",");
    writeOp(op, out);
  });
  out.push("]");
  return out.join("");
}

// ---- apply -------------------------------------------------------------------------------

type MutList = { List: Value[] };
type MutMap = { Map: Record<string, Value> };

class OpError extends Error {}

/**
 * Applies ops in order and returns the new value. Throws (leaving `value` untouched) when any
 * op is invalid; the message starts with `op <i> (<Name> at <path>)`.
 */
export function apply(value: Value, ops: readonly Op[]): Value {
  const fresh = new Set<object>();
  let root = value;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    let name = "?";
    let path: Path = [];
    try {
      name = opName(op);
      path = opPath(op);
      root = applyOne(root, op, name, path, fresh);
    } catch (e) {
      const why = e instanceof OpError ? e.message : `malformed op (${(e as Error).message})`;
      throw new Error(`op ${i} (${name}) at ${displayPath(Array.isArray(path) ? path : [])}: ${why}`);
    }
  }
  return root;
}

function fail(why: string): never {
  throw new OpError(why);
}

function copyOf(v: Value, fresh: Set<object>): MutList | MutMap {
  if (fresh.has(v as object)) return v as MutList | MutMap;
  const tag = tagOf(v);
  let c: MutList | MutMap;
  if (tag === "List") c = { List: (v as ListValue).List.slice() };
  else {
    const m = emptyEntries();
    const src = (v as MapValue).Map;
    for (const k of Object.keys(src)) m[k] = src[k];
    c = { Map: m };
  }
  fresh.add(c);
  return c;
}

/** The first `len` segments of the path, in display form. */
function prefix(path: Path, len: number): string {
  return displayPath(len === path.length ? path : path.slice(0, len));
}

function quoted(k: string): string {
  return `'${k}'`;
}

/** Follows segment `depth` of `path` from a container, checking types and bounds. */
function child(parent: Value, path: Path, depth: number): Value {
  const s = path[depth];
  if (isKey(s)) {
    const v = entry(asMap(parent, path, depth).Map, s.Key);
    if (v === undefined) fail(`missing key ${quoted(s.Key)} in the map at ${prefix(path, depth)}`);
    return v;
  }
  const items = asList(parent, path, depth).List;
  if (s.Index >= items.length) {
    fail(`index ${s.Index} out of range for a list of ${items.length} at ${prefix(path, depth)}`);
  }
  return items[s.Index];
}

function asMap(node: Value, path: Path, len: number): MapValue {
  const tag = tagOf(node);
  if (tag !== "Map") fail(`not a map: the value at ${prefix(path, len)} is a ${tag}`);
  return node as MapValue;
}

function asList(node: Value, path: Path, len: number): ListValue {
  const tag = tagOf(node);
  if (tag !== "List") fail(`not a list: the value at ${prefix(path, len)} is a ${tag}`);
  return node as ListValue;
}

function put(parent: MutList | MutMap, s: Segment, v: Value): void {
  if (isKey(s)) (parent as MutMap).Map[s.Key] = v;
  else (parent as MutList).List[s.Index] = v;
}

/** The value reached by the first `len` segments of `path`, checked but not copied. */
function walkTo(root: Value, path: Path, len: number): Value[] {
  const nodes: Value[] = [root];
  let cur = root;
  for (let d = 0; d < len; d++) {
    cur = child(cur, path, d);
    nodes.push(cur);
  }
  return nodes;
}

/**
 * Returns the container reached by the first `len` segments of `path` (a Map or a List as
 * `want` says) as a mutable copy owned by this apply, with every container above it copied (or
 * reused when already owned) and relinked, plus the new root. The path is walked and checked
 * before anything is copied, so an invalid path copies nothing.
 */
function container(root: Value, path: Path, len: number, want: "List" | "Map", fresh: Set<object>): [Value, MutList | MutMap] {
  const nodes = walkTo(root, path, len);
  const cur = nodes[len];
  if (want === "Map") asMap(cur, path, len);
  else asList(cur, path, len);
  const target = copyOf(cur, fresh);
  let below: MutList | MutMap = target;
  for (let d = len - 1; d >= 0; d--) {
    const parent = copyOf(nodes[d], fresh);
    put(parent, path[d], below as Value);
    below = parent;
  }
  return [below as Value, target];
}

function applyOne(root: Value, op: Op, name: string, path: Path, fresh: Set<object>): Value {
  if (!Array.isArray(path)) fail("malformed op: path must be a list");
  switch (name) {
    case "Set": {
      const { value } = (op as { Set: { value: Value } }).Set;
      if (path.length === 0) return value;
      const last = path[path.length - 1];
      const len = path.length - 1;
      if (isKey(last)) {
        const [newRoot, parent] = container(root, path, len, "Map", fresh);
        put(parent, last, value);
        return newRoot;
      }
      const n = asList(walkTo(root, path, len)[len], path, len).List.length;
      if (last.Index >= n) {
        fail(`index ${last.Index} out of range for a list of ${n} (Set replaces an element; use Insert to add one)`);
      }
      const [newRoot, parent] = container(root, path, len, "List", fresh);
      put(parent, last, value);
      return newRoot;
    }
    case "Remove": {
      if (path.length === 0) {
        fail("cannot remove the root: Remove needs a path ending in a Key (use Set to replace the model)");
      }
      const last = path[path.length - 1];
      if (!isKey(last)) fail("Remove needs a path ending in a Key, not an Index (use RemoveAt for list elements)");
      const len = path.length - 1;
      const map = asMap(walkTo(root, path, len)[len], path, len);
      if (entry(map.Map, last.Key) === undefined) {
        fail(`missing key ${quoted(last.Key)} in the map at ${prefix(path, len)}`);
      }
      const [newRoot, parent] = container(root, path, len, "Map", fresh);
      delete (parent as MutMap).Map[last.Key];
      return newRoot;
    }
    case "Insert": {
      const { index, value } = (op as { Insert: { index: number; value: Value } }).Insert;
      const len = listLength(root, path);
      if (!validIndex(index) || index > len) {
        fail(`index ${index} out of range for an insert into a list of ${len}`);
      }
      const [newRoot, list] = container(root, path, path.length, "List", fresh);
      (list as MutList).List.splice(index, 0, value);
      return newRoot;
    }
    case "RemoveAt": {
      const { index } = (op as { RemoveAt: { index: number } }).RemoveAt;
      const len = listLength(root, path);
      checkElement("index", index, len);
      const [newRoot, list] = container(root, path, path.length, "List", fresh);
      (list as MutList).List.splice(index, 1);
      return newRoot;
    }
    case "Move": {
      const { from, to } = (op as { Move: { from: number; to: number } }).Move;
      const len = listLength(root, path);
      checkElement("from", from, len);
      checkElement("to", to, len);
      if (from === to) return root;
      const [newRoot, list] = container(root, path, path.length, "List", fresh);
      const items = (list as MutList).List;
      const [x] = items.splice(from, 1);
      items.splice(to, 0, x);
      return newRoot;
    }
    case "Reorder": {
      const { order } = (op as { Reorder: { order: readonly number[] } }).Reorder;
      const len = listLength(root, path);
      const count = Array.isArray(order) ? order.length : 0;
      if (!Array.isArray(order) || order.length !== len) {
        fail(`order has ${count} entries for a list of ${len}, so it is not a permutation of 0..${len - 1}`);
      }
      const seen = new Uint8Array(len);
      for (const o of order) {
        if (!validIndex(o) || o >= len) fail(`order is not a permutation of 0..${len - 1}: entry ${o} is out of range`);
        if (seen[o]) fail(`order is not a permutation of 0..${len - 1}: ${o} appears twice`);
        seen[o] = 1;
      }
      const [newRoot, list] = container(root, path, path.length, "List", fresh);
      const items = (list as MutList).List;
      const old = items.slice();
      for (let k = 0; k < len; k++) items[k] = old[order[k]];
      return newRoot;
    }
    default:
      return fail(`unknown op ${quoted(name)}`);
  }
}

function checkElement(what: string, i: number, size: number): void {
  if (!validIndex(i) || i >= size) fail(`${what} ${i} out of range for a list of ${size}`);
}

function validIndex(x: unknown): x is number {
  return typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
}

function listLength(root: Value, path: Path): number {
  const len = path.length;
  return asList(walkTo(root, path, len)[len], path, len).List.length;
}
