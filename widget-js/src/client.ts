/**
 * The mirror client: holds the latest value and revision of every model it has a snapshot
 * for, applies incoming frames under the client rules of docs/protocol.md, and turns local edits
 * into proposal frames. It owns no connection: feed it frames with `recv` and send the text
 * that `edit` returns over whatever channel you have.
 *
 * Rules: a snapshot (re)initialises a mirror; a patch whose rev is at or below the mirror's is
 * ignored; a patch before any snapshot, or one with an invalid op, throws and changes nothing;
 * a reject goes to reject listeners; a message with an unknown `t` is ignored.
 *
 * A mirror never stays silently wrong: a frame that fails (an op that does not apply, a patch
 * before its snapshot, or a frame that cannot be read, which could have been for any model)
 * marks the model as needing a resync, tells the resync listeners (model id and reason) before
 * the error is thrown, and leaves the model out of `since()`, so the next resume gets a fresh
 * snapshot, which clears the mark. Later patches still apply (the shared client rules). A patch
 * that skips revisions is not a failure: a server may merge a lagging connection's patches.
 *
 * Every proposal carries an id (`"proposal"`: `auto-1`, `auto-2`, ... unless the caller names
 * one) and stays pending until the server answers: its echo or an `ack` accepts it (the promise
 * resolves with that revision), a reject refuses it (`ProposalRejected`, with the reason). When
 * the connection goes away first, `abandonPending` fails it (`ProposalAbandoned`). An answer for
 * an id this client does not know is ignored.
 *
 * CRDT-backed models (`crdt_snapshot`, `crdt`; see crdt-mirror.ts) are mirrored by a reducer
 * replica: `editCrdt` applies an edit at once and returns the frame to send; remote operations
 * merge in; changes are reported with kind "crdt". A snapshot whose spec is refused throws a
 * FrameError of kind "spec" and leaves the mirror as it was (a resync would not help).
 */

import { diff } from "./diff.js";
import type { Ack, Awareness, Batch, CrdtMessage, CrdtSnapshot, Reject } from "./messages.js";
import { CrdtMirrors } from "./crdt-mirror.js";
import type { CrdtMutation } from "./crdt/ops.js";
import { decodeFrame, decodeMessage, encodeMessage } from "./messages.js";
import { readFrameMsgpack } from "./msgpack.js";
import type { Op } from "./patch.js";
import { apply } from "./patch.js";
import type { Value } from "./value.js";
import { toValue } from "./value.js";
import type { Path } from "./path.js";
import { displayPath, isKey } from "./path.js";
import { validText } from "./fields.js";
import type { Count } from "./fields.js";

/** One accepted change to a mirror, as given to change listeners. */
export interface Change {
  readonly id: number;
  /** The model's type name from its snapshot. */
  readonly type: string;
  /** "snapshot" when a snapshot (re)initialised the mirror, "patch" for a patch, "crdt" for CRDT operations (local or remote). */
  readonly kind: "snapshot" | "patch" | "crdt";
  /** A number, or a bigint for revisions beyond 2^53. */
  readonly rev: Count;
  /** The mirror before the change; undefined for a model's first snapshot. */
  readonly previous: Value | undefined;
  readonly value: Value;
  /**
   * Ops that turn `previous` into `value`: the patch's own ops, or for a snapshot over an
   * existing mirror the diff between the two (a first snapshot gives one Set of the root).
   */
  readonly ops: readonly Op[];
}

/** Why a frame was refused: it could not be decoded, its model has no snapshot, or an op failed. */
export type FrameErrorKind = "decode" | "no-snapshot" | "apply" | "spec";

/** The error `Client.recv` throws; the mirror is unchanged whenever it is thrown. */
export class FrameError extends Error {
  constructor(message: string, readonly kind: FrameErrorKind) {
    super(message);
    this.name = "FrameError";
  }
}

export type ChangeListener = (change: Change) => void;
export type RejectListener = (reject: Reject) => void;
export type AwarenessListener = (update: Awareness) => void;

/** A mirror that needs a fresh snapshot, and why. */
export interface Resync {
  readonly id: number;
  readonly reason: string;
}
export type ResyncListener = (resync: Resync) => void;

