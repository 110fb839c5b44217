/**
 * Row templates of a form: scalar rows (label and shown value or checkbox) and empty inputs are
 * built once per kind — and under a map key per key name too, up to NAMED_TEMPLATES — and then
 * cloned: cloning an input of the right type is much cheaper than creating one and changing its
 * type, and records repeat their keys thousands of times.
 */

import type { Segment } from "./path.js";
import { isKey } from "./path.js";
import type { Tag } from "./value.js";

/** Most templates per key name a form keeps (see scalarRow). */
const NAMED_TEMPLATES = 256;

export class RowTemplates {
  /** Scalar rows and inputs to clone, by row tag, kind and label class. */
  private readonly templates = new Map<string, HTMLElement>();
  /** Scalar rows under a map key to clone, by kind and key name (see scalarRow). */
  private readonly named = new Map<Tag, Map<string, HTMLElement>>();
  /** How many templates `named` holds. */
  private namedTemplates = 0;

  constructor(private readonly doc: Document) {}

  el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
    const e = this.doc.createElement(tag);
    e.className = cls;
    return e;
  }

  labelFor(seg: Segment | null): HTMLElement | null {
    if (seg === null) return null;
    const l = this.el("span", isKey(seg) ? "tp-label" : "tp-label tp-index");
    l.textContent = isKey(seg) ? seg.Key : String(seg.Index);
    return l;
  }

  /**
   * A row for a scalar field, cloned from a template per kind (cloning an input of the right type
   * is much cheaper than creating one and changing its type): [label?] control. Rows under a map
   * key use a template per key name as well (up to NAMED_TEMPLATES of them), which already holds
   * the label text and the control's aria-label: records repeat their keys thousands of times.
   */
  scalarRow(seg: Segment | null, kind: Tag): { row: HTMLElement; label: HTMLElement | null; input: HTMLElement } {
    const labelClass = seg === null ? "" : isKey(seg) ? "tp-label" : "tp-label tp-index";
    const rowTag = seg !== null && !isKey(seg) ? "li" : "div";
    const generic = `${rowTag} ${kind} ${labelClass}`;
    const key = seg !== null && isKey(seg) ? seg.Key : null;
    let byKey = this.named.get(kind);
    let t = key !== null ? byKey?.get(key) : undefined;
    const isNamed = t !== undefined || (key !== null && this.namedTemplates < NAMED_TEMPLATES);
    if (!t) t = isNamed ? undefined : this.templates.get(generic);
    if (!t) {
      t = this.el(rowTag, `tp-row tp-kind-${kind}`);
      if (labelClass) t.append(this.el("span", labelClass));
      if (kind === "Bool") t.append(this.inputTemplate(kind).cloneNode(true));
      else {
        // Shown as text until focused (see activate); the span keeps the classes and attributes.
        const shown = this.el("span", `tp-field tp-value tp-value-${kind}`);
        shown.setAttribute("data-kind", kind);
        shown.setAttribute("role", "textbox");
        shown.tabIndex = 0;
        t.append(shown);
      }
      if (isNamed) {
        (t.firstChild as HTMLElement).textContent = key;
        (t.lastChild as HTMLElement).setAttribute("aria-label", key!);
        this.namedTemplates++;
        if (!byKey) this.named.set(kind, (byKey = new Map()));
        byKey.set(key!, t);
      } else this.templates.set(generic, t);
    }
    const row = t.cloneNode(true) as HTMLElement;
    const label = labelClass ? (row.firstChild as HTMLElement) : null;
    const input = row.lastChild as HTMLElement;
    if (label && seg !== null && !isNamed) {
      label.textContent = isKey(seg) ? seg.Key : String(seg.Index);
      input.setAttribute("aria-label", label.textContent);
    }
    return { row, label, input };
  }

  /** An empty input of the kind's type, to clone. */
  inputTemplate(kind: Tag): HTMLInputElement {
    const key = `input ${kind}`;
    let t = this.templates.get(key) as HTMLInputElement | undefined;
    if (!t) {
      t = this.el("input", "tp-field tp-input");
      if (kind === "Bool") t.type = "checkbox";
      else if (kind === "Str") t.type = "text";
      else {
        // Text with a numeric keyboard, not type=number: a number input hides what was typed
        // (letters read as ""), so the form could not say why it refused it, and its caret and
        // selection cannot be kept when a newer value is written under a focused field.
        t.type = "text";
        t.inputMode = kind === "Int" ? "numeric" : "decimal";
      }
      t.setAttribute("data-kind", kind);
      this.templates.set(key, t);
    }
    return t;
  }
}
