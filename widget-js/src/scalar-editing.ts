/**
 * How a person edits the scalar fields of a form, kept apart from how the form is built.
 *
 * - A shown value (span.tp-value) becomes a real input on the mouse press itself: the press's
 *   default is prevented and it does not reach the notebook, because JupyterLab's notebook
 *   answers a press in an output by activating the cell and moving focus to the notebook (to
 *   command mode), which took focus from the new input so that typed keys ran notebook
 *   shortcuts. Keyboard focus (Tab) activates it too. The widget root also carries
 *   data-lm-suppress-shortcuts, so no JupyterLab shortcut sees a key pressed inside the form.
 * - Enter commits, Escape puts back the authoritative value, Tab (leaving the field) commits.
 * - Text the page cannot read (letters in an Int field, a number past 64 bits) or that breaks
 *   the schema's constraints is not sent: the reason is shown (the constraint's own message when
 *   the schema has one) and the field shows the authoritative value again.
 * - A committed value is shown at once (held) until the kernel's answer: equal, it lands;
 *   refused, the form shows the reason and the authoritative value (see ModelForm.refused).
 * - A change from the kernel to a field being typed in keeps the typed text and says that the
 *   value changed meanwhile; Enter proposes the typed text, Escape takes the new value.
 */

import { isInput, scalarText } from "./activate.js";
import type { Field } from "./field.js";
import { parseScalar } from "./parse-input.js";
import { nativeInputType, parseTyped } from "./typed-text.js";
import { check } from "./schema.js";
import { countText } from "./schema-controls.js";
import type { Value } from "./value.js";
import { equals } from "./value.js";

/** What the editing behaviour needs from its form. */
export interface EditingHost {
  fieldOf(control: Element): Field | undefined;
  readOnly(): boolean;
  /** Puts a real input in place of a shown value, and focuses it. */
  activate(f: Field): void;
  showError(f: Field, text: string | null): void;
  /** Writes `v` into the field's controls. */
  display(f: Field, v: Value): void;
  /** Sends the person's value (the form's owner turns it into a proposal). */
  propose(f: Field, v: Value, control: HTMLElement): void;
}

/** Text inputs that have a field (shown values are not inputs yet). */
function textInput(f: Field | undefined): HTMLInputElement | null {
  return f && isInput(f.control) && f.kind !== "Bool" ? f.control : null;
}

/** A control the person edits as it is (an input or an enum's select); a shown value is not. */
function isLive(c: Element): boolean {
  return isInput(c) || c.tagName === "SELECT";
}

export function installEditing(section: HTMLElement, host: EditingHost): void {
  section.addEventListener(
    "mousedown",
    (ev) => {
      const target = ev.target as Element;
      const f = host.fieldOf(target);
      // A press on the form's own buttons and key inputs is not the notebook's either: it would
      // select the cell and take the focus back from the key name input a tool just opened.
      if (!f && target.closest?.("button.tp-tool, input.tp-key-input, .tp-section-head, button.tp-toggle, input.tp-search")) {
        ev.stopPropagation();
        return;
      }
      if (!f || host.readOnly() || (ev as MouseEvent).button !== 0) return;
      if (target === f.slider) {
        ev.stopPropagation(); // a drag is the slider's, not the notebook's
        return;
      }
      // The notebook must not see the press (see the header); the browser's own focus move is
      // replaced by focusing the new input directly.
      ev.stopPropagation();
      if (!isLive(f.control)) {
        ev.preventDefault();
        host.activate(f);
      }
    },
    true,
  );
  // A shown value reached by keyboard becomes an input too.
  section.addEventListener("focusin", (ev) => {
    const f = host.fieldOf(ev.target as Element);
    if (f && ev.target !== f.slider && !isLive(f.control) && !host.readOnly() && f.kind !== "Bool") host.activate(f);
  });
  section.addEventListener("keydown", (ev) => {
    const f = host.fieldOf(ev.target as Element);
    const input = textInput(f);
    if (!f || !input || ev.target !== input) return;
    const key = (ev as KeyboardEvent).key;
    if (key === "Enter") {
      ev.preventDefault();
      ev.stopPropagation();
      commit(host, f, input);
    } else if (key === "Escape") {
      ev.preventDefault();
      ev.stopPropagation();
      cancel(host, f, input);
    }
  });
  // A native date/time input commits when the focus leaves it (its change event fires per segment).
  section.addEventListener("focusout", (ev) => {
    const f = host.fieldOf(ev.target as Element);
    const input = textInput(f);
    if (!f || !input || ev.target !== input || host.readOnly()) return;
    if (nativeInputType(f.schema ?? null) && input.type !== "text") commit(host, f, input);
  });
  // The length counter follows the typing.
  section.addEventListener("input", (ev) => {
    const f = host.fieldOf(ev.target as Element);
    if (f?.counter && ev.target === f.control) countText(f.counter, (f.control as HTMLInputElement).value);
  });
  // A slider proposes as it moves: the value shows at once, Proposals sends the latest.
  section.addEventListener("input", (ev) => {
    const f = host.fieldOf(ev.target as Element);
    if (!f || !f.slider || ev.target !== f.slider || host.readOnly()) return;
    const v = parseScalar(f.kind, f.slider.value);
    if (typeof v === "string") return;
    host.showError(f, null);
    showNote(f, null);
    f.held = v;
    host.display(f, v);
    f.control.classList.add("tp-pending");
    host.propose(f, v, f.slider);
  });
  // Checkboxes commit on change; text fields when they lose focus with a changed text (Tab).
  section.addEventListener("change", (ev) => {
    const f = host.fieldOf(ev.target as Element);
    if (!f || host.readOnly() || ev.target === f.slider) return;
    if (f.control.tagName === "SELECT") {
      host.showError(f, null);
      f.held = { Str: (f.control as HTMLSelectElement).value };
      f.control.classList.add("tp-pending");
      host.propose(f, f.held, f.control);
      return;
    }
    if (!isInput(f.control)) return;
    // A native date/time input changes with every segment typed: it commits on Enter or on leaving it.
    if (nativeInputType(f.schema ?? null) && f.control.type !== "text") return;
    if (f.kind === "Bool") {
      host.showError(f, null);
      f.held = { Bool: f.control.checked };
      f.control.classList.add("tp-pending");
      host.propose(f, f.held, f.control);
    } else commit(host, f, f.control);
  });
}

