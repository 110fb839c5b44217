/**
 * The parts of a field that come from its schema: a select for an enum, the Java type and the
 * description as the label's hover title and a quiet type label, a required mark, and the
 * numeric bounds of an input. The checks before sending are in schema.ts (check).
 */

import type { Field } from "./field.js";
import type { Node } from "./schema.js";
import { javaType } from "./schema.js";

/** A select of an enum's constants, taking over the shown value's attributes. */
export function enumSelect(doc: Document, names: string[], shown: HTMLElement): HTMLSelectElement {
  const sel = doc.createElement("select");
  sel.className = "tp-field tp-input tp-select";
  for (const n of names) sel.append(option(doc, n));
  for (const a of ["aria-label", "data-path"]) {
    const v = shown.getAttribute(a);
    if (v !== null) sel.setAttribute(a, v);
  }
  sel.setAttribute("data-kind", "Str");
  return sel;
}

/** Puts the schema's words on a field: type and description on hover, a type label, a required mark. */
export function decorate(f: Field, sch: Node, required: boolean): void {
  const type = javaType(sch);
  const desc = sch.s.description;
  const hover = [type, desc].filter(Boolean).join(" — ");
  if (f.label) {
    if (hover) f.label.title = hover;
    if (required) f.label.classList.add("tp-required");
  }
  if (type && f.row.ownerDocument) {
    const t = f.row.ownerDocument.createElement("span");
    t.className = "tp-jtype";
    t.textContent = type;
    f.row.append(t);
  }
  if (sch.nullable) f.row.classList.add("tp-nullable");
}

/** An <option> whose value and text are `name`. */
export function option(doc: Document, name: string): HTMLOptionElement {
  const o = doc.createElement("option");
  o.value = name;
  o.textContent = name;
  return o;
}
