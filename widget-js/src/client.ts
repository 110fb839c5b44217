/**
 * The mirror client: holds the latest value and revision of every model it has a snapshot
 * for, applies incoming frames under the client rules of PROTOCOL.md, and turns local edits
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
 */

import { diff } from "./diff.js";
import type { Reject } from "./messages.js";
import { decodeFrame, decodeMessage, encodeMessage } from "./messages.js";
import { readFrameMsgpack } from "./msgpack.js";
import type { Op } from "./patch.js";
import { apply } from "./patch.js";
import type { Value } from "./value.js";
import { toValue } from "./value.js";
import type { Count } from "./fields.js";

/** One accepted change to a mirror, as given to change listeners. */
export interface Change {
  readonly id: number;
  /** The model's type name from its snapshot. */
  readonly type: string;
  /** "snapshot" when a snapshot (re)initialised the mirror, "patch" for a patch. */
  readonly kind: "snapshot" | "patch";
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
export type FrameErrorKind = "decode" | "no-snapshot" | "apply";

/** The error `Client.recv` throws; the mirror is unchanged whenever it is thrown. */
export class FrameError extends Error {
  constructor(message: string, readonly kind: FrameErrorKind) {
    super(message);
    this.name = "FrameError";
  }
}

export type ChangeListener = (change: Change) => void;
export type RejectListener = (reject: Reject) => void;

/** A mirror that needs a fresh snapshot, and why. */
export interface Resync {
  readonly id: number;
  readonly reason: string;
}
export type ResyncListener = (resync: Resync) => void;

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
  private readonly stale = new Map<number, string>(); // models that need a fresh snapshot, and why

  /**
   * Applies one frame: JSON text, or MessagePack bytes (the notebook widget's binary frames). Returns the accepted change, or null when the frame changed nothing
   * (an old patch, a reject, an unknown kind). Throws when the frame is invalid; the mirror
   * and its revision are then exactly as before.
   */
  recv(frame: string | Uint8Array): Change | null {
    let m: ReturnType<typeof decodeFrame>;
    try {
      m = typeof frame === "string" ? decodeFrame(frame) : decodeMessage(readFrameMsgpack(frame));
    } catch (e) {
      const why = `a frame could not be read: ${(e as Error).message}`;
      for (const id of this.ids()) this.markStale(id, why);
      throw new FrameError((e as Error).message, "decode");
    }
    switch (m.t) {
      case "snapshot": {
        const s = m as Extract<typeof m, { t: "snapshot" }>;
        const before = this.mirrors.get(s.id);
        this.mirrors.set(s.id, { type: s.type, rev: s.rev, value: s.value });
        this.stale.delete(s.id); // the fresh snapshot a resync waits for
        const ops: Op[] = before ? diff(before.value, s.value) : [{ Set: { path: [], value: s.value } }];
        return this.emit({ id: s.id, type: s.type, kind: "snapshot", rev: s.rev, previous: before?.value, value: s.value, ops });
      }
      case "patch": {
        const p = m as Extract<typeof m, { t: "patch" }>;
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
      case "reject": {
        const r = m as Reject;
        for (const fn of [...this.rejectListeners]) fn(r);
        return null;
      }
      default:
        return null;
    }
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
    const mirror = this.mirrors.get(id);
    if (!mirror) throw new Error(`cannot edit model ${id}: no snapshot yet`);
    const ops = diff(mirror.value, newValue);
    if (ops.length === 0) return null;
    // Only the changed parts are new; check them (throws naming what is wrong).
    for (const op of ops) {
      const body = (op as { Set?: { value: Value }; Insert?: { value: Value } }).Set ?? (op as { Insert?: { value: Value } }).Insert;
      if (body) toValue(body.value);
    }
    return encodeMessage({ t: "patch", id, patch: { rev: mirror.rev, ops } });
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
