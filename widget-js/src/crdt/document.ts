/**
 * One schema-directed CRDT replica (the reference's CrdtDocument): built from a spec, an initial
 * value and a replica id, or restored from a transferred state under a new replica id. Local
 * mutations become operations with fresh dots (`mutate`), remote operations merge idempotently
 * (`apply`: a dot already seen is skipped, a dot reused with other content is refused), and both
 * report their effect — a positional patch from the old value to the new, identity-preserving
 * deltas, and how many operations were new. A batch applies all or nothing. `stateJson` is the
 * state exactly as the reference writes it; `compact` drops metadata below a stable frontier.
 */

import { diff } from "../diff.js";
import type { Op } from "../patch.js";
import type { Value } from "../value.js";
import { equals } from "../value.js";
import { compactNode, dotCovered } from "./compact.js";
import type { Frontier } from "./compact.js";
import type { Dot, ElementId } from "./ids.js";
import { DotSet, INIT_REPLICA, INITIAL_DOT, compareKeysOf, dotKey, idKey, sameId } from "./ids.js";
import { materialize, visibleIndex, visibleIds, visibleSpan } from "./materialize.js";
import type { Node } from "./nodes.js";
import { emptyNode, liveDots, memberKey, mergeValue, newMapEntry, newSetEntry, placeEntry, seqEntry } from "./nodes.js";
import { assign, mapSet, transaction } from "./journal.js";
import { cacheDeleting } from "./seq-cache.js";
import type { CrdtDelta, CrdtMutation, CrdtOp, CrdtPath } from "./ops.js";
import { opText } from "./ops.js";
import { debugDot, debugId, mutatesSetIdentity, nodeAtPath, nodeAtPathMut, policyAtPath } from "./paths.js";
import { sha256Text } from "./sha256.js";
import type { CrdtSpec, Policy } from "./spec.js";
import { childPolicy } from "./spec.js";
import type { ReducerState } from "./state-json.js";
import { readState, writeState } from "./state-json.js";

/** What a batch did: the patch from the old value to the new, deltas per changing op, new-op count. */
export interface CrdtEffect {
  readonly patch: { readonly rev: number; readonly ops: readonly Op[] };
  readonly deltas: readonly CrdtDelta[];
  readonly applied: number;
}

export interface CrdtChange {
  readonly ops: readonly CrdtOp[];
  readonly effect: CrdtEffect;
}

function validateReplica(replica: string): string {
  if (replica === "" || replica === INIT_REPLICA) throw new Error("replica identifier must be non-empty and cannot be reserved $init");
  return replica;
}

function validateOperationDot(dot: Dot): void {
  if (dot.counter === 0 || dot.replica === "" || dot.replica === INIT_REPLICA) throw new Error(`invalid operation dot ${debugDot(dot)}`);
}

function targetPath(op: CrdtOp): CrdtPath {
  return op.kind === "map_set" || op.kind === "map_remove" ? [...op.path, { kind: "key", key: op.key }] : op.path;
}

export class CrdtDocument {
  private counter = 0;
  private maxSeen = 0;

  private constructor(
    readonly spec: CrdtSpec,
    readonly replica: string,
    private state: ReducerState,
  ) {}

  /** A replica holding `value` (merged under the initial dot, as every replica does alike). */
  static create(spec: CrdtSpec, value: Value, replica: string): CrdtDocument {
    validateReplica(replica);
    const root = emptyNode(spec.root);
    mergeValue(root, spec.root, value, INITIAL_DOT);
    return new CrdtDocument(spec, replica, {
      stateVersion: 1,
      specHash: spec.hash,
      context: { compacted: new Map(), dots: new DotSet() },
      fingerprints: new Map(),
      root,
    });
  }

