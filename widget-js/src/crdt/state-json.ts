/**
 * The reducer state as JSON, byte for byte as the reference writes it (so any two replicas that
 * converged hold equal state text), and read back strictly: field order state_version, spec_hash,
 * context {compacted?, dots?}, fingerprints? ([dot, hash] pairs), root; empty dot sets and maps
 * are left out; sequence entries and deletes are [id, …] pairs in id order; dots in dot order;
 * map and set entries by key in code-point order.
 */

import { describe, isObject } from "../fields.js";
import { compareKeys, toValue } from "../value.js";
import type { Dot } from "./ids.js";
import { DotSet, compareDots, compareIds, dotKey, idKey } from "./ids.js";
import type { MapEntry, Node, SetEntry } from "./nodes.js";
import { emptySequence, newMapEntry, newSetEntry, placeEntry } from "./nodes.js";
import { readDot, readElementId, writeDot, writeDots, writeElementId } from "./ops.js";
import { writeSerdeValue } from "./serde-json.js";

export interface CausalContext {
  /** Per replica, every counter up to this one is known and no longer kept dot by dot. */
  readonly compacted: Map<string, number>;
  readonly dots: DotSet;
}

export interface ReducerState {
  readonly stateVersion: number;
  readonly specHash: string;
  readonly context: CausalContext;
  /** Operation fingerprints by dot key, for the dots still kept one by one. */
  readonly fingerprints: Map<string, { readonly dot: Dot; readonly hash: string }>;
  root: Node;
}

function writeDotSetField(name: string, set: DotSet, out: string[]): void {
  if (set.size === 0) return;
  out.push(`,"${name}":`);
  writeDots(set.sorted(), out);
}

export function writeNode(node: Node, out: string[]): void {
  switch (node.kind) {
    case "register":
      out.push('{"kind":"register","value":');
      if (node.value === null) out.push("null");
      else writeSerdeValue(node.value, out);
      out.push(',"dot":');
      if (node.dot === null) out.push("null");
      else writeDot(node.dot, out);
      out.push("}");
      return;
    case "map":
    case "set": {
      out.push(`{"kind":"${node.kind}","entries":{`);
      const keys = [...node.entries.keys()].sort(compareKeys);
      keys.forEach((k, i) => {
        if (i) out.push(",");
        out.push(JSON.stringify(k), ':{"node":');
        if (node.kind === "map") {
          const e = node.entries.get(k)!;
          writeNode(e.node, out);
          writeDotSetField("dots", e.dots, out);
          writeDotSetField("removed", e.removed, out);
          writeDotSetField("removal_ops", e.removalOps, out);
        } else {
          const e = node.entries.get(k)!;
          writeNode(e.node, out);
          writeDotSetField("adds", e.adds, out);
          writeDotSetField("removed", e.removed, out);
          writeDotSetField("removal_ops", e.removalOps, out);
        }
        out.push("}");
      });
      out.push("}}");
      return;
    }
    default: {
      out.push('{"kind":"sequence","entries":[');
      const entries = [...node.entries.values()].sort((a, b) => compareIds(a.id, b.id));
      entries.forEach((e, i) => {
        if (i) out.push(",");
        out.push("[");
        writeElementId(e.id, out);
        out.push(',{"after":');
        if (e.after === null) out.push("null");
        else writeElementId(e.after, out);
        out.push(',"node":');
        if (e.node === null) out.push("null");
        else writeNode(e.node, out);
        out.push(`,"inserted":${e.inserted}}]`);
      });
      out.push('],"deletes":[');
      const deletes = [...node.deletes.values()].sort((a, b) => compareIds(a.id, b.id));
      deletes.forEach((d, i) => {
        if (i) out.push(",");
        out.push("[");
        writeElementId(d.id, out);
        out.push(",");
        writeDots(d.dots.sorted(), out);
        out.push("]");
      });
      out.push("]}");
    }
  }
}