/** How a proposal fails when the server refused it; `reject.error` says why. */
export class ProposalRejected extends Error {
  constructor(readonly reject: Reject) {
    super(`proposal ${reject.proposal} for model ${reject.id} was refused: ${reject.error}`);
    this.name = "ProposalRejected";
  }
}

/** How a proposal fails when no answer can come any more (the connection closed, or it was never sent). */
export class ProposalAbandoned extends Error {
  constructor(readonly proposal: string, why: string) {
    super(`proposal ${proposal} was abandoned: ${why}`);
    this.name = "ProposalAbandoned";
  }
}

/** A proposal this client made: send `frame`; `accepted` resolves with the revision it was accepted at. */
export interface Proposal {
  /** The id carried on the wire as `proposal`. */
  readonly id: string;
  readonly model: number;
  readonly frame: string;
  /** Resolves with the accepted revision; rejects with ProposalRejected or ProposalAbandoned. */
  readonly accepted: Promise<Count>;
}

interface Pending {
  resolve(rev: Count): void;
  reject(e: Error): void;
}

const AUTO = "auto-";

interface Mirror {
  type: string;
  rev: Count;
  value: Value;
}

export class Client {
  private readonly mirrors = new Map<number, Mirror>();
  private readonly changeListeners = new Set<ChangeListener>();
  private readonly rejectListeners = new Set<RejectListener>();
  private readonly resyncListeners = new Set<ResyncListener>();
  private readonly beforeCrdtListeners = new Set<(id: number) => void>();
  private readonly stale = new Map<number, string>(); // models that need a fresh snapshot, and why
  private readonly pending = new Map<string, Pending>(); // proposals not answered yet, oldest first
  private nextProposal = 1;
  private readonly peers = new Map<number, Map<string, unknown>>(); // other peers' awareness per shared model
  private readonly awarenessListeners = new Set<AwarenessListener>();
  /** The CRDT documents of CRDT-backed models, their outbox and refused operations. */
  readonly crdt = new CrdtMirrors();

  /**
   * Applies one frame: JSON text, or MessagePack bytes (the notebook widget's binary frames). Returns the accepted change, or null when the frame changed nothing
   * (an old patch, a reject, an unknown kind). Throws when the frame is invalid; the mirror
   * and its revision are then exactly as before.
   */
  recv(frame: string | Uint8Array): Change | null {
    let m: ReturnType<typeof decodeFrame>;
    try {
      m = typeof frame === "string" ? decodeFrame(frame) : decodeMessage(readFrameMsgpack(frame, { values: true }));
    } catch (e) {
      const why = `a frame could not be read: ${(e as Error).message}`;
      for (const id of this.ids()) this.markStale(id, why);
      throw new FrameError((e as Error).message, "decode");
    }
    if (m.t === "batch") return this.recvBatch((m as Batch).msgs);
    return this.recvMessage(m);
  }

  /**
   * A batch's messages in order, each exactly as if it came in its own frame: one that fails changes
   * nothing and is reported, the ones after it still apply, and the first failure is thrown at the
   * end. Returns the last accepted change (the change listeners hear every one).
   */
  private recvBatch(msgs: Batch["msgs"]): Change | null {
    let last: Change | null = null;
    let first: unknown = null;
    for (const inner of msgs) {
      try {
        const c = this.recvMessage(inner);
        if (c) last = c;
      } catch (e) {
        if (first === null) first = e;
      }
    }
    if (first !== null) throw first;
    return last;
  }

