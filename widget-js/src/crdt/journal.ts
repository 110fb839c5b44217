/**
 * An undo log, so a batch of operations applies all or nothing without copying the document
 * first (a copy costs as much as the whole document on every keystroke). While a transaction is
 * open, every change to reducer state goes through these helpers, which record how to undo it;
 * if the batch fails, the changes are undone newest first.
 */

let log: (() => void)[] | null = null;

/** Records how to undo a change just made (only while a transaction is open). */
export function undoable(undo: () => void): void {
  if (log !== null) log.push(undo);
}

/** Sets `map[key]`, recording the previous state. */
export function mapSet<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (log !== null) {
    if (map.has(key)) {
      const before = map.get(key) as V;
      log.push(() => map.set(key, before));
    } else log.push(() => map.delete(key));
  }
  map.set(key, value);
}

/** Assigns `target[field]`, recording the previous value. */
export function assign<T extends object, F extends keyof T>(target: T, field: F, value: T[F]): void {
  if (log !== null) {
    const before = target[field];
    log.push(() => {
      target[field] = before;
    });
  }
  target[field] = value;
}

/** Runs `body`; if it throws, undoes what it changed, calls `afterUndo`, and rethrows. */
export function transaction<R>(body: () => R, afterUndo: () => void): R {
  if (log !== null) return body(); // already inside one: the outer transaction undoes it all
  const mine: (() => void)[] = [];
  log = mine;
  try {
    return body();
  } catch (e) {
    log = null;
    for (let i = mine.length - 1; i >= 0; i--) mine[i]();
    afterUndo();
    throw e;
  } finally {
    log = null;
  }
}