export function writeState(state: ReducerState): string {
  const out: string[] = [`{"state_version":${state.stateVersion},"spec_hash":${JSON.stringify(state.specHash)},"context":{`];
  const compacted = [...state.context.compacted.keys()].sort(compareKeys);
  if (compacted.length > 0) {
    out.push('"compacted":{', compacted.map((r) => `${JSON.stringify(r)}:${state.context.compacted.get(r)}`).join(","), "}");
  }
  if (state.context.dots.size > 0) {
    if (compacted.length > 0) out.push(",");
    out.push('"dots":');
    writeDots(state.context.dots.sorted(), out);
  }
  out.push("}");
  if (state.fingerprints.size > 0) {
    out.push(',"fingerprints":[');
    [...state.fingerprints.values()]
      .sort((a, b) => compareDots(a.dot, b.dot))
      .forEach((f, i) => {
        if (i) out.push(",");
        out.push("[");
        writeDot(f.dot, out);
        out.push(",", JSON.stringify(f.hash), "]");
      });
    out.push("]");
  }
  out.push(',"root":');
  writeNode(state.root, out);
  out.push("}");
  return out.join("");
}

// ---- reading ----

function only(raw: unknown, where: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isObject(raw)) throw new Error(`${where}: expected an object, got ${describe(raw)}`);
  for (const f of Object.keys(raw)) if (!allowed.includes(f)) throw new Error(`${where}: unknown field \`${f}\`, expected ${allowed.join(", ")}`);
  return raw;
}

function list(raw: unknown, where: string): unknown[] {
  if (!Array.isArray(raw)) throw new Error(`${where}: expected a list, got ${describe(raw)}`);
  return raw;
}

function readDotSet(raw: unknown, where: string): DotSet {
  const set = new DotSet();
  if (raw === undefined) return set;
  list(raw, where).forEach((d, i) => set.add(readDot(d, `${where}[${i}]`)));
  return set;
}

function readNode(raw: unknown, where: string): Node {
  if (!isObject(raw)) throw new Error(`${where}: expected a node object, got ${describe(raw)}`);
  switch (raw.kind) {
    case "register": {
      const o = only(raw, where, ["kind", "value", "dot"]);
      if (!("value" in o) || !("dot" in o)) throw new Error(`${where}: a register node needs value and dot`);
      return {
        kind: "register",
        value: o.value === null ? null : toValue(o.value, `${where}.value`),
        dot: o.dot === null ? null : readDot(o.dot, `${where}.dot`),
        cache: undefined,
      };
    }
    case "map":
    case "set": {
      const o = only(raw, where, ["kind", "entries"]);
      if (!isObject(o.entries)) throw new Error(`${where}.entries: expected an object, got ${describe(o.entries)}`);
      const entries = new Map<string, MapEntry & SetEntry>();
      const setNames = raw.kind === "map" ? ["node", "dots", "removed", "removal_ops"] : ["node", "adds", "removed", "removal_ops"];
      for (const k of Object.keys(o.entries)) {
        const w = `${where}.entries.${k}`;
        const e = only(o.entries[k], w, setNames);
        if (!("node" in e)) throw new Error(`${w}: missing field \`node\``);
        const node = readNode(e.node, `${w}.node`);
        const base = raw.kind === "map" ? newMapEntry(node) : newSetEntry(node);
        const live = readDotSet(e[setNames[1]], `${w}.${setNames[1]}`);
        for (const d of live.values()) ("dots" in base ? base.dots : base.adds).add(d);
        for (const d of readDotSet(e.removed, `${w}.removed`).values()) base.removed.add(d);
        for (const d of readDotSet(e.removal_ops, `${w}.removal_ops`).values()) base.removalOps.add(d);
        entries.set(k, base as MapEntry & SetEntry);
      }
      return raw.kind === "map" ? { kind: "map", entries, cache: undefined } : { kind: "set", entries, cache: undefined };
    }
    case "sequence": {
      const o = only(raw, where, ["kind", "entries", "deletes"]);
      const seq = emptySequence();
      seq.order = null; // worked out once, when first needed
      const pending: { after: ReturnType<typeof readElementId> | null; key: string }[] = [];
      list(o.entries, `${where}.entries`).forEach((pair, i) => {
        const w = `${where}.entries[${i}]`;
        const p = list(pair, w);
        if (p.length !== 2) throw new Error(`${w}: expected an [id, entry] pair`);
        const id = readElementId(p[0], `${w}[0]`);
        const e = only(p[1], `${w}[1]`, ["after", "node", "inserted"]);
        if (typeof e.inserted !== "boolean") throw new Error(`${w}[1].inserted: expected true or false, got ${describe(e.inserted)}`);
        const k = idKey(id);
        if (seq.entries.has(k)) throw new Error(`${w}: duplicate sequence element ID`);
        const after = e.after === null || e.after === undefined ? null : readElementId(e.after, `${w}[1].after`);
        const node = e.node === null || e.node === undefined ? null : readNode(e.node, `${w}[1].node`);
        seq.entries.set(k, { id, after, node, inserted: false, deleted: false, pos: -1 });
        if (e.inserted) pending.push({ after, key: k });
      });
      for (const { after, key } of pending) placeEntry(seq, seq.entries.get(key)!, after);
      list(o.deletes, `${where}.deletes`).forEach((pair, i) => {
        const w = `${where}.deletes[${i}]`;
        const p = list(pair, w);
        if (p.length !== 2) throw new Error(`${w}: expected an [id, dots] pair`);
        const id = readElementId(p[0], `${w}[0]`);
        const k = idKey(id);
        if (seq.deletes.has(k)) throw new Error(`${w}: duplicate sequence deletion ID`);
        seq.deletes.set(k, { id, dots: readDotSet(p[1], `${w}[1]`) });
        const entry = seq.entries.get(k);
        if (entry) entry.deleted = true;
      });
      seq.order = null;
      return seq;
    }
    default:
      throw new Error(`${where}.kind: unknown node kind ${describe(raw.kind)}`);
  }
}