  private recvMessage(m: ReturnType<typeof decodeFrame>): Change | null {
    switch (m.t) {
      case "snapshot": {
        const s = m as Extract<typeof m, { t: "snapshot" }>;
        this.crdt.drop(s.id); // a plain snapshot makes the model plain
        const before = this.mirrors.get(s.id);
        this.mirrors.set(s.id, { type: s.type, rev: s.rev, value: s.value });
        this.stale.delete(s.id); // the fresh snapshot a resync waits for
        const ops: Op[] = before ? diff(before.value, s.value) : [{ Set: { path: [], value: s.value } }];
        return this.emit({ id: s.id, type: s.type, kind: "snapshot", rev: s.rev, previous: before?.value, value: s.value, ops });
      }
      case "patch": {
        const p = m as Extract<typeof m, { t: "patch" }>;
        this.settle(p.proposal, p.patch.rev); // the echo of one of ours answers it, even if stale or failing
        const mirror = this.mirrors.get(p.id);
        if (!mirror) {
          const why = `patch for model ${p.id} arrived before its snapshot`;
          this.markStale(p.id, why);
          throw new FrameError(why, "no-snapshot");
        }
        if (p.patch.rev <= mirror.rev) return null;
        let next: Value;
        try {
          next = apply(mirror.value, p.patch.ops);
        } catch (e) {
          const why = `patch rev ${p.patch.rev} for model ${p.id} refused: ${(e as Error).message}`;
          this.markStale(p.id, `${why} (mirror at rev ${mirror.rev})`);
          throw new FrameError(why, "apply");
        }
        const previous = mirror.value;
        mirror.value = next;
        mirror.rev = p.patch.rev;
        return this.emit({ id: p.id, type: mirror.type, kind: "patch", rev: p.patch.rev, previous, value: next, ops: p.patch.ops });
      }
      case "crdt_snapshot": {
        const s = m as CrdtSnapshot;
        let value: Value;
        if (this.crdt.has(s.id)) this.beforeCrdt(s.id);
        try {
          value = this.crdt.snapshot(s);
        } catch (e) {
          throw new FrameError(`CRDT snapshot for model ${s.id} refused: ${(e as Error).message}`, "spec");
        }
        const before = this.mirrors.get(s.id);
        this.mirrors.set(s.id, { type: s.type, rev: s.rev, value });
        this.stale.delete(s.id);
        const ops: Op[] = before ? diff(before.value, value) : [{ Set: { path: [], value } }];
        return this.emit({ id: s.id, type: s.type, kind: "snapshot", rev: s.rev, previous: before?.value, value, ops });
      }
      case "crdt": {
        const c = m as CrdtMessage;
        this.settle(c.proposal, c.rev);
        const mirror = this.mirrors.get(c.id);
        if (!mirror) {
          const why = `CRDT operations for model ${c.id} arrived before its snapshot`;
          this.markStale(c.id, why);
          throw new FrameError(why, "no-snapshot");
        }
        let merged: ReturnType<CrdtMirrors["remote"]>;
        if (this.crdt.has(c.id)) this.beforeCrdt(c.id);
        try {
          merged = this.crdt.remote(c);
        } catch (e) {
          const why = `CRDT operations for model ${c.id} refused: ${(e as Error).message}`;
          this.markStale(c.id, why);
          throw new FrameError(why, "apply");
        }
        if (merged === null) return null; // a plain model ignores CRDT operations
        const previous = mirror.value;
        mirror.value = merged.value;
        if (c.rev > mirror.rev) mirror.rev = c.rev;
        return this.emit({ id: c.id, type: mirror.type, kind: "crdt", rev: mirror.rev, previous, value: merged.value, ops: merged.effect.patch.ops });
      }
      case "reject": {
        const r = m as Reject;
        this.crdt.refuse(r);
        this.settle(r.proposal, r.rev, r);
        for (const fn of [...this.rejectListeners]) fn(r);
        return null;
      }
      case "ack": {
        const a = m as Ack;
        this.settle(a.proposal, a.rev); // never changes the mirror
        return null;
      }
      case "awareness": {
        const a = m as Awareness;
        if (a.peer === undefined) return null; // only a hub's relay names the peer
        const states = this.peers.get(a.id) ?? new Map<string, unknown>();
        if (a.state === null) states.delete(a.peer);
        else states.set(a.peer, a.state);
        if (states.size) this.peers.set(a.id, states);
        else this.peers.delete(a.id);
        for (const fn of [...this.awarenessListeners]) fn(a);
        return null;
      }
      default:
        return null;
    }
  }

  /**
   * The frame that sets this client's awareness state on a shared model (plain JSON data: which field
   * it edits, say), or clears it with null. Send it like a proposal; the hub relays it to the other
   * subscribers with this connection's peer id. Not stored: send it again after a reconnect.
   */
  setAwareness(id: number, state: unknown): string {
    return encodeMessage({ t: "awareness", id, state: state ?? null });
  }

  /**
   * Forget every other peer's awareness (the connection closed: their removals can no longer reach
   * us, and the hub sends the current states again on reconnect); listeners hear each as removed.
   */
  forgetPeers(): void {
    const all = [...this.peers.entries()];
    this.peers.clear();
    for (const [id, states] of all) {
      for (const peer of states.keys()) for (const fn of [...this.awarenessListeners]) fn({ t: "awareness", id, state: null, peer });
    }
  }

