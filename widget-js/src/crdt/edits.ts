/**
 * Local edits as CRDT mutations, in the terms a form or a program thinks in: set a field, insert
 * or delete text at a character index, replace one text with another (one splice over the changed
 * middle), insert or remove list items. Text indexes count Unicode scalar values (the sequence's
 * elements), not UTF-16 units; `textIndex` converts a caret position.
 */

import type { Value } from "../value.js";
import type { CrdtMutation, CrdtPath } from "./ops.js";
import type { CrdtSpec, Policy } from "./spec.js";
import { childPolicy } from "./spec.js";
import { policyAtPath } from "./paths.js";
import { scalarValues } from "./nodes.js";

/** Sets field `key` of the map at `path`: a register write for a register field, else a merge of the value. */
export function setField(spec: CrdtSpec, path: CrdtPath, key: string, value: Value): CrdtMutation {
  const policy: Policy = policyAtPath(spec.root, path);
  if (policy.kind !== "map") throw new Error(`setField: the path does not address a map (it is a ${policy.kind})`);
  return childPolicy(policy, key).kind === "register"
    ? { kind: "register_set", path: [...path, { kind: "key", key }], value }
    : { kind: "map_set", path, key, value };
}

export function insertText(path: CrdtPath, index: number, text: string): CrdtMutation {
  return { kind: "sequence_splice", path, index, delete_count: 0, values: scalarValues(text) };
}

export function deleteText(path: CrdtPath, index: number, count: number): CrdtMutation {
  return { kind: "sequence_splice", path, index, delete_count: count, values: [] };
}

/** The element index of UTF-16 offset `offset` in `text` (a caret position as a sequence index). */
export function textIndex(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n;
}

/** The UTF-16 offset of element index `index` in `text` (a sequence index as a caret position). */
export function utf16Offset(text: string, index: number): number {
  let i = 0;
  for (let n = 0; n < index && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

/** One splice turning `before` into `after` (common start and end kept), or null when equal. */
export function replaceText(path: CrdtPath, before: string, after: string): CrdtMutation | null {
  const a = Array.from(before);
  const b = Array.from(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (endA === start && endB === start) return null;
  return { kind: "sequence_splice", path, index: start, delete_count: endA - start, values: b.slice(start, endB).map((c) => ({ Str: c })) };
}

export function insertItems(path: CrdtPath, index: number, values: readonly Value[]): CrdtMutation {
  return { kind: "sequence_splice", path, index, delete_count: 0, values };
}

export function removeItems(path: CrdtPath, index: number, count: number): CrdtMutation {
  return { kind: "sequence_splice", path, index, delete_count: count, values: [] };
}
