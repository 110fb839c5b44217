/**
 * A form edit of a CRDT-backed model, as the CRDT mutations its spec calls for (never a whole-value
 * Set): a text (string `sequence`) becomes one splice over the changed middle; a list (`sequence`
 * with list materialization) given whole by a structural edit (item added or removed) becomes one
 * splice over the changed run of items; a field of a map becomes a register write or a map merge
 * (`setField`). The form speaks in `Path`s (Key/Index); a CRDT path names sequence elements by
 * their ids and set members by their keys, never by position, so an index is turned into the id of
 * the element shown there (or the member's key) when the edit is made. One item of a CRDT list is
 * thus edited in place: a register item is a `register_set` at its element (concurrent edits of one
 * item: the greater dot wins, as for any register; edits of different items both stay), a field
 * inside an item a write at that field; an item whose element is not a register (a map) given
 * whole is replaced by a splice of that one item. Replacing the whole model is refused.
 */

import { replaceText, setField } from "./crdt/edits.js";
import type { CrdtDocument } from "./crdt/document.js";
import type { CrdtMutation, CrdtPath, CrdtSegment } from "./crdt/ops.js";
import { policyAtPath } from "./crdt/paths.js";
import type { CrdtSpec, Policy } from "./crdt/spec.js";
import { childPolicy } from "./crdt/spec.js";
import type { Path } from "./path.js";
import { displayPath, getAt } from "./path.js";
import type { Value } from "./value.js";
import { equals } from "./value.js";

/** The policy at a form path (an index steps into a sequence's or a set's element); throws naming the path. */
export function policyAtFormPath(spec: CrdtSpec, path: Path): Policy {
  let p = spec.root;
  for (const s of path) {
    if ("Key" in s && p.kind === "map") p = childPolicy(p, s.Key);
    else if ("Index" in s && (p.kind === "sequence" || p.kind === "set")) p = p.element;
    else throw new Error(`${displayPath(path)}: does not match the model's CRDT spec (a ${p.kind} here)`);
  }
  return p;
}

/**
 * The CRDT path of a form path in `doc` (whose value is `current`): an index becomes the id of the
 * sequence element shown there, or the key of the set member; throws naming the path when an index
 * is past the end.
 */
export function crdtPathOf(doc: CrdtDocument, current: Value, path: Path): CrdtPath {
  const out: CrdtSegment[] = [];
  let p = doc.spec.root;
  path.forEach((s, i) => {
    if ("Key" in s && p.kind === "map") {
      out.push({ kind: "key", key: s.Key });
      p = childPolicy(p, s.Key);
    } else if ("Index" in s && p.kind === "sequence") {
      const id = doc.sequenceIdAt(out, s.Index);
      if (!id) throw new Error(`${displayPath(path)}: no item ${s.Index} in the list`);
      out.push({ kind: "element", id });
      p = p.element;
    } else if ("Index" in s && p.kind === "set") {
      const item = getAt(current, path.slice(0, i + 1));
      if (item === undefined) throw new Error(`${displayPath(path)}: no item ${s.Index} in the set`);
      out.push({ kind: "member", key: doc.memberKey(out, item) });
      p = p.element;
    } else throw new Error(`${displayPath(path)}: does not match the model's CRDT spec (a ${p.kind} here)`);
  });
  return out;
}

/** Whether the field at `path` is a string sequence (a collaborative text). */
export function isCrdtText(spec: CrdtSpec, path: Path): boolean {
  try {
    const p = policyAtFormPath(spec, path);
    return p.kind === "sequence" && p.materialization === "string";
  } catch {
    return false;
  }
}

/** The mutations turning the value at `path` of `current` (the value of `doc`) into `value`; empty when nothing changes. */
export function crdtMutationsForEdit(doc: CrdtDocument, current: Value, path: Path, value: Value): CrdtMutation[] {
  if (path.length === 0) throw new Error("the whole of a CRDT model cannot be replaced; edit its fields");
  const before = getAt(current, path);
  if (before !== undefined && equals(before, value)) return [];
  const cpath = crdtPathOf(doc, current, path);
  const policy = policyAtPath(doc.spec.root, cpath);
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
  const last = cpath[cpath.length - 1];
  if (last.kind === "element") {
    // one list item: a register is written in place; anything else is replaced by a one-item splice
    if (policy.kind === "register") return [{ kind: "register_set", path: cpath, value }];
    const seqPath = cpath.slice(0, -1);
    const index = (path[path.length - 1] as { Index: number }).Index;
    return [{ kind: "sequence_splice", path: seqPath, index, delete_count: 1, values: [value] }];
  }
  if (last.kind === "member") throw new Error(`${displayPath(path)}: a set member is replaced by removing it and adding another`);
  return [setField(doc.spec, cpath.slice(0, -1), last.key, value)];
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
