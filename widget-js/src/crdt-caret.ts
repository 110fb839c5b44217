/**
 * Where a collaborative text's caret and selection go when other writers' operations arrive. Each
 * end is pinned to the CRDT element just before it (its element id), taken while the box still
 * shows the document (`anchorCaret`, from Client.onBeforeCrdt), and after the merge it goes just
 * after that element again (`placeCaret`), or where the element stood if it was deleted. Comparing
 * the old and the new text cannot do this: when another writer inserts the same character that
 * stands before the caret, the change is ambiguous and the caret could land before the person's
 * own character, so their next keystrokes would go in front of it.
 */

import type { CrdtDocument } from "./crdt/document.js";
import { textIndex, utf16Offset } from "./crdt/edits.js";
import type { ElementId } from "./crdt/ids.js";
import type { CrdtPath } from "./crdt/ops.js";
import type { Value } from "./value.js";

/**
 * A selection end pinned to an element: the point just after it (a caret, or a selection's end:
 * after its last character) or just before it (a selection's start: before its first character, so
 * text another writer puts in front of a selection stays outside it). Null: the start of the text.
 */
export interface Pin {
  readonly id: ElementId | null;
  readonly side: "before" | "after";
}

/** The pins of the selection's two ends, and its direction. */
export interface CaretAnchor {
  readonly start: Pin;
  readonly end: Pin;
  readonly direction: "forward" | "backward" | "none";
}

type TextBox = HTMLInputElement | HTMLTextAreaElement;

/** The string at `path` (map keys only) of `value`, or undefined. */
export function textAt(value: Value | undefined, path: CrdtPath): string | undefined {
  let v = value;
  for (const s of path) {
    if (v === undefined || v === "Null" || s.kind !== "key" || !("Map" in v)) return undefined;
    v = Object.prototype.hasOwnProperty.call(v.Map, s.key) ? v.Map[s.key] : undefined;
  }
  return v !== undefined && v !== "Null" && "Str" in v ? v.Str : undefined;
}

/**
 * The anchor of `el`'s selection in the text at `path` of `doc` (`docText`: that text, from the
 * document's value); null when the box does not show it (then positions cannot be matched to elements).
 */
export function anchorCaret(doc: CrdtDocument, path: CrdtPath, el: TextBox, docText: string | undefined): CaretAnchor | null {
  const text = el.value;
  if (docText !== text) return null;
  const after = (offset: number): Pin => {
    const i = textIndex(text, offset);
    return { id: i === 0 ? null : doc.sequenceIdAt(path, i - 1) ?? null, side: "after" };
  };
  const start = el.selectionStart ?? 0;
  const end = el.selectionEnd ?? start;
  if (end === start) {
    const caret = after(start);
    return { start: caret, end: caret, direction: "none" };
  }
  const first = doc.sequenceIdAt(path, textIndex(text, start));
  return {
    start: first ? { id: first, side: "before" } : after(start),
    end: after(end),
    direction: (el.selectionDirection as CaretAnchor["direction"]) ?? "none",
  };
}

/** Puts `el`'s selection back at its pins in the document's current text; false when a pinned element is unknown. */
export function placeCaret(doc: CrdtDocument, path: CrdtPath, el: TextBox, anchor: CaretAnchor): boolean {
  const start = doc.sequenceIndexBy(path, anchor.start.id, anchor.start.side);
  const end = anchor.end === anchor.start ? start : doc.sequenceIndexBy(path, anchor.end.id, anchor.end.side);
  if (start < 0 || end < 0) return false;
  const s = utf16Offset(el.value, start);
  el.setSelectionRange(s, Math.max(s, utf16Offset(el.value, end)), anchor.direction);
  return true;
}