/** The value a field stands for now: the person's value still on its way, else the kernel's. */
function current(f: Field): Value | undefined {
  return f.held ?? f.value;
}

/** Reads the typed text; sends it if it differs, else only tidies up. */
export function commit(host: EditingHost, f: Field, input: HTMLInputElement): void {
  if (host.readOnly()) return;
  const parsed = parseTyped(f.schema ?? null, input.value) ?? parseScalar(f.kind, input.value);
  // Read, then checked against the schema's constraints, in the words Java would use.
  const v = typeof parsed === "string" ? parsed : (check(f.schema ?? null, parsed) ?? parsed);
  if (typeof v === "string") {
    // Refused here: say why, and show the authoritative value again.
    host.showError(f, v);
    showNote(f, null);
    f.held = undefined;
    if (f.value !== undefined) host.display(f, f.value);
    else input.value = "";
    return;
  }
  showNote(f, null);
  const now = current(f);
  if (now !== undefined && equals(now, v)) {
    input.value = scalarText(v); // e.g. "021" typed: show the value as it is held
    return;
  }
  host.showError(f, null);
  f.held = v;
  input.classList.add("tp-pending");
  input.value = scalarText(v);
  host.propose(f, v, input);
}

/** Escape: the typed text goes, the authoritative value (the newest one) is shown. */
export function cancel(host: EditingHost, f: Field, input: HTMLInputElement): void {
  showNote(f, null);
  host.showError(f, null);
  const v = current(f);
  if (v !== undefined) host.display(f, v);
  else input.value = "";
}

/**
 * A value from the kernel for scalar field `f`: returns true when the control should show it.
 * The person's held value stays shown until the kernel's value equals it; typed text that
 * differs from what was shown is kept, with a note saying the value changed meanwhile.
 */
export function incoming(f: Field, v: Value, doc: Document): boolean {
  const before = f.value;
  f.value = v;
  const changed = before === undefined || !equals(before, v);
  if (changed && f.error && !f.error.hidden && f.held === undefined) {
    // A refusal message belongs to the value it refused; a newer value replaces it.
    f.error.hidden = true;
    f.control.classList.remove("tp-invalid");
  }
  const input = textInput(f);
  const typing = !!input && input.ownerDocument.activeElement === input;
  if (f.held !== undefined) {
    if (!equals(f.held, v)) return false;
    f.held = undefined;
    f.control.classList.remove("tp-pending");
    // The person may already be typing the next value: their text and caret stay.
    return !(typing && input!.value !== scalarText(v));
  }
  if (input && typing && before !== undefined && input.value !== scalarText(before)) {
    if (changed) showNote(f, `changed meanwhile to ${scalarText(v)} — Enter keeps yours, Escape takes it`, doc);
    return false;
  }
  showNote(f, null);
  return true;
}

/** Shows (or with null, hides) the "changed meanwhile" note of a field. */
export function showNote(f: Field, text: string | null, doc?: Document): void {
  if (text === null) {
    if (f.note) f.note.hidden = true;
    return;
  }
  if (!f.note) {
    f.note = (doc ?? f.row.ownerDocument).createElement("span");
    f.note.className = "tp-note";
    f.note.setAttribute("role", "status");
    f.row.append(f.note);
  }
  f.note.textContent = text;
  f.note.hidden = false;
}