/** Reads a state object (as parsed from JSON or MessagePack). Checks shape only; the document checks meaning. */
export function readState(raw: unknown): ReducerState {
  const o = only(raw, "state", ["state_version", "spec_hash", "context", "fingerprints", "root"]);
  for (const f of ["state_version", "spec_hash", "context", "root"]) if (!(f in o)) throw new Error(`state: missing field \`${f}\``);
  if (typeof o.state_version !== "number" || !Number.isInteger(o.state_version)) throw new Error(`state.state_version: expected an integer, got ${describe(o.state_version)}`);
  if (typeof o.spec_hash !== "string") throw new Error(`state.spec_hash: expected a string, got ${describe(o.spec_hash)}`);
  const c = only(o.context, "state.context", ["compacted", "dots"]);
  const compacted = new Map<string, number>();
  if (c.compacted !== undefined) {
    if (!isObject(c.compacted)) throw new Error(`state.context.compacted: expected an object, got ${describe(c.compacted)}`);
    for (const r of Object.keys(c.compacted)) {
      const n = c.compacted[r];
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) throw new Error(`state.context.compacted.${r}: expected a counter, got ${describe(n)}`);
      compacted.set(r, n);
    }
  }
  const dots = readDotSet(c.dots, "state.context.dots");
  const fingerprints = new Map<string, { dot: Dot; hash: string }>();
  if (o.fingerprints !== undefined) {
    list(o.fingerprints, "state.fingerprints").forEach((pair, i) => {
      const w = `state.fingerprints[${i}]`;
      const p = list(pair, w);
      if (p.length !== 2 || typeof p[1] !== "string") throw new Error(`${w}: expected a [dot, fingerprint] pair`);
      const dot = readDot(p[0], `${w}[0]`);
      const k = dotKey(dot);
      if (fingerprints.has(k)) throw new Error(`${w}: duplicate operation fingerprint dot`);
      fingerprints.set(k, { dot, hash: p[1] });
    });
  }
  return { stateVersion: o.state_version, specHash: o.spec_hash, context: { compacted, dots }, fingerprints, root: readNode(o.root, "state.root") };
}
