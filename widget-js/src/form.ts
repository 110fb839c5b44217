/**
 * The form view of one hosted model: a section with a heading (type name and id) and a field per
 * node of the value, built from the model's schema when the kernel sent one (declaration order,
 * a control per type: schema-controls.ts) and from the values alone otherwise. It keeps a tree of
 * rendered fields (field.ts) that mirrors the value, so each op of an accepted change touches only
 * the nodes at its path (apply-ops.ts). Text and number fields are shown as light focusable text
 * (span.tp-value) until focused, when a real input takes their place for good: Chromium's cost of
 * creating thousands of <input> elements was most of a large render (activate.ts). Rows are
 * cloned from templates (row-templates.ts); values are written by scalar-display.ts; what a person
 * does to a field is scalar-editing.ts, structural edits structure.ts. Strings are always written
 * as text, never parsed as HTML.
 *
 * Values of up to EAGER_NODES fields render in one pass. Larger ones render viewport first: the
 * first pass builds about EAGER_NODES fields and gives every further list item a placeholder row
 * (its index label and an estimated height), so the whole list is present and scrollable at
 * once. A placeholder is filled as soon as it comes within NEAR_VIEWPORT of the viewport
 * (IntersectionObserver, where the DOM has one), and all of them are filled in background
 * batches meanwhile. Any op or lookup that reaches a placeholder fills it first, so ops never
 * wait for either.
 */

import type { Path, Segment } from "./path.js";
import { getAt, isKey, pathText } from "./path.js";
import { diff } from "./diff.js";
import type { Op } from "./patch.js";
import { apply, opName } from "./patch.js";
import type { ListValue, MapValue, Value } from "./value.js";
import { sortedKeys, tagOf } from "./value.js";

/** The schema of field `k` of an object schema (null without one). */
function child_(sch: Node | null, k: string): Node | null {
  return sch ? child(sch, { Key: k }) : null;
}
import { isInput, setReadOnlyValue } from "./activate.js";
import type { Field } from "./field.js";
import { incoming, installEditing, showNote } from "./scalar-editing.js";
import type { Node, Schema } from "./schema.js";
import { child, isRequired, keyOrder, rootNode } from "./schema.js";
import { applyOp } from "./apply-ops.js";
import type { TreeHost } from "./apply-ops.js";
import { decorate, enumSelect, lengthCounter, recordColumns, slider, tableHead } from "./schema-controls.js";
import { RowTemplates } from "./row-templates.js";
import { showValue } from "./scalar-display.js";
import { addButton, installStructure, nullToggle } from "./structure.js";
import { Sections } from "./sections.js";
import { nativeInputType } from "./typed-text.js";

/** Kinds edited in place (the rest are containers, Null and Submodel). */
const SCALAR = new Set(["Str", "Int", "Float", "Bool"]);

export { parseIntText, parseFloatText } from "./parse-input.js";

/** Fields built at once per render pass; list items beyond it are filled in later batches. */
const EAGER_NODES = 12000;
/** Fields built per background batch (each batch waits for the next frame). */
const BATCH_NODES = 4000;
/** Placeholders this far outside the viewport are filled as soon as they come near it. */
const NEAR_VIEWPORT = "1200px 0px";

/** What the form asks its owner to do when the person edits a field. */
export type EditHandler = (path: Path, value: Value, field: HTMLElement) => void;

/** The same op with `prefix` put in front of its path. */
function rebase(op: Op, prefix: Path): Op {
  if (prefix.length === 0) return op;
  const name = opName(op);
  const body = (op as Record<string, { path: Path }>)[name];
  return { [name]: { ...body, path: [...prefix, ...body.path] } } as unknown as Op;
}