  /** The other peers' current awareness state on a shared model, by peer id. */
  awareness(id: number): Map<string, unknown> {
    return new Map(this.peers.get(id) ?? []);
  }

  /** Registers an awareness listener (a null state: that peer cleared it or left); returns a function that removes it. */
  onAwareness(fn: AwarenessListener): () => void {
    this.awarenessListeners.add(fn);
    return () => this.awarenessListeners.delete(fn);
  }

  /** The mirrored value of a model, or undefined before its snapshot. */
  value(id: number): Value | undefined {
    return this.mirrors.get(id)?.value;
  }

  /** The mirrored revision of a model, or undefined before its snapshot. */
  rev(id: number): Count | undefined {
    return this.mirrors.get(id)?.rev;
  }

  /** The type name the snapshot gave, or undefined before it. */
  type(id: number): string | undefined {
    return this.mirrors.get(id)?.type;
  }

  /** Ids of the mirrored models, in ascending order. */
  ids(): number[] {
    return [...this.mirrors.keys()].sort((a, b) => a - b);
  }

  /**
   * Revisions held per model, in the `since` form used for resume: {"1": 12, ...}. Models that
   * need a resync are left out, so the server sends them a snapshot.
   */
  since(): Record<string, Count> {
    const out: Record<string, Count> = {};
    for (const id of this.ids()) if (!this.stale.has(id)) out[String(id)] = this.mirrors.get(id)!.rev;
    return out;
  }

  /** Models whose mirror needs a fresh snapshot, with why (empty when every mirror is sound). */
  needsResync(): Map<number, string> {
    return new Map(this.stale);
  }

  /**
   * A proposal frame that would turn the mirror of `id` into `newValue`, or null when nothing
   * differs. The mirror itself does not change: it changes when the server's echo arrives.
   * Throws when the model has no snapshot or `newValue` is not a valid Value.
   */
  edit(id: number, newValue: Value): string | null {
    return this.propose(id, newValue)?.frame ?? null;
  }

  /**
   * A proposal that would turn the mirror of `id` into `newValue` (null when nothing differs):
   * send its `frame`, await `accepted`. Throws like `edit`.
   */
  propose(id: number, newValue: Value, proposalId?: string): Proposal | null {
    const mirror = this.mirrors.get(id);
    if (!mirror) throw new Error(`cannot edit model ${id}: no snapshot yet`);
    const ops = diff(mirror.value, newValue);
    if (ops.length === 0) return null;
    return this.proposeOps(id, ops, proposalId);
  }

  /**
   * A proposal carrying these ops, under `proposalId` or an id this client makes up. Throws when
   * the model has no snapshot, an op's value is not a valid Value, or the id is pending already or
   * uses the prefix `auto-` (kept for made-up ids).
   */
  proposeOps(id: number, ops: readonly Op[], proposalId?: string): Proposal {
    const mirror = this.mirrors.get(id);
    if (!mirror) throw new Error(`cannot edit model ${id}: no snapshot yet`);
    // Only the changed parts are new; check them (throws naming what is wrong): their values, and
    // the keys on their paths, which may be new map keys (a lone surrogate cannot travel).
    for (const op of ops) {
      const body = Object.values(op)[0] as { path: Path; value?: Value; index?: number };
      // an Insert's value lands at path[index]; a Set's at its path
      const where = "Insert" in op ? displayPath([...body.path, { Index: body.index as number }]) : displayPath(body.path);
      try {
        body.path.forEach((s, i) => {
          if (isKey(s)) validText(s.Key, displayPath(body.path.slice(0, i)), "a map key");
        });
        if (body.value !== undefined) toValue(body.value, where);
      } catch (e) {
        throw new Error(`cannot propose this change to model ${id}: ${(e as Error).message}`);
      }
    }
    if (proposalId !== undefined) {
      if (proposalId.startsWith(AUTO)) throw new Error(`proposal id '${proposalId}': the prefix '${AUTO}' is kept for ids the client makes up`);
      if (this.pending.has(proposalId)) throw new Error(`proposal id '${proposalId}' is already pending`);
    }
    const pid = proposalId ?? `${AUTO}${this.nextProposal++}`;
    const frame = encodeMessage({ t: "patch", id, patch: { rev: mirror.rev, ops: [...ops] }, proposal: pid });
    let pending!: Pending;
    const accepted = new Promise<Count>((resolve, reject) => (pending = { resolve, reject }));
    accepted.catch(() => {}); // a proposal nobody awaits must not be an unhandled rejection
    this.pending.set(pid, pending);
    return { id: pid, model: id, frame, accepted };
  }

