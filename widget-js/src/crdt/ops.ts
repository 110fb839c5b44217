/**
 * The reducer's vocabulary: paths through CRDT identity, operations (each with its dot), local
 * mutations (before a dot is assigned; `sequence_splice` is a positional convenience that expands
 * to delete/insert), and deltas (identity-preserving effects). Reading them from parsed JSON
 * (strictly: unknown fields refused, every error names where) and writing them back in the
 * reference's field order, with values either tagged (state, fingerprints, fixtures) or plain
 * (the operations as the reference's peers put them on the wire).
 */

import { describe, isObject } from "../fields.js";
import type { Value } from "../value.js";
import { toValue } from "../value.js";
import type { Dot, ElementId } from "./ids.js";
import { plainToValue, writePlainValue, writeSerdeValue } from "./serde-json.js";

export type CrdtSegment =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "member"; readonly key: string }
  | { readonly kind: "element"; readonly id: ElementId };
export type CrdtPath = readonly CrdtSegment[];

export type CrdtOp =
  | { readonly kind: "register_set"; readonly dot: Dot; readonly path: CrdtPath; readonly value: Value }
  | { readonly kind: "map_set"; readonly dot: Dot; readonly path: CrdtPath; readonly key: string; readonly value: Value }
  | { readonly kind: "map_remove"; readonly dot: Dot; readonly path: CrdtPath; readonly key: string; readonly removed: readonly Dot[] }
  | { readonly kind: "set_add"; readonly dot: Dot; readonly path: CrdtPath; readonly value: Value }
  | { readonly kind: "set_remove"; readonly dot: Dot; readonly path: CrdtPath; readonly key: string; readonly removed: readonly Dot[] }
  | { readonly kind: "sequence_insert"; readonly dot: Dot; readonly path: CrdtPath; readonly after: ElementId | null; readonly values: readonly Value[] }
  | { readonly kind: "sequence_delete"; readonly dot: Dot; readonly path: CrdtPath; readonly ids: readonly ElementId[] };

export type CrdtMutation =
  | { readonly kind: "register_set"; readonly path: CrdtPath; readonly value: Value }
  | { readonly kind: "map_set"; readonly path: CrdtPath; readonly key: string; readonly value: Value }
  | { readonly kind: "map_remove"; readonly path: CrdtPath; readonly key: string }
  | { readonly kind: "set_add"; readonly path: CrdtPath; readonly value: Value }
  | { readonly kind: "set_remove"; readonly path: CrdtPath; readonly key: string }
  | { readonly kind: "sequence_insert"; readonly path: CrdtPath; readonly after: ElementId | null; readonly values: readonly Value[] }
  | { readonly kind: "sequence_delete"; readonly path: CrdtPath; readonly ids: readonly ElementId[] }
  | { readonly kind: "sequence_splice"; readonly path: CrdtPath; readonly index: number; readonly delete_count: number; readonly values: readonly Value[] };

export type CrdtDelta =
  | { readonly kind: "register_set"; readonly path: CrdtPath; readonly value: Value }
  | { readonly kind: "map_set"; readonly path: CrdtPath; readonly key: string; readonly value: Value }
  | { readonly kind: "map_remove"; readonly path: CrdtPath; readonly key: string }
  | { readonly kind: "set_add"; readonly path: CrdtPath; readonly key: string; readonly value: Value }
  | { readonly kind: "set_remove"; readonly path: CrdtPath; readonly key: string }
  | { readonly kind: "sequence_insert"; readonly path: CrdtPath; readonly after: ElementId | null; readonly elements: readonly { readonly id: ElementId; readonly value: Value }[] }
  | { readonly kind: "sequence_delete"; readonly path: CrdtPath; readonly ids: readonly ElementId[] };

/** How operation values are written: tagged (reducer state, fixtures) or plain (the wire). */
export type ValueForm = "tagged" | "plain";

// ---- reading ----

function fields(raw: unknown, where: string, allowed: readonly string[], what: string): Record<string, unknown> {
  if (!isObject(raw)) throw new Error(`${where}: expected ${what} object, got ${describe(raw)}`);
  for (const f of Object.keys(raw)) {
    if (!allowed.includes(f)) throw new Error(`${where}: unknown field \`${f}\` in ${what}, expected ${allowed.join(", ")}`);
  }
  for (const f of allowed) if (!(f in raw)) throw new Error(`${where}: missing field \`${f}\` in ${what}`);
  return raw;
}

function readCounter(raw: unknown, where: string): number {
  if (typeof raw !== "number" || !Number.isSafeInteger(raw) || raw < 0) throw new Error(`${where}: expected a non-negative integer counter, got ${describe(raw)}`);
  return raw;
}

function readString(raw: unknown, where: string): string {
  if (typeof raw !== "string") throw new Error(`${where}: expected a string, got ${describe(raw)}`);
  return raw;
}