export class ModelForm {
  readonly section: HTMLElement;
  private readonly doc: Document;
  private readonly rows: RowTemplates;
  private readonly typeEl: HTMLElement;
  private readonly body: HTMLElement;
  private readonly modelError: HTMLElement;
  private root!: Field;
  /** The model's schema from the kernel, or null: then the form follows the values alone. */
  private schema: Node | null;
  /** The model's value as last rendered (structural edits start from it). */
  private value: Value;
  private readOnly: boolean;
  private readonly byControl = new WeakMap<Element, Field>();
  /** Which nested object sections the person folded (kept across re-renders). */
  private readonly sections = new Sections();
  /** Fields that may still be built in this pass before list items are deferred. */
  private budget = 0;
  /** Lists holding placeholder items. */
  private readonly lazyLists = new Set<Field>();
  private timer: unknown = null;
  private disposed = false;
  /** Fills placeholder rows that come near the viewport (absent where the DOM lacks it). */
  private readonly observer: IntersectionObserver | null;
  /** The list each observed placeholder row belongs to. */
  private readonly placeholderList = new WeakMap<Element, Field>();
  private readonly placeholderField = new WeakMap<Element, Field>();

  constructor(
    doc: Document,
    readonly id: number,
    type: string,
    value: Value,
    readOnly: boolean,
    private readonly onEdit: EditHandler,
    schema: Schema | null = null,
  ) {
    this.doc = doc;
    this.rows = new RowTemplates(doc);
    this.schema = rootNode(schema);
    this.readOnly = readOnly;
    this.section = this.rows.el("section", "tp-model");
    this.section.dataset.id = String(id);
    const h = this.rows.el("h3", "tp-heading");
    this.typeEl = this.rows.el("span", "tp-type");
    this.typeEl.textContent = type;
    const idEl = this.rows.el("span", "tp-id");
    idEl.textContent = `#${id}`;
    h.append(this.typeEl, " ", idEl);
    this.body = this.rows.el("div", "tp-body");
    this.modelError = this.rows.el("div", "tp-error tp-model-error");
    this.modelError.hidden = true;
    this.section.append(h, this.modelError, this.body);
    // Keys pressed inside the form are not JupyterLab shortcuts (see scalar-editing.ts).
    this.section.setAttribute("data-lm-suppress-shortcuts", "true");
    installEditing(this.section, {
      fieldOf: (c) => {
        const f = this.byControl.get(c);
        return f && SCALAR.has(f.kind) ? f : undefined;
      },
      readOnly: () => this.readOnly,
      activate: (f) => this.activate(f),
      showError: (f, text) => this.showError(f.path, text),
      display: (f, v) => showValue(f, v),
      propose: (f, v, control) => this.onEdit(f.path, v, control),
    });
    // A nested object's header folds or opens it: a click, or Enter/Space on the focused header.
    const fold = (ev: Event) => {
      const label = (ev.target as Element).closest?.(".tp-section-head");
      const control = label?.parentElement?.querySelector(":scope > [data-path]");
      if (label && control && this.sections.toggle(label, this.byControl.get(control))) ev.preventDefault();
    };
    this.section.addEventListener("click", fold);
    this.section.addEventListener("keydown", (ev) => {
      if ((ev as KeyboardEvent).key === "Enter" || (ev as KeyboardEvent).key === " ") fold(ev);
    });
    installStructure(this.section, {
      fieldOf: (c) => this.byControl.get(c),
      readOnly: () => this.readOnly,
      value: () => this.value,
      schemaAt: (p) => this.schemaAt(p),
      replace: (p, v) => this.onEdit(p, v, this.section),
      showError: (p, text) => this.showError(p, text),
    });
    const IO = (doc.defaultView as (Window & typeof globalThis) | null)?.IntersectionObserver;
    this.observer = IO ? new IO((entries) => this.nearViewport(entries), { rootMargin: NEAR_VIEWPORT }) : null;
    this.budget = EAGER_NODES;
    this.value = value;
    this.root = this.build(null, value, []);
    this.body.append(this.root.row);
    this.schedule();
  }

