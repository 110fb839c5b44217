/**
 * The parts of a field that come from its schema: a select for an enum, the Java type and the
 * description as the label's hover title and a quiet type label, a required mark, and the
 * numeric bounds of an input. The checks before sending are in schema.ts (check).
 */

import type { Field } from "./field.js";
import type { Node } from "./schema.js";
import { child, javaType, keyOrder } from "./schema.js";

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

/** Width bounds of Java integers: a field bounded only by its width gets no slider. */
const WIDTH_BOUNDS: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * A slider for a number bounded on both sides by constraints (not just by its Java width), or
 * null. Dragging it proposes values as it goes; Proposals keeps one in flight per field.
 */
export function slider(doc: Document, sch: Node, kind: "Int" | "Float"): HTMLInputElement | null {
  const s = sch.s;
  const lo = s.minimum ?? s.exclusiveMinimum;
  const hi = s.maximum ?? s.exclusiveMaximum;
  if (lo === undefined || hi === undefined || !(hi > lo)) return null;
  const width = s.format ? WIDTH_BOUNDS[s.format] : undefined;
  if (width && lo <= width[0] && hi >= width[1]) return null;
  if (kind === "Int" && hi - lo > 1_000_000) return null;
  const r = doc.createElement("input");
  r.type = "range";
  r.className = "tp-slider";
  r.min = String(lo);
  r.max = String(hi);
  r.step = kind === "Int" ? "1" : String((hi - lo) / 1000);
  r.tabIndex = -1; // the number field next to it is the keyboard's way in
  return r;
}

/** The fields of a record item schema (an object with properties), in declaration order; else null. */
export function recordColumns(item: Node | null): string[] | null {
  if (!item || !item.s.properties || item.s.additionalProperties) return null;
  const cols = keyOrder(item, Object.keys(item.s.properties));
  return cols.length > 0 && cols.length <= 12 ? cols : null;
}

/** The header row of a table of records: the column names, each with its Java type on hover. */
export function tableHead(doc: Document, columns: string[], item: Node): HTMLElement {
  const head = doc.createElement("div");
  head.className = "tp-table-head";
  head.style.setProperty("--tp-cols", String(columns.length));
  head.append(doc.createElement("span")); // over the index column
  for (const c of columns) {
    const th = doc.createElement("span");
    th.className = "tp-th";
    th.textContent = c;
    const t = javaType(child(item, { Key: c }));
    if (t) th.title = t;
    head.append(th);
  }
  return head;
}

/** The length counter of a string field with a maxLength ("5/40"), or null. */
export function lengthCounter(doc: Document, sch: Node, text: string): HTMLElement | null {
  const max = sch.s.maxLength;
  if (max === undefined) return null;
  const c = doc.createElement("span");
  c.className = "tp-count";
  c.dataset.max = String(max);
  countText(c, text);
  return c;
}

/** Writes "n/max" into a counter (code points, as Java's @Size counts UTF-16 units only for BMP text). */
export function countText(c: HTMLElement, text: string): void {
  const n = [...text].length;
  c.textContent = `${n}/${c.dataset.max}`;
  c.classList.toggle("tp-over", n > Number(c.dataset.max));
}
