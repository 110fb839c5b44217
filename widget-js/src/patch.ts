/**
 * Patches and the six operations (Set, Remove, Insert, RemoveAt, Move, Reorder) with atomic
 * apply. Apply never mutates its input: it copies the containers along each touched path once
 * (containers it has already copied during the same apply are reused), so untouched subtrees
 * are shared with the input. Any invalid op throws an Error naming the op index, the op and
 * the path, and the caller's value is left exactly as it was.
 */

import type { Path, Segment } from "./path.js";
import { isKey, pathText, toPath } from "./path.js";
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
  readonly rev: number;
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

function isIndex(x: unknown): x is number {
  return typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
}

/** Checks one parsed JSON op. `i` is its position in the patch, for the error text. */
export function toOp(raw: unknown, i: number): Op {
  const bad = (why: string): never => {
    throw new Error(`op ${i}: ${why}`);
  };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || Object.keys(raw).length !== 1) {
    return bad("an op is an object with one key naming it (Set, Remove, Insert, RemoveAt, Move, Reorder)");
  }
  const name = Object.keys(raw)[0];
  if (!OP_NAMES.has(name)) return bad(`unknown op '${name}'`);
  const body = (raw as Record<string, unknown>)[name] as Record<string, unknown>;
  if (body === null || typeof body !== "object" || Array.isArray(body)) return bad(`${name} needs an object body`);
  const path = toPath(body.path, `op ${i} (${name}) path`);
  const at = `op ${i} (${name} at ${pathText(path)})`;
  const idx = (field: string): number => {
    const v = body[field];
    if (!isIndex(v)) throw new Error(`${at}: '${field}' must be a non-negative integer`);
    return v;
  };
  const val = (): Value => {
    try {
      return toValue(body.value);
    } catch (e) {
      throw new Error(`${at}: bad value: ${(e as Error).message}`);
    }
  };
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
      if (!Array.isArray(order) || !order.every(isIndex)) {
        throw new Error(`${at}: 'order' must be a list of non-negative integers`);
      }
      return { Reorder: { path, order: order.slice() } };
    }
  }
}