  /** Restores a transferred state (parsed JSON, or its text) under a new local replica id. */
  static fromState(spec: CrdtSpec, state: unknown, replica: string): CrdtDocument {
    const s = typeof state === "string" ? readState(JSON.parse(state)) : readState(state);
    if (s.stateVersion !== 1) throw new Error(`unsupported CRDT state version ${s.stateVersion}; expected 1`);
    if (s.specHash !== spec.hash) throw new Error(`incompatible CRDT state: spec hash ${s.specHash}, expected ${spec.hash}`);
    const dots = s.context.dots;
    if (s.fingerprints.size !== dots.size || [...s.fingerprints.keys()].some((k) => !dots.hasKey(k))) {
      throw new Error("CRDT state fingerprints do not match its uncompacted causal dots");
    }
    for (const d of dots.values()) validateOperationDot(d);
    for (const f of s.fingerprints.values()) {
      if (f.hash.length !== 71 || !f.hash.startsWith("sha256:")) throw new Error("CRDT state contains an invalid operation fingerprint");
    }
    const doc = new CrdtDocument(spec, validateReplica(replica), s);
    doc.maxSeen = maxCounter(s);
    doc.counter = doc.maxSeen;
    doc.value();
    return doc;
  }

  /** The materialised value. */
  value(): Value {
    const v = materialize(this.state.root, this.spec.root, null);
    if (v === undefined) throw new Error("root value is removed");
    return v;
  }

  /** The state as the reference's JSON text (equal on every replica that saw the same operations). */
  stateJson(): string {
    return writeState(this.state);
  }

  /** The state as a plain object (for a crdt_snapshot or persistence). */
  stateObject(): Record<string, unknown> {
    return JSON.parse(this.stateJson()) as Record<string, unknown>;
  }

  /** Whether this replica has seen the operation with this dot. */
  hasSeen(dot: Dot): boolean {
    return this.contains(dot);
  }

  /** Applies remote operations idempotently, all or nothing, and returns their effect. */
  apply(ops: readonly CrdtOp[]): CrdtEffect {
    const fingerprints = ops.map((op) => {
      validateOperationDot(op.dot);
      return sha256Text(opText(op, "tagged"));
    });
    const before = this.value();
    const working = this;
    let current = before;
    const deltas: CrdtDelta[] = [];
    let applied = 0;
    this.atomically(() => ops.forEach((op, i) => {
      if (working.contains(op.dot)) {
        const seen = working.state.fingerprints.get(dotKey(op.dot));
        if (seen && seen.hash !== fingerprints[i]) throw new Error(`operation dot ${debugDot(op.dot)} was reused with different content`);
        return;
      }
      working.applyOne(op);
      applied++;
      working.observe(op.dot, fingerprints[i]);
      const after = working.value();
      if (!equals(current, after)) {
        deltas.push(working.deltaFor(op));
        current = after;
      }
    }));
    return { patch: { rev: 0, ops: diff(before, current) }, deltas, applied };
  }

  /** Turns local mutations into operations with fresh dots, applies them, and returns both. */
  mutate(mutations: readonly CrdtMutation[]): CrdtChange {
    const before = this.value();
    const working = this;
    let current = before;
    const ops: CrdtOp[] = [];
    const deltas: CrdtDelta[] = [];
    this.atomically(() => {
     for (const m of mutations) {
      for (const op of working.operationsFor(m)) {
        const fingerprint = sha256Text(opText(op, "tagged"));
        working.applyOne(op);
        working.observe(op.dot, fingerprint);
        const after = working.value();
        if (!equals(current, after)) {
          deltas.push(working.deltaFor(op));
          current = after;
        }
        ops.push(op);
      }
     }
    });
    return { ops, effect: { patch: { rev: 0, ops: diff(before, current) }, deltas, applied: ops.length } };
  }

  /** The identity key of `value` as a member of the set at `path`. */
  memberKey(path: CrdtPath, value: Value): string {
    const policy = policyAtPath(this.spec.root, path);
    if (policy.kind !== "set") throw new Error("path does not address a set policy");
    return memberKey(policy.keys, value);
  }

  /** The visible element ids of the sequence at `path`, in order (position i of its value is ids[i]). */
  sequenceIds(path: CrdtPath): ElementId[] {
    const [node, policy] = nodeAtPath(this.state.root, this.spec.root, path);
    if (policy.kind !== "sequence" || node.kind !== "sequence") throw new Error("path does not address a sequence");
    return visibleIds(node);
  }