  /** The form as the op code sees it (apply-ops.ts). */
  private get tree(): TreeHost {
    const self = this;
    return {
      doc: this.doc,
      get root() {
        return self.root;
      },
      set root(f: Field) {
        self.root = f;
      },
      find: (p) => this.find(p),
      build: (seg, v, p) => this.build(seg, v, p),
      schemaAt: (p) => this.schemaAt(p),
      updateScalar: (f, v) => this.updateScalar(f, v),
    };
  }

  /** True while placeholder rows are still waiting to be filled. */
  get filling(): boolean {
    return this.lazyLists.size > 0;
  }

  /** Stops background filling (the view is going away). */
  dispose(): void {
    this.disposed = true;
    this.lazyLists.clear();
    this.observer?.disconnect();
  }

  /** Fills the placeholder rows that came near the viewport, at once. */
  private nearViewport(entries: IntersectionObserverEntry[]): void {
    if (this.disposed) return;
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      const list = this.placeholderList.get(e.target);
      this.observer!.unobserve(e.target);
      if (!list?.items) continue;
      // The placeholder's path always holds its current index (list ops repath placeholders too).
      for (const [i, f] of [this.placeholderIndex(list, e.target)]) if (f) this.fill(list, i);
    }
    this.onFill?.(this.filling);
  }

  private placeholderIndex(list: Field, row: Element): [number, Field | undefined] {
    const ph = this.placeholderField.get(row);
    if (!ph) return [-1, undefined];
    const i = (ph.path[ph.path.length - 1] as { Index: number }).Index;
    return list.items![i] === ph && ph.deferred !== undefined ? [i, ph] : [-1, undefined];
  }

  /** Called after each background batch and when filling completes (the owner may listen). */
  onFill: ((filling: boolean) => void) | null = null;

  private schedule(): void {
    if (this.timer !== null || this.disposed || !this.filling) return;
    const win = this.doc.defaultView;
    const st = win?.setTimeout?.bind(win) ?? setTimeout;
    const run = () => {
      this.timer = null;
      this.fillBatch();
    };
    // After the next frame where the page has frames: rendering (and so the fill of rows that
    // were scrolled to) never waits behind a queue of background batches.
    const raf = win?.requestAnimationFrame?.bind(win);
    this.timer = raf ? raf(() => st(run, 0)) : st(run, 0);
  }

  private fillBatch(): void {
    if (this.disposed) return;
    this.budget = BATCH_NODES;
    for (const list of this.lazyLists) {
      if (!this.section.contains(list.control)) {
        this.lazyLists.delete(list); // replaced or removed meanwhile
        continue;
      }
      const items = list.items ?? [];
      let remaining = false;
      for (let i = 0; i < items.length; i++) {
        if (items[i].deferred === undefined) continue;
        if (this.budget <= 0) {
          remaining = true;
          break;
        }
        this.fill(list, i);
      }
      if (!remaining) this.lazyLists.delete(list);
      if (this.budget <= 0) break;
    }
    this.onFill?.(this.filling);
    this.schedule();
  }

  /** Replaces the placeholder item i of `list` by its real rendering; returns the new field. */
  private fill(list: Field, i: number): Field {
    const ph = list.items![i];
    this.observer?.unobserve(ph.row);
    const real = this.build(ph.path[ph.path.length - 1], ph.deferred as Value, ph.path);
    ph.row.replaceWith(real.row);
    list.items![i] = real;
    return real;
  }

  setType(type: string): void {
    if (this.typeEl.textContent !== type) this.typeEl.textContent = type;
  }

  /** A new schema for this model (or none): the form is built again from `value` with it. */
  setSchema(schema: Schema | null, value: Value): void {
    this.schema = rootNode(schema);
    this.replaceAll(value);
  }

  /** The schema node at `path`, or null. */
  private schemaAt(path: Path): Node | null {
    let n = this.schema;
    for (const seg of path) {
      if (!n) return null;
      n = child(n, seg);
    }
    return n;
  }

  /** Replaces everything below the heading. */
  replaceAll(value: Value): void {
    this.value = value;
    this.lazyLists.clear();
    this.budget = EAGER_NODES;
    const next = this.build(null, value, []);
    this.root.row.replaceWith(next.row);
    this.root = next;
  }

  /**
   * Applies accepted ops to the DOM, in order. With `previous` (the value before the ops), a Set
   * that replaces a Map by a Map or a List by a List is narrowed to the diff of the two, so only
   * what differs is re-rendered. Falls back to a full re-render if an op cannot be placed.
   */
  applyOps(ops: readonly Op[], finalValue: Value, previous?: Value): void {
    this.value = finalValue;
    let before = previous; // value before `unapplied`
    let unapplied: Op[] = [];
    try {
      for (const op of ops) {
        this.budget = EAGER_NODES;
        const set = (op as { Set?: { path: Path; value: Value } }).Set;
        if (set && before !== undefined) {
          if (unapplied.length) {
            before = apply(before, unapplied);
            unapplied = [];
          }
          const old = getAt(before, set.path);
          const kind = tagOf(set.value);
          if (old !== undefined && (kind === "Map" || kind === "List") && tagOf(old) === kind) {
            for (const sub of diff(old, set.value)) applyOp(this.tree, rebase(sub, set.path));
            unapplied.push(op);
            continue;
          }
        }
        applyOp(this.tree, op);
        unapplied.push(op);
      }
    } catch (e) {
      // The rendered tree disagreed with an op: show the accepted value in full instead.
      console.warn("[transports] re-rendering model", this.id, "after:", (e as Error).message);
      this.replaceAll(finalValue);
    }
    this.schedule();
  }

  setReadOnly(ro: boolean): void {
    if (this.readOnly === ro) return;
    this.readOnly = ro;
    for (const input of Array.from(this.section.querySelectorAll("input, select, button"))) (input as HTMLInputElement).disabled = ro;
    for (const v of Array.from(this.section.querySelectorAll(".tp-value"))) setReadOnlyValue(v as HTMLElement, ro);
  }

  /** Puts a real input in place of the shown value of scalar field `f`, and focuses it. */
  private activate(f: Field): void {
    const shown = f.control;
    const input = this.rows.inputTemplate(f.kind).cloneNode(true) as HTMLInputElement;
    const native = f.kind === "Str" ? nativeInputType(f.schema ?? null) : null;
    if (native) {
      input.type = native; // the browser's own date/time picker; its value is the ISO text Java reads
      input.step = "1"; // seconds, as java.time writes them
    }
    for (const name of ["data-path", "aria-label"]) {
      const a = shown.getAttribute(name);
      if (a !== null) input.setAttribute(name, a);
    }
    for (const c of ["tp-pending", "tp-invalid"]) if (shown.classList.contains(c)) input.classList.add(c);
    f.control = input;
    this.byControl.delete(shown);
    this.byControl.set(input, f);
    showValue(f, f.held ?? f.value!);
    shown.replaceWith(input);
    input.focus();
  }

  /** Shows `text` next to the field at `path` (or at model level when the field is gone); null clears. */
  showError(path: Path | null, text: string | null): void {
    const f = path ? this.find(path) : undefined;
    if (!f) {
      this.modelError.textContent = text ?? "";
      this.modelError.hidden = text === null;
      return;
    }
    if (text === null) {
      if (f.error) f.error.hidden = true;
      f.control.classList.remove("tp-invalid");
      return;
    }
    if (!f.error) {
      f.error = this.rows.el("span", "tp-error");
      f.error.setAttribute("role", "alert");
      f.row.append(f.error);
    }
    f.error.textContent = text;
    f.error.hidden = false;
    f.control.classList.add("tp-invalid");
  }

  /**
   * The kernel refused the person's value at `path`: the reason is shown next to the field and
   * the field shows the authoritative value again (`modelValue` is the mirror).
   */
  refused(path: Path, reason: string, modelValue: Value): void {
    const f = this.find(path);
    if (!f) return this.showError(null, reason);
    f.held = undefined;
    f.control.classList.remove("tp-pending");
    showNote(f, null);
    const v = getAt(modelValue, path);
    if (v !== undefined && tagOf(v) === f.kind) showValue(f, v);
    this.showError(path, reason);
  }

  /** The person's value at `path` is no longer on its way (answered, or given up on). */
  settle(path: Path, modelValue: Value): void {
    const f = this.find(path);
    if (!f || f.held === undefined) return;
    f.held = undefined;
    f.control.classList.remove("tp-pending");
    const v = getAt(modelValue, path);
    if (v !== undefined && tagOf(v) === f.kind) showValue(f, v);
  }

  // ---- building ---------------------------------------------------------------------------

  private build(seg: Segment | null, value: Value, path: Path, sch: Node | null = this.schemaAt(path), parentSch: Node | null | undefined = undefined): Field {
    this.budget--;
    const kind = tagOf(value);
    if (kind === "Bool" || kind === "Str" || kind === "Int" || kind === "Float") {
      let { row, label, input } = this.rows.scalarRow(seg, kind);
      const names = kind === "Str" && sch?.s.enum ? (sch.s.enum.filter((x) => typeof x === "string") as string[]) : null;
      if (names) {
        // An enum: a select of its constants instead of free text.
        const select = enumSelect(this.doc, names, input);
        input.replaceWith(select);
        input = select;
      }
      const f: Field = { kind, path, row, control: input, label, error: null, schema: sch };
      if (sch?.nullable && path.length > 0) {
        const t = nullToggle(this.doc, false);
        if (this.readOnly) t.disabled = true;
        row.append(t);
      }
      if (sch) {
        if (parentSch === undefined) parentSch = path.length ? this.schemaAt(path.slice(0, -1)) : null;
        decorate(f, sch, seg !== null && isKey(seg) && isRequired(parentSch, seg.Key));
        if (kind === "Str" && !names) {
          f.counter = lengthCounter(this.doc, sch, (value as { Str: string }).Str);
          if (f.counter) input.after(f.counter);
        }
        if (kind === "Int" || kind === "Float") {
          f.slider = slider(this.doc, sch, kind);
          if (f.slider) {
            input.after(f.slider);
            this.byControl.set(f.slider, f);
            if (this.readOnly) f.slider.disabled = true;
          }
        }
      }
      if (this.readOnly) {
        if (isInput(input) || input.tagName === "SELECT") (input as HTMLInputElement).disabled = true;
        else setReadOnlyValue(input, true);
      }
      input.setAttribute("data-path", pathText(path));
      this.updateScalar(f, value);
      this.byControl.set(input, f);
      return f;
    }
    const row = this.rows.el(seg !== null && !isKey(seg) ? "li" : "div", `tp-row tp-kind-${kind}`);
    const label = this.rows.labelFor(seg);
    if (label) row.append(label);
    const f: Field = { kind, path, row, control: row, label, error: null, schema: sch };
    if (sch && label) decorate(f, sch, false);
    let addAfter: HTMLElement | null = null;
    switch (kind) {
      case "Map": {
        const fs = this.rows.el("fieldset", "tp-field tp-map");
        f.keys = new Map();
        const entries = (value as MapValue).Map;
        // Java declaration order with a schema; else code-point order, the order the Java
        // side writes keys on the wire (a JS object would put integer-like keys first).
        for (const k of keyOrder(sch, sortedKeys(entries))) {
          const child = this.build({ Key: k }, entries[k], [...path, { Key: k }], child_(sch, k), sch);
          f.keys.set(k, child);
          fs.append(child.row);
        }
        f.control = fs;
        if (sch && sch.s.additionalProperties !== undefined && !sch.s.properties) {
          fs.classList.add("tp-keyed"); // a Java Map: its keys can be added, removed, renamed
          addAfter = addButton(this.doc, f, true);
        } else if (seg === null || isKey(seg)) this.sections.mark(f, path); // a nested object: a section
        break;
      }
      case "List": {
        const ol = this.rows.el("ol", "tp-field tp-list");
        f.items = [];
        const items = (value as ListValue).List;
        const itemSch = sch ? child(sch, { Index: 0 }) : null;
        for (let i = 0; i < items.length; i++) {
          const p = [...path, { Index: i }];
          const child = this.budget > 0 ? this.build({ Index: i }, items[i], p, itemSch, sch) : this.placeholder(i, items[i], p);
          if (child.deferred !== undefined) {
            this.lazyLists.add(f);
            this.placeholderList.set(child.row, f);
            this.placeholderField.set(child.row, child);
          }
          f.items.push(child);
          ol.append(child.row);
        }
        f.control = ol;
        addAfter = addButton(this.doc, f, false);
        const columns = recordColumns(itemSch);
        if (columns) {
          // A list of records: a table, a row per item, a column per field (tableHead).
          ol.classList.add("tp-table");
          ol.style.setProperty("--tp-cols", String(columns.length));
          row.append(tableHead(this.doc, columns, itemSch!));
        }
        break;
      }
      case "Null":
      case "Submodel": {
        const span = this.rows.el("span", `tp-field tp-${kind.toLowerCase()}`);
        f.control = span;
        this.updateScalar(f, value);
        break;
      }
    }
    f.control.setAttribute("data-path", pathText(path));
    f.control.setAttribute("data-kind", kind);
    if (label && (kind === "Map" || kind === "List")) f.control.setAttribute("aria-label", label.textContent ?? "");
    row.append(f.control);
    if (addAfter) row.append(addAfter);
    if (sch?.nullable && path.length > 0) row.append(nullToggle(this.doc, kind === "Null"));
    if (this.readOnly) for (const b of Array.from(row.querySelectorAll(":scope > button"))) (b as HTMLButtonElement).disabled = true;
    this.byControl.set(f.control, f);
    return f;
  }

  /** An empty row standing for list item i until it is filled. */
  private placeholder(i: number, value: Value, path: Path): Field {
    const row = this.rows.el("li", "tp-row tp-placeholder");
    const label = this.rows.labelFor({ Index: i });
    row.append(label!);
    // Roughly the height the real row will take, so scrolling lands where it will stay.
    row.style.minHeight = `${Math.min(200, 1.9 * leafRows(value, 3))}em`;
    this.observer?.observe(row);
    return { kind: tagOf(value), path, row, control: row, label, error: null, deferred: value };
  }

  /** A value for scalar field `f` from the kernel (the editing state decides what is shown). */
  private updateScalar(f: Field, v: Value): void {
    if (f.kind === "Null" || f.kind === "Submodel") return showValue(f, v);
    if (incoming(f, v, this.doc)) showValue(f, v);
  }

  // ---- applying ops -------------------------------------------------------------------------

  private find(path: Path): Field | undefined {
    let f: Field | undefined = this.root;
    for (const s of path) {
      if (!f) return undefined;
      if (isKey(s)) f = f.keys?.get(s.Key);
      else {
        const list: Field = f;
        f = list.items?.[s.Index];
        if (f?.deferred !== undefined) f = this.fill(list, s.Index);
      }
    }
    return f;
  }

}

/** How many rows a value renders as, counted down to `depth` levels (for placeholder heights). */
function leafRows(v: Value, depth: number): number {
  const kind = tagOf(v);
  if (depth === 0 || (kind !== "Map" && kind !== "List")) return 1;
  let n = 1;
  if (kind === "Map") for (const k in (v as MapValue).Map) n += leafRows((v as MapValue).Map[k], depth - 1);
  else for (const x of (v as ListValue).List) n += leafRows(x, depth - 1);
  return n;
}