export function readDot(raw: unknown, where: string): Dot {
  const o = fields(raw, where, ["counter", "replica"], "a dot");
  return { counter: readCounter(o.counter, `${where}.counter`), replica: readString(o.replica, `${where}.replica`) };
}

export function readElementId(raw: unknown, where: string): ElementId {
  const o = fields(raw, where, ["dot", "index"], "an element id");
  const index = o.index;
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > 0xffffffff) {
    throw new Error(`${where}.index: expected an element index (u32), got ${describe(index)}`);
  }
  return { dot: readDot(o.dot, `${where}.dot`), index };
}

function readList<T>(raw: unknown, where: string, item: (x: unknown, w: string) => T): T[] {
  if (!Array.isArray(raw)) throw new Error(`${where}: expected a list, got ${describe(raw)}`);
  return raw.map((x, i) => item(x, `${where}[${i}]`));
}

export function readPath(raw: unknown, where: string): CrdtSegment[] {
  return readList(raw, where, (s, w) => {
    if (!isObject(s)) throw new Error(`${w}: expected a path segment object, got ${describe(s)}`);
    switch (s.kind) {
      case "key":
      case "member": {
        const o = fields(s, w, ["kind", "key"], `a ${s.kind} segment`);
        return { kind: s.kind, key: readString(o.key, `${w}.key`) };
      }
      case "element": {
        const o = fields(s, w, ["kind", "id"], "an element segment");
        return { kind: "element", id: readElementId(o.id, `${w}.id`) };
      }
      default:
        throw new Error(`${w}.kind: unknown path segment kind ${describe(s.kind)}, expected key, member or element`);
    }
  });
}

function valueReader(form: ValueForm): (x: unknown, where: string) => Value {
  return form === "plain" ? plainToValue : (x, where) => toValue(x, where);
}

const OP_FIELDS: Record<CrdtOp["kind"], readonly string[]> = {
  register_set: ["kind", "dot", "path", "value"],
  map_set: ["kind", "dot", "path", "key", "value"],
  map_remove: ["kind", "dot", "path", "key", "removed"],
  set_add: ["kind", "dot", "path", "value"],
  set_remove: ["kind", "dot", "path", "key", "removed"],
  sequence_insert: ["kind", "dot", "path", "after", "values"],
  sequence_delete: ["kind", "dot", "path", "ids"],
};

/** Reads one operation; `form` says whether its values are tagged or plain. */
export function readOp(raw: unknown, where: string, form: ValueForm): CrdtOp {
  if (!isObject(raw)) throw new Error(`${where}: expected an operation object, got ${describe(raw)}`);
  const kind = raw.kind as CrdtOp["kind"];
  if (typeof kind !== "string" || !(kind in OP_FIELDS)) {
    throw new Error(`${where}.kind: unknown operation kind ${describe(raw.kind)}, expected one of ${Object.keys(OP_FIELDS).join(", ")}`);
  }
  const o = fields(raw, where, OP_FIELDS[kind], `a ${kind} operation`);
  const value = valueReader(form);
  const dot = readDot(o.dot, `${where}.dot`);
  const path = readPath(o.path, `${where}.path`);
  switch (kind) {
    case "register_set":
    case "set_add":
      return { kind, dot, path, value: value(o.value, `${where}.value`) };
    case "map_set":
      return { kind, dot, path, key: readString(o.key, `${where}.key`), value: value(o.value, `${where}.value`) };
    case "map_remove":
    case "set_remove":
      return { kind, dot, path, key: readString(o.key, `${where}.key`), removed: readList(o.removed, `${where}.removed`, readDot) };
    case "sequence_insert":
      return {
        kind,
        dot,
        path,
        after: o.after === null ? null : readElementId(o.after, `${where}.after`),
        values: readList(o.values, `${where}.values`, value),
      };
    default:
      return { kind: "sequence_delete", dot, path, ids: readList(o.ids, `${where}.ids`, readElementId) };
  }
}

export function readOps(raw: unknown, where: string, form: ValueForm): CrdtOp[] {
  return readList(raw, where, (x, w) => readOp(x, w, form));
}

/** Reads one local mutation (the reference's mutation dict form, tagged or plain values). */
export function readMutation(raw: unknown, where: string, form: ValueForm): CrdtMutation {
  if (!isObject(raw)) throw new Error(`${where}: expected a mutation object, got ${describe(raw)}`);
  const value = valueReader(form);
  const path = readPath(raw.path ?? [], `${where}.path`);
  switch (raw.kind) {
    case "register_set":
    case "set_add":
      if (!("value" in raw)) throw new Error(`${where}: ${raw.kind} requires value`);
      return { kind: raw.kind, path, value: value(raw.value, `${where}.value`) };
    case "map_set":
      return { kind: "map_set", path, key: readString(raw.key, `${where}.key`), value: value(raw.value, `${where}.value`) };
    case "map_remove":
    case "set_remove":
      return { kind: raw.kind, path, key: readString(raw.key, `${where}.key`) };
    case "sequence_insert":
      if (!("values" in raw)) throw new Error(`${where}: sequence_insert requires values`);
      return { kind: "sequence_insert", path, after: raw.after == null ? null : readElementId(raw.after, `${where}.after`), values: readList(raw.values, `${where}.values`, value) };
    case "sequence_delete":
      return { kind: "sequence_delete", path, ids: readList(raw.ids, `${where}.ids`, readElementId) };
    case "sequence_splice":
      return {
        kind: "sequence_splice",
        path,
        index: readCounter(raw.index, `${where}.index`),
        delete_count: readCounter(raw.delete_count, `${where}.delete_count`),
        values: readList(raw.values, `${where}.values`, value),
      };
    default:
      throw new Error(`${where}.kind: unknown mutation kind ${describe(raw.kind)}`);
  }
}