  /** The id of visible element `index` of the sequence at `path`; undefined past its end. */
  sequenceIdAt(path: CrdtPath, index: number): ElementId | undefined {
    const [node, policy] = nodeAtPath(this.state.root, this.spec.root, path);
    if (policy.kind !== "sequence" || node.kind !== "sequence") throw new Error("path does not address a sequence");
    if (index < 0) return undefined;
    return visibleSpan(node, index, 1).ids[0];
  }

  /**
   * The visible index of the point just before (`side` "before") or just after ("after") element
   * `id` of the sequence at `path`; a deleted element leaves the point where it stood. -1 when the
   * sequence never had it; null `id` is the start (0).
   */
  sequenceIndexBy(path: CrdtPath, id: ElementId | null, side: "before" | "after"): number {
    const [node, policy] = nodeAtPath(this.state.root, this.spec.root, path);
    if (policy.kind !== "sequence" || node.kind !== "sequence") throw new Error("path does not address a sequence");
    return id === null ? 0 : visibleIndex(node, id, side === "after");
  }

  /** Drops metadata every replica has seen (the frontier must be covered by contiguous observed dots). */
  compact(frontier: Frontier | Record<string, number>): number {
    const f: Frontier = frontier instanceof Map ? frontier : new Map(Object.entries(frontier));
    const ctx = this.state.context;
    for (const replica of [...f.keys()].sort(compareKeysOf)) {
      const counter = f.get(replica)!;
      const compacted = ctx.compacted.get(replica) ?? 0;
      let observed = 0;
      for (const d of ctx.dots.values()) if (d.replica === replica && d.counter > compacted && d.counter <= counter) observed++;
      if (counter > compacted && observed !== counter - compacted) {
        throw new Error(`compaction frontier ${replica}:${counter} is not covered by contiguous observed dots after ${compacted}`);
      }
    }
    const n = compactNode(this.state.root, this.spec.root, f);
    for (const [replica, counter] of f) ctx.compacted.set(replica, Math.max(ctx.compacted.get(replica) ?? 0, counter));
    ctx.dots.retain((d) => !dotCovered(d, f));
    for (const [k, fp] of [...this.state.fingerprints]) if (dotCovered(fp.dot, f)) this.state.fingerprints.delete(k);
    return n;
  }

  // ---- internals ----

  private contains(dot: Dot): boolean {
    return (this.state.context.compacted.get(dot.replica) ?? 0) >= dot.counter || this.state.context.dots.has(dot);
  }

  private observe(dot: Dot, fingerprint: string): void {
    if (!this.contains(dot)) this.state.context.dots.add(dot);
    mapSet(this.state.fingerprints, dotKey(dot), { dot, hash: fingerprint });
    this.maxSeen = Math.max(this.maxSeen, dot.counter);
    this.counter = Math.max(this.counter, dot.counter);
  }

  /** Runs `body` all or nothing: on an error every change it made is undone. */
  private atomically(body: () => void): void {
    const counter = this.counter;
    const maxSeen = this.maxSeen;
    transaction(body, () => {
      this.counter = counter;
      this.maxSeen = maxSeen;
      forgetCaches(this.state.root);
    });
  }

  private nextDot(): Dot {
    this.counter = Math.max(this.counter, this.maxSeen) + 1;
    return { counter: this.counter, replica: this.replica };
  }

  private operationsFor(m: CrdtMutation): CrdtOp[] {
    if (m.kind !== "sequence_splice") return [this.operationFor(m)];
    const [node, policy] = nodeAtPath(this.state.root, this.spec.root, m.path);
    if (policy.kind !== "sequence") throw new Error("sequence_splice path does not address a sequence");
    if (node.kind !== "sequence") throw new Error("sequence policy has incompatible reducer state");
    const span = visibleSpan(node, m.index, m.delete_count);
    const length = span.length;
    if (length >= 0 && m.index > length) throw new Error(`sequence splice index ${m.index} out of bounds (len ${length})`);
    const end = m.index + m.delete_count;
    if (length >= 0 && end > length) throw new Error(`sequence splice delete range ${m.index}..${end} out of bounds (len ${length})`);
    const after = m.index > 0 ? span.before : null;
    const ids = span.ids;
    const ops: CrdtOp[] = [];
    if (m.delete_count > 0) ops.push({ kind: "sequence_delete", dot: this.nextDot(), path: m.path, ids });
    if (m.values.length > 0) ops.push({ kind: "sequence_insert", dot: this.nextDot(), path: m.path, after, values: m.values });
    return ops;
  }