/** Checks a parsed JSON patch {"rev": n, "ops": [...]}. */
export function toPatch(raw: unknown): Patch {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new Error("a patch must be an object");
  const r = raw as Record<string, unknown>;
  if (!isIndex(r.rev)) throw new Error("patch 'rev' must be a non-negative integer");
  if (!Array.isArray(r.ops)) throw new Error("patch 'ops' must be a list");
  return { rev: r.rev, ops: r.ops.map(toOp) };
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
      throw new Error(`op ${i} (${name} at ${pathText(path ?? [])}): ${why}`);
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

function segText(s: Segment): string {
  return isKey(s) ? `key ${JSON.stringify(s.Key)}` : `index ${s.Index}`;
}

/** Follows `seg` from a container, checking types and bounds. */
function child(parent: Value, s: Segment, depth: number): Value {
  const tag = tagOf(parent);
  if (isKey(s)) {
    if (tag !== "Map") fail(`segment ${depth} (${segText(s)}) expects a Map but found ${tag}`);
    const v = entry((parent as MapValue).Map, s.Key);
    if (v === undefined) fail(`segment ${depth}: no ${segText(s)}`);
    return v;
  }
  if (tag !== "List") fail(`segment ${depth} (${segText(s)}) expects a List but found ${tag}`);
  const items = (parent as ListValue).List;
  if (s.Index >= items.length) fail(`segment ${depth}: index ${s.Index} is out of range (length ${items.length})`);
  return items[s.Index];
}

function put(parent: MutList | MutMap, s: Segment, v: Value): void {
  if (isKey(s)) (parent as MutMap).Map[s.Key] = v;
  else (parent as MutList).List[s.Index] = v;
}

/**
 * Returns the container at `path` as a mutable copy owned by this apply, with every container
 * above it copied (or reused when already owned) and relinked, plus the new root. The path is
 * walked and checked before anything is copied, so an invalid path copies nothing.
 */
function container(root: Value, path: Path, want: "List" | "Map" | "any", fresh: Set<object>): [Value, MutList | MutMap] {
  const nodes: Value[] = [root];
  let cur = root;
  for (let d = 0; d < path.length; d++) {
    cur = child(cur, path[d], d);
    nodes.push(cur);
  }
  const tag = tagOf(cur);
  if (tag !== "List" && tag !== "Map") fail(`expects a container at the path but found ${tag}`);
  if (want !== "any" && tag !== want) fail(`expects a ${want} at the path but found ${tag}`);
  const target = copyOf(cur, fresh);
  let below: MutList | MutMap = target;
  for (let d = path.length - 1; d >= 0; d--) {
    const parent = copyOf(nodes[d], fresh);
    put(parent, path[d], below as Value);
    below = parent;
  }
  return [below as Value, target];
}

function applyOne(root: Value, op: Op, name: string, path: Path, fresh: Set<object>): Value {
  if (!Array.isArray(path)) fail("path must be a list");
  switch (name) {
    case "Set": {
      const { value } = (op as { Set: { value: Value } }).Set;
      if (path.length === 0) return value;
      const last = path[path.length - 1];
      const [newRoot, parent] = container(root, path.slice(0, -1), "any", fresh);
      const depth = path.length - 1;
      if (isKey(last)) {
        if (!("Map" in parent)) fail(`segment ${depth} (${segText(last)}) expects a Map but found List`);
      } else {
        if (!("List" in parent)) fail(`segment ${depth} (${segText(last)}) expects a List but found Map`);
        if (last.Index >= parent.List.length) {
          fail(`index ${last.Index} is out of range (length ${parent.List.length})`);
        }
      }
      put(parent, last, value);
      return newRoot;
    }
    case "Remove": {
      if (path.length === 0) fail("cannot Remove the root");
      const last = path[path.length - 1];
      if (!isKey(last)) fail("the last segment of a Remove must be a Key (use RemoveAt for lists)");
      const [newRoot, parent] = container(root, path.slice(0, -1), "Map", fresh);
      const m = (parent as MutMap).Map;
      if (m[last.Key] === undefined) fail(`no key ${JSON.stringify(last.Key)} to remove`);
      delete m[last.Key];
      return newRoot;
    }
    case "Insert": {
      const { index, value } = (op as { Insert: { index: number; value: Value } }).Insert;
      const len = listLength(root, path);
      if (!validIndex(index) || index > len) fail(`index ${index} is out of range for insert (length ${len})`);
      const [newRoot, list] = container(root, path, "List", fresh);
      (list as MutList).List.splice(index, 0, value);
      return newRoot;
    }
    case "RemoveAt": {
      const { index } = (op as { RemoveAt: { index: number } }).RemoveAt;
      const len = listLength(root, path);
      if (!validIndex(index) || index >= len) fail(`index ${index} is out of range (length ${len})`);
      const [newRoot, list] = container(root, path, "List", fresh);
      (list as MutList).List.splice(index, 1);
      return newRoot;
    }
    case "Move": {
      const { from, to } = (op as { Move: { from: number; to: number } }).Move;
      const len = listLength(root, path);
      if (!validIndex(from) || from >= len) fail(`'from' ${from} is out of range (length ${len})`);
      if (!validIndex(to) || to >= len) fail(`'to' ${to} is out of range (length ${len})`);
      if (from === to) return root;
      const [newRoot, list] = container(root, path, "List", fresh);
      const items = (list as MutList).List;
      const [x] = items.splice(from, 1);
      items.splice(to, 0, x);
      return newRoot;
    }
    case "Reorder": {
      const { order } = (op as { Reorder: { order: readonly number[] } }).Reorder;
      const len = listLength(root, path);
      if (!Array.isArray(order) || order.length !== len) {
        fail(`order must be a permutation of 0..${len - 1} (it has ${Array.isArray(order) ? order.length : 0} entries)`);
      }
      const seen = new Uint8Array(len);
      for (const o of order) {
        if (!validIndex(o) || o >= len || seen[o]) fail(`order is not a permutation of 0..${len - 1}`);
        seen[o] = 1;
      }
      const [newRoot, list] = container(root, path, "List", fresh);
      const items = (list as MutList).List;
      const old = items.slice();
      for (let k = 0; k < len; k++) items[k] = old[order[k]];
      return newRoot;
    }
    default:
      return fail(`unknown op '${name}'`);
  }
}

function validIndex(x: unknown): x is number {
  return typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
}

function listLength(root: Value, path: Path): number {
  let cur = root;
  for (let d = 0; d < path.length; d++) cur = child(cur, path[d], d);
  const tag = tagOf(cur);
  if (tag !== "List") fail(`expects a List at the path but found ${tag}`);
  return (cur as ListValue).List.length;
}
