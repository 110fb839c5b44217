/**
 * A form edit of a CRDT-backed model, as the CRDT mutations its spec calls for (never a whole-value
 * Set): a text (string `sequence`) becomes one splice over the changed middle; a list (`sequence`
 * with list materialization) given whole by a structural edit (item added or removed) becomes one
 * splice over the changed run of items; a field of a map becomes a register write or a map merge
 * (`setField`). The form speaks in `Path`s (Key/Index); CRDT paths reach a sequence through map keys
 * only here — an edit inside one item of a CRDT list (its path names an index) is refused with the
 * reason, as is replacing the whole model.
 */

import { replaceText, setField } from "./crdt/edits.js";
import type { CrdtMutation, CrdtPath } from "./crdt/ops.js";
import { policyAtPath } from "./crdt/paths.js";
import type { CrdtSpec } from "./crdt/spec.js";
import type { Path } from "./path.js";
import { displayPath, getAt } from "./path.js";
import type { Value } from "./value.js";
import { equals } from "./value.js";

/** The CRDT path of a form path made of map keys; throws naming the path when it holds an index. */
export function crdtPathOf(path: Path): CrdtPath {
  return path.map((s) => {
    if ("Key" in s) return { kind: "key" as const, key: s.Key };
    throw new Error(`${displayPath(path)}: editing one item of a CRDT list is not supported here; add or remove items instead`);
  });
}

/** Whether the field at `path` is a string sequence (a collaborative text). */
export function isCrdtText(spec: CrdtSpec, path: Path): boolean {
  try {
    const p = policyAtPath(spec.root, crdtPathOf(path));
    return p.kind === "sequence" && p.materialization === "string";
  } catch {
    return false;
  }
}

/** The mutations turning the value at `path` of `current` into `value`; empty when nothing changes. */
export function crdtMutationsForEdit(spec: CrdtSpec, current: Value, path: Path, value: Value): CrdtMutation[] {
  if (path.length === 0) throw new Error("the whole of a CRDT model cannot be replaced; edit its fields");
  const before = getAt(current, path);
  if (before !== undefined && equals(before, value)) return [];
  const cpath = crdtPathOf(path);
  const policy = policyAtPath(spec.root, cpath);
  if (policy.kind === "sequence") {
    if (policy.materialization === "string") {
      if (value === "Null" || !("Str" in value)) throw new Error(`${displayPath(path)}: a text field takes text`);
      const old = before !== undefined && before !== "Null" && "Str" in before ? before.Str : "";
      const m = replaceText(cpath, old, value.Str);
      return m ? [m] : [];
    }
    if (value === "Null" || !("List" in value)) throw new Error(`${displayPath(path)}: a list field takes a list`);
    const old = before !== undefined && before !== "Null" && "List" in before ? before.List : [];
    return listSplice(cpath, old, value.List);
  }
  const key = cpath[cpath.length - 1];
  if (key.kind !== "key") throw new Error(`${displayPath(path)}: not a field of a map`);
  return [setField(spec, cpath.slice(0, -1), key.key, value)];
}

/** One splice over the changed run of items (common start and end kept), or none. */
function listSplice(path: CrdtPath, a: readonly Value[], b: readonly Value[]): CrdtMutation[] {
  let start = 0;
  while (start < a.length && start < b.length && equals(a[start], b[start])) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && equals(a[endA - 1], b[endB - 1])) {
    endA--;
    endB--;
  }
  if (endA === start && endB === start) return [];
  return [{ kind: "sequence_splice", path, index: start, delete_count: endA - start, values: b.slice(start, endB) }];
}