  private operationFor(m: Exclude<CrdtMutation, { kind: "sequence_splice" }>): CrdtOp {
    const dot = this.nextDot();
    switch (m.kind) {
      case "map_remove": {
        const [node, policy] = nodeAtPath(this.state.root, this.spec.root, m.path);
        if (policy.kind !== "map") throw new Error("map_remove path does not address a map");
        if (node.kind !== "map") throw new Error("map policy has incompatible reducer state");
        const entry = node.entries.get(m.key);
        const live = new DotSet();
        if (entry) {
          for (const d of entry.dots.values()) live.add(d);
          liveDots(entry.node, live);
        }
        return { kind: "map_remove", dot, path: m.path, key: m.key, removed: live.sorted() };
      }
      case "set_remove": {
        const [node, policy] = nodeAtPath(this.state.root, this.spec.root, m.path);
        if (policy.kind !== "set") throw new Error("set_remove path does not address a set");
        if (node.kind !== "set") throw new Error("set policy has incompatible reducer state");
        const entry = node.entries.get(m.key);
        const live = new DotSet();
        if (entry) {
          for (const d of entry.adds.values()) live.add(d);
          liveDots(entry.node, live);
        }
        return { kind: "set_remove", dot, path: m.path, key: m.key, removed: live.sorted() };
      }
      default:
        return { ...m, dot } as CrdtOp;
    }
  }

  private applyOne(op: CrdtOp): void {
    if (mutatesSetIdentity(this.spec.root, targetPath(op))) throw new Error("set identity fields are immutable; remove and add the member instead");
    const [node, policy] = nodeAtPathMut(this.state.root, this.spec.root, op.path, op.dot);
    // a sequence keeps its cached value current itself (seq-cache.ts); any other target drops it
    if (node.kind !== "sequence") node.cache = undefined;
    switch (op.kind) {
      case "register_set":
        if (policy.kind !== "register") throw new Error("register_set path does not address a register");
        if (node.kind !== "register") throw new Error("register policy has incompatible reducer state");
        if (node.dot === null || compareDotsOf(op.dot, node.dot) >= 0) {
          assign(node, "value", op.value);
          assign(node, "dot", op.dot);
        }
        return;
      case "map_set":
      case "map_remove": {
        if (policy.kind !== "map") throw new Error(`${op.kind} path does not address a map`);
        if (node.kind !== "map") throw new Error("map policy has incompatible reducer state");
        const cp = childPolicy(policy, op.key);
        let entry = node.entries.get(op.key);
        if (!entry) mapSet(node.entries, op.key, (entry = newMapEntry(emptyNode(cp))));
        if (op.kind === "map_set") {
          entry.dots.add(op.dot);
          mergeValue(entry.node, cp, op.value, op.dot);
        } else {
          for (const d of op.removed) entry.removed.add(d);
          entry.removalOps.add(op.dot);
        }
        return;
      }
      case "set_add":
      case "set_remove": {
        if (policy.kind !== "set") throw new Error(`${op.kind} path does not address a set`);
        if (node.kind !== "set") throw new Error("set policy has incompatible reducer state");
        const key = op.kind === "set_add" ? memberKey(policy.keys, op.value) : op.key;
        let entry = node.entries.get(key);
        if (!entry) mapSet(node.entries, key, (entry = newSetEntry(emptyNode(policy.element))));
        if (op.kind === "set_add") {
          entry.adds.add(op.dot);
          mergeValue(entry.node, policy.element, op.value, op.dot);
        } else {
          for (const d of op.removed) entry.removed.add(d);
          entry.removalOps.add(op.dot);
        }
        return;
      }
      case "sequence_insert": {
        if (policy.kind !== "sequence") throw new Error("sequence_insert path does not address a sequence");
        if (node.kind !== "sequence") throw new Error("sequence policy has incompatible reducer state");
        let predecessor = op.after;
        op.values.forEach((value, index) => {
          const id: ElementId = { dot: op.dot, index };
          const entry = seqEntry(node, id);
          if (entry.inserted && !sameId(entry.after, predecessor)) throw new Error(`sequence element ${debugId(id)} has conflicting predecessors`);
          if (entry.node === null) assign(entry, "node", emptyNode(policy.element));
          mergeValue(entry.node!, policy.element, value, op.dot);
          placeEntry(node, entry, predecessor);
          predecessor = id;
        });
        return;
      }
      case "sequence_delete": {
        if (policy.kind !== "sequence") throw new Error("sequence_delete path does not address a sequence");
        if (node.kind !== "sequence") throw new Error("sequence policy has incompatible reducer state");
        for (const id of op.ids) {
          const k = idKey(id);
          let d = node.deletes.get(k);
          if (!d) mapSet(node.deletes, k, (d = { id, dots: new DotSet() }));
          d.dots.add(op.dot);
          const entry = node.entries.get(k);
          if (entry && !entry.deleted) {
            cacheDeleting(node, entry);
            assign(entry, "deleted", true);
          }
        }
        return;
      }
    }
  }

