/**
 * Keeps a view's edits in step with the kernel: at most one proposal per field is in flight
 * (the JJava kernel takes about 20 messages a second, so a dragged slider or fast typing must
 * not queue up behind it); while one is out, newer values for that field wait here and only the
 * latest is kept, to be proposed against the latest revision once the first is answered.
 *
 * Every proposal carries an id (docs/protocol.md "Proposal ids"), and the kernel answers each
 * one: its echo (a patch carrying the id) or an `ack` accepts it, a `reject` carrying the id
 * refuses it. The client turns those into the proposal's `accepted` Promise; a field's proposal
 * settles on that answer, whatever else changes meanwhile. A kernel that never answers (it died
 * mid-proposal) must not freeze the field: after SAFETY_WAIT_MS it may send again.
 */

import type { Path } from "./path.js";
import { displayPath, pathText } from "./path.js";
import type { Value } from "./value.js";

/** How long a proposal may stay unanswered before its field may send again (a dead kernel only). */
export const SAFETY_WAIT_MS = 15000;

/** What the widget's send hook hands back for a proposal on its way: its id and its answer. */
export interface Sent {
  readonly id: string;
  readonly accepted: Promise<unknown>;
}

interface InFlight {
  model: number;
  path: Path;
  id: string;
  timer: unknown;
  /** The newest value the person set while this one was out. */
  next?: Value;
}

export interface ProposalHooks {
  /** Sends a proposal setting `path` of `model` to `value`; null when nothing was sent. */
  send(model: number, path: Path, value: Value): Sent | null;
  /** The field's proposal was given up on without an answer. */
  expired(model: number, path: Path): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(t: unknown): void;
}

export class Proposals {
  /** In-flight proposals by model and path text, in the order they were sent. */
  private readonly out = new Map<string, InFlight>();
  /** Proposals sent, for the benchmarks and tests. */
  sentCount = 0;

  constructor(private readonly hooks: ProposalHooks) {}

  /** The person set `path` of `model` to `value`: send now, or keep it as the field's next. */
  propose(model: number, path: Path, value: Value): void {
    const key = `${model} ${pathText(path)}`;
    const busy = this.out.get(key);
    if (busy) {
      busy.next = value;
      return;
    }
    this.start(key, model, path, value);
  }

  private start(key: string, model: number, path: Path, value: Value): void {
    const sent = this.hooks.send(model, path, value);
    if (!sent) return;
    this.sentCount++;
    const entry: InFlight = { model, path, id: sent.id, timer: null };
    entry.timer = this.hooks.setTimeout(() => {
      if (this.out.get(key) !== entry) return;
      this.finish(key, entry);
      if (entry.next === undefined) this.hooks.expired(model, path);
    }, SAFETY_WAIT_MS);
    this.out.set(key, entry);
    // Accepted (echo or ack): the field may send its next value. A refusal is handled by
    // rejected(), called synchronously from the reject listener so the reason shows at once.
    sent.accepted.then(
      () => {
        if (this.out.get(key) === entry) this.finish(key, entry);
      },
      () => {
        if (this.out.get(key) === entry) this.finish(key, entry); // abandoned: the connection went
      },
    );
  }

  /** Ends `entry` and sends its waiting value, if any. */
  private finish(key: string, entry: InFlight): void {
    this.hooks.clearTimeout(entry.timer);
    this.out.delete(key);
    if (entry.next !== undefined) this.start(key, entry.model, entry.path, entry.next);
  }

  /**
   * A reject for `model`: returns the path of the proposal it answers, or null when it answers
   * none of this view's. The reject's proposal id picks it; a reject without one (an older
   * kernel) picks the proposal whose path its first `at <path>:` names, else the oldest.
   * Its waiting value, if any, is sent.
   */
  rejected(model: number, error: string, proposal?: string): Path | null {
    let pick: [string, InFlight] | undefined;
    if (proposal !== undefined) {
      for (const [key, e] of this.out) if (e.id === proposal) pick = [key, e];
      if (!pick) return null; // answers a proposal given up on, or another view's
    } else {
      const named = /^at (.+?): /.exec(error)?.[1];
      for (const [key, e] of this.out) {
        if (e.model !== model) continue;
        if (named !== undefined && displayPath(e.path) === named) {
          pick = [key, e];
          break;
        }
        pick ??= [key, e];
      }
    }
    if (!pick) return null;
    this.finish(pick[0], pick[1]);
    return pick[1].path;
  }

  /** True while a proposal for `path` of `model` is out or waiting. */
  busy(model: number, path: Path): boolean {
    return this.out.has(`${model} ${pathText(path)}`);
  }

  /** Forgets everything (the connection is gone). */
  clear(): void {
    for (const e of this.out.values()) this.hooks.clearTimeout(e.timer);
    this.out.clear();
  }
}
