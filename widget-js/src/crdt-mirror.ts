/**
 * The client side of CRDT-backed models: one reducer replica per model (restored from each
 * `crdt_snapshot`), local edits applied at once (optimistic) and kept in an outbox until the
 * server echoes their dots, remote operations merged idempotently, refused operations (`crdt_ops`
 * on a reject) settled and remembered with the reason so a page can show them.
 *
 * Offline edits: the outbox survives a disconnect. A new snapshot restores the server's state and
 * re-applies the outbox on top (nothing typed offline is lost), and `frames()` gives the frames to
 * resend when a connection opens; the server ignores dots it has already seen.
 *
 * A page can say which spec it expects for a model (`expect`); a snapshot whose spec hash differs
 * is refused with both hashes named, as is a state whose spec hash does not match its spec.
 */

import { CrdtDocument } from "./crdt/document.js";
import type { CrdtEffect } from "./crdt/document.js";
import { dotKey } from "./crdt/ids.js";
import type { CrdtMutation, CrdtOp } from "./crdt/ops.js";
import type { CrdtSpec } from "./crdt/spec.js";
import type { CrdtMessage, CrdtSnapshot, Reject } from "./messages.js";
import { encodeMessage } from "./messages.js";
import type { Value } from "./value.js";
import type { Count } from "./fields.js";

/** Operations the server refused, and why. */
export interface RefusedCrdt {
  readonly id: number;
  readonly ops: readonly CrdtOp[];
  readonly error: string;
}

interface Pending {
  readonly id: number;
  ops: CrdtOp[];
}

function randomReplica(): string {
  const bytes = new Uint8Array(16);
  const c = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `client-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export class CrdtMirrors {
  private readonly docs = new Map<number, CrdtDocument>();
  private outbox: Pending[] = []; // local batches not echoed yet, oldest first
  private readonly expected = new Map<number, CrdtSpec>();
  private readonly refusedOps = new Map<number, RefusedCrdt[]>();

  /** `replica`: this client's replica id for every model (a fresh random one by default). */
  constructor(readonly replica: string = randomReplica()) {}

  /** Whether model `id` is mirrored as a CRDT document. */
  has(id: number): boolean {
    return this.docs.has(id);
  }

  document(id: number): CrdtDocument | undefined {
    return this.docs.get(id);
  }

  /** The spec a snapshot of model `id` must have; a different one is refused. */
  expect(id: number, spec: CrdtSpec): void {
    this.expected.set(id, spec);
  }

  /** Adopts a snapshot, re-applies the outbox on top, and returns the value. Throws (changing nothing) when refused. */
  snapshot(s: CrdtSnapshot): Value {
    const wanted = this.expected.get(s.id);
    if (wanted) wanted.requireHash(s.spec.hash);
    const doc = CrdtDocument.fromState(s.spec, s.state, this.replica);
    const mine = this.outbox.filter((p) => p.id === s.id).flatMap((p) => p.ops);
    if (mine.length > 0) doc.apply(mine);
    this.docs.set(s.id, doc);
    return doc.value();
  }

  /** Merges the server's operations and settles the echoed ones; null when `id` is not a CRDT model. */
  remote(m: CrdtMessage): { value: Value; effect: CrdtEffect } | null {
    const doc = this.docs.get(m.id);
    if (!doc) return null;
    const effect = doc.apply(m.ops);
    this.settle(m.id, m.ops);
    return { value: doc.value(), effect };
  }

  /**
   * Applies local mutations now and queues their operations; the frame to send, null when nothing changed.
   * `rev`: the revision the mirror holds, sent so a hub knows what this replica has seen (the outbox
   * resent by `frames()` goes at rev 0, as its operations were made earlier).
   */
  local(id: number, mutations: readonly CrdtMutation[], rev: Count = 0): { value: Value; effect: CrdtEffect; frame: string | null; ops: readonly CrdtOp[] } {
    const doc = this.docs.get(id);
    if (!doc) throw new Error(`model ${id} is not CRDT-backed`);
    const change = doc.mutate(mutations);
    const ops = [...change.ops];
    if (ops.length > 0) this.outbox.push({ id, ops });
    const frame = ops.length > 0 ? encodeMessage({ t: "crdt", id, rev, ops }) : null;
    return { value: doc.value(), effect: change.effect, frame, ops };
  }

  /** A reject that names refused operations: they leave the outbox and are remembered with the reason. */
  refuse(r: Reject): void {
    if (!r.crdt_ops) return;
    const refused = new Set(r.crdt_ops.map((op) => dotKey(op.dot)));
    const mine = this.outbox.filter((p) => p.id === r.id).flatMap((p) => p.ops.filter((op) => refused.has(dotKey(op.dot))));
    this.settle(r.id, r.crdt_ops);
    if (mine.length > 0) {
      const list = this.refusedOps.get(r.id) ?? [];
      list.push({ id: r.id, ops: mine, error: r.error });
      this.refusedOps.set(r.id, list);
    }
  }

  /** Model `id` became a plain model: its document and its queued operations go. */
  drop(id: number): void {
    this.docs.delete(id);
    this.outbox = this.outbox.filter((p) => p.id !== id);
  }

  /** The frames that carry every queued operation, to send when a connection opens. */
  frames(): string[] {
    return this.outbox.map((p) => encodeMessage({ t: "crdt", id: p.id, rev: 0, ops: p.ops }));
  }

  /** How many local operations wait for the server's echo (for one model, or all). */
  pending(id?: number): number {
    return this.outbox.reduce((n, p) => n + (id === undefined || p.id === id ? p.ops.length : 0), 0);
  }

  /** The operations the server refused for model `id`, with the reasons, oldest first. */
  refused(id: number): readonly RefusedCrdt[] {
    return this.refusedOps.get(id) ?? [];
  }

  /** Forgets the refusals shown for model `id`. */
  clearRefused(id: number): void {
    this.refusedOps.delete(id);
  }

  private settle(id: number, ops: readonly { readonly dot: CrdtOp["dot"] }[]): void {
    const done = new Set(ops.map((op) => dotKey(op.dot)));
    const kept: Pending[] = [];
    for (const p of this.outbox) {
      if (p.id === id) p.ops = p.ops.filter((op) => !done.has(dotKey(op.dot)));
      if (p.ops.length > 0) kept.push(p);
    }
    this.outbox = kept;
  }
}
