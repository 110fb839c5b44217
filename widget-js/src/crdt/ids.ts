/**
 * Causal identities of the CRDT reducer: a `Dot` (one operation: counter, then replica) and an
 * `ElementId` (one sequence element: the inserting dot and its index in that insert), their total
 * orders (the reference's: counter, then replica by code point; element by dot, then index), string
 * keys for hash maps, and a small ordered set of dots.
 */

import { compareKeys } from "../value.js";
import { undoable } from "./journal.js";

export interface Dot {
  readonly counter: number;
  readonly replica: string;
}

export interface ElementId {
  readonly dot: Dot;
  readonly index: number;
}

/** The dot of a document's initial value; never a valid operation dot. */
export const INIT_REPLICA = "$init";
export const INITIAL_DOT: Dot = { counter: 0, replica: INIT_REPLICA };

export function compareDots(a: Dot, b: Dot): number {
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return compareKeys(a.replica, b.replica);
}

export function compareIds(a: ElementId, b: ElementId): number {
  return compareDots(a.dot, b.dot) || a.index - b.index;
}

/** `None` sorts before every id, as an absent predecessor does in the reference. */
export function compareOptionalIds(a: ElementId | null, b: ElementId | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return compareIds(a, b);
}

export function dotKey(d: Dot): string {
  return `${d.counter}/${d.replica}`;
}

export function idKey(id: ElementId): string {
  return `${id.dot.counter}/${id.index}/${id.dot.replica}`;
}

export function sameDot(a: Dot | null, b: Dot | null): boolean {
  return a === b || (a !== null && b !== null && a.counter === b.counter && a.replica === b.replica);
}

export function sameId(a: ElementId | null, b: ElementId | null): boolean {
  return a === b || (a !== null && b !== null && a.index === b.index && sameDot(a.dot, b.dot));
}

/** A set of dots, kept unordered and sorted only when written out. */
export class DotSet {
  private readonly byKey = new Map<string, Dot>();

  get size(): number {
    return this.byKey.size;
  }
  has(d: Dot): boolean {
    return this.byKey.has(dotKey(d));
  }
  add(d: Dot): void {
    const k = dotKey(d);
    if (this.byKey.has(k)) return;
    this.byKey.set(k, d);
    undoable(() => this.byKey.delete(k));
  }
  values(): IterableIterator<Dot> {
    return this.byKey.values();
  }
  sorted(): Dot[] {
    return [...this.byKey.values()].sort(compareDots);
  }
  /** Whether some dot here is not in `removed`. */
  anyOutside(removed: ReadonlySet<string> | DotSet): boolean {
    for (const k of this.byKey.keys()) if (!(removed instanceof DotSet ? removed.byKey.has(k) : removed.has(k))) return true;
    return false;
  }
  hasKey(k: string): boolean {
    return this.byKey.has(k);
  }
  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }
  retain(keep: (d: Dot) => boolean): void {
    for (const [k, d] of this.byKey) if (!keep(d)) this.byKey.delete(k);
  }
}

export { compareKeys as compareKeysOf } from "../value.js";
