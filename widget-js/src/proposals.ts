/**
 * Keeps a view's edits in step with the kernel: at most one proposal per field is in flight
 * (the JJava kernel takes about 20 messages a second, so a dragged slider or fast typing must
 * not queue up behind it); while one is out, newer values for that field wait here and only the
 * latest is kept, to be proposed against the latest revision once the first is answered.
 *
 * Proposals carry no id, so answers are matched the way the kernel gives them: a proposal is
 * answered when the mirror at its path equals the value sent (its echo) or by a reject of its
 * model (rejects come in the order proposals were sent; one naming a path picks that field).
 * A proposal that changes nothing after the kernel's validation gets no answer at all, so an
 * unanswered one is given up on after ANSWER_WAIT_MS.
 */

import type { Path } from "./path.js";
import { displayPath, getAt, pathText } from "./path.js";
import type { Value } from "./value.js";
import { equals } from "./value.js";

/** How long a proposal may stay unanswered before its field may send again. */
export const ANSWER_WAIT_MS = 3000;

interface InFlight {
  model: number;
  path: Path;
  sent: Value;
  timer: unknown;
  /** The newest value the person set while this one was out. */
  next?: Value;
}

export interface ProposalHooks {
  /** Sends a proposal setting `path` of `model` to `value`; false when nothing was sent. */
  send(model: number, path: Path, value: Value): boolean;
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
    if (!this.hooks.send(model, path, value)) return;
    this.sentCount++;
    const entry: InFlight = { model, path, sent: value, timer: null };
    entry.timer = this.hooks.setTimeout(() => {
      if (this.out.get(key) !== entry) return;
      this.finish(key, entry);
      if (entry.next === undefined) this.hooks.expired(model, path);
    }, ANSWER_WAIT_MS);
    this.out.set(key, entry);
  }

  /** Ends `entry` and sends its waiting value, if any. */
  private finish(key: string, entry: InFlight): void {
    this.hooks.clearTimeout(entry.timer);
    this.out.delete(key);
    if (entry.next !== undefined) this.start(key, entry.model, entry.path, entry.next);
  }

  /** A new mirror value of `model`: proposals whose value arrived are answered. */
  changed(model: number, value: Value): void {
    for (const [key, e] of [...this.out]) {
      if (e.model !== model) continue;
      const now = getAt(value, e.path);
      if (now !== undefined && equals(now, e.sent)) this.finish(key, e);
    }
  }

  /**
   * A reject for `model`: returns the path of the proposal it answers (the one whose path the
   * error names, else the oldest), or null when none is out. Its waiting value, if any, is sent.
   */
  rejected(model: number, error: string): Path | null {
    const named = /^at (.+?): /.exec(error)?.[1];
    let pick: [string, InFlight] | undefined;
    for (const [key, e] of this.out) {
      if (e.model !== model) continue;
      if (named !== undefined && displayPath(e.path) === named) {
        pick = [key, e];
        break;
      }
      pick ??= [key, e];
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