// ---- writing ----

export function writeDot(d: Dot, out: string[]): void {
  out.push('{"counter":', String(d.counter), ',"replica":', JSON.stringify(d.replica), "}");
}

export function writeElementId(id: ElementId, out: string[]): void {
  out.push('{"dot":');
  writeDot(id.dot, out);
  out.push(',"index":', String(id.index), "}");
}

export function writeDots(dots: readonly Dot[], out: string[]): void {
  out.push("[");
  dots.forEach((d, i) => {
    if (i) out.push(",");
    writeDot(d, out);
  });
  out.push("]");
}

export function writeIds(ids: readonly ElementId[], out: string[]): void {
  out.push("[");
  ids.forEach((id, i) => {
    if (i) out.push(",");
    writeElementId(id, out);
  });
  out.push("]");
}

export function writePath(path: CrdtPath, out: string[]): void {
  out.push("[");
  path.forEach((s, i) => {
    if (i) out.push(",");
    if (s.kind === "element") {
      out.push('{"kind":"element","id":');
      writeElementId(s.id, out);
      out.push("}");
    } else out.push(`{"kind":"${s.kind}","key":`, JSON.stringify(s.key), "}");
  });
  out.push("]");
}

function writerFor(form: ValueForm): (v: Value, out: string[]) => void {
  return form === "plain" ? writePlainValue : writeSerdeValue;
}

/** Appends one operation as JSON, fields in the reference's order. */
export function writeOp(op: CrdtOp, out: string[], form: ValueForm): void {
  const value = writerFor(form);
  out.push(`{"kind":"${op.kind}","dot":`);
  writeDot(op.dot, out);
  out.push(',"path":');
  writePath(op.path, out);
  switch (op.kind) {
    case "register_set":
    case "set_add":
      out.push(',"value":');
      value(op.value, out);
      break;
    case "map_set":
      out.push(',"key":', JSON.stringify(op.key), ',"value":');
      value(op.value, out);
      break;
    case "map_remove":
    case "set_remove":
      out.push(',"key":', JSON.stringify(op.key), ',"removed":');
      writeDots(op.removed, out);
      break;
    case "sequence_insert":
      out.push(',"after":');
      if (op.after === null) out.push("null");
      else writeElementId(op.after, out);
      out.push(',"values":[');
      op.values.forEach((v, i) => {
        if (i) out.push(",");
        value(v, out);
      });
      out.push("]");
      break;
    default:
      out.push(',"ids":');
      writeIds(op.ids, out);
  }
  out.push("}");
}

export function opText(op: CrdtOp, form: ValueForm): string {
  const out: string[] = [];
  writeOp(op, out, form);
  return out.join("");
}

export function opsText(ops: readonly CrdtOp[], form: ValueForm): string {
  const out: string[] = ["["];
  ops.forEach((op, i) => {
    if (i) out.push(",");
    writeOp(op, out, form);
  });
  out.push("]");
  return out.join("");
}

/** Appends one delta as JSON, fields in the reference's order. */
export function writeDelta(d: CrdtDelta, out: string[], form: ValueForm): void {
  const value = writerFor(form);
  out.push(`{"kind":"${d.kind}","path":`);
  writePath(d.path, out);
  switch (d.kind) {
    case "register_set":
      out.push(',"value":');
      value(d.value, out);
      break;
    case "map_set":
    case "set_add":
      out.push(',"key":', JSON.stringify(d.key), ',"value":');
      value(d.value, out);
      break;
    case "map_remove":
    case "set_remove":
      out.push(',"key":', JSON.stringify(d.key));
      break;
    case "sequence_insert":
      out.push(',"after":');
      if (d.after === null) out.push("null");
      else writeElementId(d.after, out);
      out.push(',"elements":[');
      d.elements.forEach((e, i) => {
        if (i) out.push(",");
        out.push('{"id":');
        writeElementId(e.id, out);
        out.push(',"value":');
        value(e.value, out);
        out.push("}");
      });
      out.push("]");
      break;
    default:
      out.push(',"ids":');
      writeIds(d.ids, out);
  }
  out.push("}");
}
