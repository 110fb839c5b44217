/**
 * A collaborative text box: binds an <input> or <textarea> to a string-sequence field of a
 * CRDT-backed model. What the person types becomes one sequence splice (the changed middle), applied
 * at once and sent as CRDT operations, never a whole-value Set; text from other writers replaces the
 * box's value with the caret and selection kept after the same CRDT elements (crdt-caret.ts), so the
 * person keeps typing where they were even when the other writer typed the same characters. A status line beside it says how many edits wait for the server and
 * which were refused, and why.
 */

import type { Client } from "./client.js";
import type { CrdtPath } from "./crdt/ops.js";
import { replaceText } from "./crdt/edits.js";
import { anchorCaret, placeCaret, textAt } from "./crdt-caret.js";
import type { CaretAnchor } from "./crdt-caret.js";

export interface CrdtTextOptions {
  readonly client: Client;
  readonly id: number;
  /** The path of the string sequence (map keys only). */
  readonly path: CrdtPath;
  /** Sends a frame now; false when it could not go (the client resends its outbox on reconnect). */
  readonly send: (frame: string) => boolean;
}

export interface CrdtTextBinding {
  /** The status line (pending and refused edits); the caller places it. */
  readonly status: HTMLElement;
  dispose(): void;
}

/** Where caret `p` goes when the text between `start` and `oldEnd` became `newEnd - start` units long. */
export function moveCaret(p: number, start: number, oldEnd: number, newEnd: number): number {
  if (p <= start) return p;
  if (p >= oldEnd) return p + (newEnd - oldEnd);
  return newEnd;
}

/** The changed middle of two texts in UTF-16 units, never splitting a surrogate pair. */
export function changedMiddle(a: string, b: string): [number, number, number] {
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  if (start > 0 && start < a.length && a.charCodeAt(start - 1) >= 0xd800 && a.charCodeAt(start - 1) <= 0xdbff) start--;
  let ea = a.length;
  let eb = b.length;
  while (ea > start && eb > start && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--;
    eb--;
  }
  if (ea < a.length && a.charCodeAt(ea) >= 0xdc00 && a.charCodeAt(ea) <= 0xdfff) {
    ea++;
    eb++;
  }
  return [start, ea, eb];
}

export function bindCrdtText(el: HTMLInputElement | HTMLTextAreaElement, opts: CrdtTextOptions): CrdtTextBinding {
  const { client, id, path, send } = opts;
  const status = el.ownerDocument.createElement("span");
  status.className = "tr-crdt-status";
  let shown = textAt(client.value(id), path) ?? "";
  el.value = shown;

  const showStatus = (): void => {
    const pending = client.crdt.pending(id);
    const refused = client.crdt.refused(id);
    const parts: string[] = [];
    if (pending > 0) parts.push(`${pending} edit${pending === 1 ? "" : "s"} not yet confirmed`);
    if (refused.length > 0) parts.push(`refused: ${refused[refused.length - 1].error}`);
    status.textContent = parts.join(" · ");
    status.dataset.pending = String(pending);
    status.dataset.refused = String(refused.length);
  };

  const onInput = (): void => {
    const next = el.value;
    const m = replaceText(path, shown, next);
    shown = next;
    if (m === null) return;
    try {
      const frame = client.editCrdt(id, [m]);
      if (frame !== null) send(frame);
    } catch (e) {
      status.textContent = `not applied: ${(e as Error).message}`;
      return;
    }
    showStatus();
  };

  let anchor: CaretAnchor | null = null; // the focused box's selection, pinned just before a remote merge
  const offBefore = client.onBeforeCrdt((changing) => {
    const doc = client.crdt.document(id);
    anchor = changing === id && doc && el.ownerDocument.activeElement === el ? anchorCaret(doc, path, el, textAt(doc.value(), path)) : null;
  });

  const offChange = client.onChange((c) => {
    if (c.id !== id) return;
    const text = textAt(c.value, path);
    if (text === undefined || text === el.value) {
      shown = el.value;
      showStatus();
      return;
    }
    const [start, oldEnd, newEnd] = changedMiddle(el.value, text);
    const focused = el.ownerDocument.activeElement === el;
    const selStart = el.selectionStart ?? 0;
    const selEnd = el.selectionEnd ?? 0;
    const pinned = anchor;
    anchor = null;
    el.value = text;
    shown = text;
    const doc = client.crdt.document(id);
    if (focused && !(pinned && doc && placeCaret(doc, path, el, pinned))) {
      // no pinned elements (the box did not show the document's text): by what changed before the caret
      el.setSelectionRange(moveCaret(selStart, start, oldEnd, newEnd), moveCaret(selEnd, start, oldEnd, newEnd));
    }
    showStatus();
  });
  const offReject = client.onReject((r) => {
    if (r.id === id) showStatus();
  });
  el.addEventListener("input", onInput);
  showStatus();
  return {
    status,
    dispose() {
      el.removeEventListener("input", onInput);
      offBefore();
      offChange();
      offReject();
    },
  };
}