  /**
   * Applies CRDT mutations to model `id` at once (the change listeners hear it, kind "crdt") and
   * returns the frame that proposes them, or null when they changed nothing. The operations stay
   * queued until the server echoes them (`crdt.frames()` resends them after a reconnect). Throws
   * when the model is not CRDT-backed or an edit does not fit its spec; nothing changes then.
   */
  editCrdt(id: number, mutations: readonly CrdtMutation[]): string | null {
    const mirror = this.mirrors.get(id);
    if (!mirror) throw new Error(`cannot edit model ${id}: no snapshot yet`);
    const done = this.crdt.local(id, mutations, mirror.rev);
    if (done.frame === null) return null;
    const previous = mirror.value;
    mirror.value = done.value;
    this.emit({ id, type: mirror.type, kind: "crdt", rev: mirror.rev, previous, value: done.value, ops: done.effect.patch.ops });
    return done.frame;
  }

  /** Ids of the proposals not answered yet, oldest first. */
  pendingProposals(): string[] {
    return [...this.pending.keys()];
  }

  /** The connection is gone: fail every pending proposal as abandoned; returns their ids. */
  abandonPending(why: string): string[] {
    const ids = [...this.pending.keys()];
    const gone = [...this.pending.entries()];
    this.pending.clear();
    for (const [pid, p] of gone) p.reject(new ProposalAbandoned(pid, why));
    return ids;
  }

  /** Fail one pending proposal as abandoned (its frame could not be sent); true when it was pending. */
  abandon(proposalId: string, why: string): boolean {
    const p = this.pending.get(proposalId);
    if (!p) return false;
    this.pending.delete(proposalId);
    p.reject(new ProposalAbandoned(proposalId, why));
    return true;
  }

  private settle(proposal: string | undefined, rev: Count, refused?: Reject): void {
    if (proposal === undefined) return;
    const p = this.pending.get(proposal);
    if (!p) return; // not ours, or answered already
    this.pending.delete(proposal);
    if (refused) p.reject(new ProposalRejected(refused));
    else p.resolve(rev);
  }

  /** Registers a change listener; returns a function that removes it. */
  onChange(fn: ChangeListener): () => void {
    this.changeListeners.add(fn);
    return () => this.changeListeners.delete(fn);
  }

  /** Registers a reject listener; returns a function that removes it. */
  onReject(fn: RejectListener): () => void {
    this.rejectListeners.add(fn);
    return () => this.rejectListeners.delete(fn);
  }

  /**
   * Registers a listener told just before other writers' operations (or a new CRDT snapshot) change
   * model `id`'s CRDT document, while it still holds what the page shows: a collaborative text pins
   * its caret to CRDT elements there (crdt-caret.ts). Returns a function that removes it.
   */
  onBeforeCrdt(fn: (id: number) => void): () => void {
    this.beforeCrdtListeners.add(fn);
    return () => this.beforeCrdtListeners.delete(fn);
  }

  private beforeCrdt(id: number): void {
    for (const fn of [...this.beforeCrdtListeners]) {
      try {
        fn(id);
      } catch (e) {
        console.error("[transports] a before-CRDT listener failed:", (e as Error).message);
      }
    }
  }

  /** Registers a resync listener (a mirror needs a fresh snapshot); returns a function that removes it. */
  onResync(fn: ResyncListener): () => void {
    this.resyncListeners.add(fn);
    return () => this.resyncListeners.delete(fn);
  }

  private markStale(id: number, reason: string): void {
    this.stale.set(id, reason);
    for (const fn of [...this.resyncListeners]) {
      try {
        fn({ id, reason });
      } catch (e) {
        console.error("[transports] a resync listener failed:", (e as Error).message);
      }
    }
  }

  private emit(c: Change): Change {
    for (const fn of [...this.changeListeners]) fn(c);
    return c;
  }
}