  private deltaFor(op: CrdtOp): CrdtDelta {
    switch (op.kind) {
      case "register_set":
        return { kind: "register_set", path: op.path, value: op.value };
      case "map_set":
        return { kind: "map_set", path: op.path, key: op.key, value: op.value };
      case "map_remove":
        return { kind: "map_remove", path: op.path, key: op.key };
      case "set_add": {
        const policy = policyAtPath(this.spec.root, op.path);
        if (policy.kind !== "set") throw new Error("set_add path does not address a set");
        return { kind: "set_add", path: op.path, key: memberKey(policy.keys, op.value), value: op.value };
      }
      case "set_remove":
        return { kind: "set_remove", path: op.path, key: op.key };
      case "sequence_insert": {
        const [node, policy] = nodeAtPath(this.state.root, this.spec.root, op.path);
        if (policy.kind !== "sequence") throw new Error("sequence_insert path does not address a sequence");
        if (node.kind !== "sequence") throw new Error("sequence policy has incompatible reducer state");
        const elements = op.values.map((_, index) => {
          const id: ElementId = { dot: op.dot, index };
          const child = node.entries.get(idKey(id))?.node;
          if (!child) throw new Error(`missing inserted sequence element ${debugId(id)}`);
          const value = materializeWhole(child, policy.element);
          return { id, value };
        });
        return { kind: "sequence_insert", path: op.path, after: op.after, elements };
      }
      default:
        return { kind: "sequence_delete", path: op.path, ids: op.ids };
    }
  }
}

function materializeWhole(node: Node, policy: Policy): Value {
  const v = materialize(node, policy, null);
  if (v === undefined) throw new Error("root value is removed");
  return v;
}

/** After an undone batch: cached values and orders may describe the undone state, so all go. */
function forgetCaches(node: Node): void {
  node.cache = undefined;
  if (node.kind === "map" || node.kind === "set") for (const e of node.entries.values()) forgetCaches(e.node);
  else if (node.kind === "sequence") {
    node.order = null;
    for (const e of node.entries.values()) if (e.node) forgetCaches(e.node);
  }
}

function maxCounter(s: ReducerState): number {
  let max = 0;
  for (const d of s.context.dots.values()) max = Math.max(max, d.counter);
  for (const c of s.context.compacted.values()) max = Math.max(max, c);
  return max;
}

function compareDotsOf(a: Dot, b: Dot): number {
  return a.counter !== b.counter ? (a.counter < b.counter ? -1 : 1) : compareKeysOf(a.replica, b.replica);
}
