/**
 * The form view of one hosted model: a section with a heading (type name and id), a search box
 * (search-box.ts), a scroll area of bounded height with a resize handle under it (resize.ts), and
 * a field per node of the value, built from the model's schema when the kernel sent one
 * (declaration order, a control per type: schema-controls.ts) and from the values alone otherwise.
 * It keeps a tree of rendered fields (field.ts) that mirrors the built part of the value, so each
 * op of an accepted change touches only the nodes at its path (apply-ops.ts). Text and number
 * fields are shown as light focusable text (span.tp-value) until focused, when a real input takes
 * their place (activate.ts). Rows are cloned from templates (row-templates.ts); values are written
 * by scalar-display.ts; what a person does to a field is scalar-editing.ts, structural edits
 * structure.ts, folding sections.ts. Strings are always written as text, never parsed as HTML.
 *
 * Scale: a container drawn as more than WINDOW_ROWS rows is windowed (windowing.ts): only the
 * children near the scroll area's viewport are built, spacers stand for the rest, with heights
 * from the layout model (layout-units.ts) — so a model of a million nodes has about a screenful
 * of rows in the DOM wherever it is scrolled. Children that scroll far away are removed again,
 * except one holding the field a person is editing (focused, typed text not sent, or a value on
 * its way): it stays built, so nothing typed is lost. Ops that fall into unbuilt parts change
 * only the value; those rows are built from it when they come near.
 */

import type { Path, Segment } from "./path.js";
import { getAt, isKey, pathText } from "./path.js";
import { diff } from "./diff.js";
import type { Op } from "./patch.js";
import { apply, opName } from "./patch.js";
import type { ListValue, MapValue, Value } from "./value.js";
import { tagOf } from "./value.js";
import { isInput, scalarText, setReadOnlyValue } from "./activate.js";
import type { Field } from "./field.js";
import { incoming, installEditing, showNote } from "./scalar-editing.js";
import type { Node, Schema } from "./schema.js";
import { child, isRequired, rootNode } from "./schema.js";
import { applyOp, repath, replaceField } from "./apply-ops.js";
import type { TreeHost } from "./apply-ops.js";
import { decorate, enumSelect, lengthCounter, recordColumns, slider, tableHead } from "./schema-controls.js";
import { RowTemplates } from "./row-templates.js";
import { showValue } from "./scalar-display.js";
import { addButton, installStructure, nullToggle } from "./structure.js";
import { Sections, foldToggle } from "./sections.js";
import { nativeInputType } from "./typed-text.js";
import type { FoldTrie } from "./layout-units.js";
import { Units, childOrder, isTable } from "./layout-units.js";
import type { Win } from "./windowing.js";
import { WINDOW_ROWS, spacer, wanted } from "./windowing.js";
import { SearchBox } from "./search-box.js";
import { findFields } from "./search.js";
import { applyHeight, installResize, rememberedHeight } from "./resize.js";

/** The schema of field `k` of an object schema (null without one). */
function child_(sch: Node | null, k: string): Node | null {
  return sch ? child(sch, { Key: k }) : null;
}

/** Kinds edited in place (the rest are containers, Null and Submodel). */
const SCALAR = new Set(["Str", "Int", "Float", "Bool"]);

export { parseIntText, parseFloatText } from "./parse-input.js";

/** The scroll area's height before the person drags it: at most this many pixels. */
const DEFAULT_MAX_PX = 560;
/** A row's height until one is measured (the layout model counts rows). */
const ROW_PX = 28;
/** Rows are built this far above and below the viewport. */
const OVERSCAN_PX = 480;

/** What the form asks its owner to do when the person edits a field. */
export type EditHandler = (path: Path, value: Value, field: HTMLElement) => void;

/** Options a form's owner may give (all optional). */
export interface FormOptions {
  /** Under which key a dragged height is remembered (default: "model <id>"). */
  heightKey?: string;
  /** The scroll area's maximum height before it is dragged (pixels). */
  maxHeight?: number;
}

/** The same op with `prefix` put in front of its path. */
function rebase(op: Op, prefix: Path): Op {
  if (prefix.length === 0) return op;
  const name = opName(op);
  const body = (op as Record<string, { path: Path }>)[name];
  return { [name]: { ...body, path: [...prefix, ...body.path] } } as unknown as Op;
}

function isContainer(v: Value | undefined): boolean {
  return typeof v === "object" && v !== null && ("Map" in v || "List" in v);
}

function startsWith(p: Path, prefix: Path): boolean {
  if (p.length <= prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const a = p[i];
    const b = prefix[i];
    if (isKey(a) ? !isKey(b) || a.Key !== b.Key : isKey(b) || a.Index !== b.Index) return false;
  }
  return true;
}

export class ModelForm {
  readonly section: HTMLElement;
  private readonly doc: Document;
  private readonly rows: RowTemplates;
  private readonly typeEl: HTMLElement;
  /** The scroll area (bounded height, its own scrollbar). */
  readonly scroller: HTMLElement;
  private readonly body: HTMLElement;
  private readonly modelError: HTMLElement;
  private readonly searchBox: SearchBox;
  private readonly maxHeight: number;
  private root!: Field;
  /** The model's schema from the kernel, or null: then the form follows the values alone. */
  private schema: Node | null;
  /** The model's value as last rendered (structural edits start from it). */
  private value: Value;
  private readOnly: boolean;
  private readonly byControl = new WeakMap<Element, Field>();
  /** Which records, maps and lists the person folded (kept across re-renders). */
  private readonly sections = new Sections();
  /** Rows per value, for spacers and scrolling (layout-units.ts). */
  private readonly units = new Units();
  /** Pixels per row of the layout model (measured once the form is on screen). */
  private rowPx = ROW_PX;
  private calibrated = false;
  /** Bumped when every window's rows must be counted again (folds, schema, row height). */
  private epoch = 0;
  /** A change since the last refresh may have changed row counts (not a scalar-for-scalar Set). */
  private structDirty = false;
  /** Scalar fields that became inputs: the ones being edited are kept built (see pinnedIn). */
  private readonly active = new Set<Field>();
  /** pathText of the search match shown, and its row. */
  private matchKey: string | null = null;
  private matchRow: HTMLElement | null = null;
  private frame: unknown = null;
  private disposed = false;

  constructor(
    doc: Document,
    readonly id: number,
    type: string,
    value: Value,
    readOnly: boolean,
    private readonly onEdit: EditHandler,
    schema: Schema | null = null,
    options: FormOptions = {},
  ) {
    this.doc = doc;
    this.rows = new RowTemplates(doc);
    this.schema = rootNode(schema);
    this.readOnly = readOnly;
    this.maxHeight = options.maxHeight ?? DEFAULT_MAX_PX;
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
    this.searchBox = new SearchBox(doc, {
      find: (q) => findFields(this.value, this.schema, q),
      reveal: (p) => this.reveal(p),
      clear: () => this.highlight(null),
    });
    this.scroller = this.rows.el("div", "tp-scroll");
    this.scroller.append(this.body);
    const handle = this.rows.el("div", "tp-resize");
    handle.title = "drag to change the height";
    handle.setAttribute("role", "separator");
    handle.setAttribute("aria-orientation", "horizontal");
    const heightKey = options.heightKey ?? `model ${id}`;
    applyHeight(this.scroller, rememberedHeight(heightKey), this.maxHeight);
    installResize(handle, this.scroller, heightKey, () => this.scheduleRefresh());
    this.section.append(h, this.modelError, this.searchBox.el, this.scroller, handle);
    this.scroller.addEventListener("scroll", () => this.scheduleRefresh(), { passive: true });
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
    this.installFolding();
    installStructure(this.section, {
      fieldOf: (c) => this.byControl.get(c),
      readOnly: () => this.readOnly,
      value: () => this.value,
      schemaAt: (p) => this.schemaAt(p),
      replace: (p, v) => this.onEdit(p, v, this.section),
      showError: (p, text) => this.showError(p, text),
    });
    this.value = value;
    this.root = this.build(null, value, []);
    this.body.append(this.root.row);
    this.refresh();
    // Once on screen the row height can be measured: draw the windows again with it.
    this.scheduleRefresh();
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

  /** Kept for owners that show a "filling" state: windowing never leaves work in the background. */
  get filling(): boolean {
    return false;
  }

  /** Kept for owners that listen; windowing has no background batches, so it is never called. */
  onFill: ((filling: boolean) => void) | null = null;

  /** The search box above the rows. */
  get search(): SearchBox {
    return this.searchBox;
  }

  /** Stops the scroll-driven drawing (the view is going away). */
  dispose(): void {
    this.disposed = true;
  }

  setType(type: string): void {
    if (this.typeEl.textContent !== type) this.typeEl.textContent = type;
  }

  /** A new schema for this model (or none): the form is built again from `value` with it. */
  setSchema(schema: Schema | null, value: Value): void {
    this.schema = rootNode(schema);
    this.units.clear();
    this.epoch++;
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
    this.structDirty = true;
    const next = this.build(null, value, []);
    this.root.row.replaceWith(next.row);
    this.root = next;
    this.searchBox.stale();
    this.refresh();
  }

  /**
   * Applies accepted ops to the DOM, in order. With `previous` (the value before the ops), a Set
   * that replaces a Map by a Map or a List by a List is narrowed to the diff of the two, so only
   * what differs is re-rendered. Falls back to a full re-render if an op cannot be placed.
   */
  applyOps(ops: readonly Op[], finalValue: Value, previous?: Value): void {
    this.value = finalValue;
    this.searchBox.stale();
    let before = previous; // value before `unapplied`
    let unapplied: Op[] = [];
    try {
      for (const op of ops) {
        const set = (op as { Set?: { path: Path; value: Value } }).Set;
        if (set && before !== undefined) {
          if (unapplied.length) {
            before = apply(before, unapplied);
            unapplied = [];
          }
          const old = getAt(before, set.path);
          const kind = tagOf(set.value);
          if (old !== undefined && (kind === "Map" || kind === "List") && tagOf(old) === kind) {
            for (const sub of diff(old, set.value)) this.applyOne(rebase(sub, set.path));
            this.structDirty = true;
            unapplied.push(op);
            continue;
          }
          // A scalar written over a scalar changes no row counts; anything else may.
          if (old === undefined || isContainer(old) || isContainer(set.value)) this.structDirty = true;
        } else this.structDirty = true;
        this.applyOne(op);
        unapplied.push(op);
      }
    } catch (e) {
      // The rendered tree disagreed with an op: show the accepted value in full instead.
      console.warn("[transports] re-rendering model", this.id, "after:", (e as Error).message);
      this.replaceAll(finalValue);
      return;
    }
    this.refresh();
  }

  /**
   * One op: applied to the built fields when its place is built; only counted (the value already
   * holds it) when it falls inside a folded or windowed-away part; handled by the window when it
   * changes the children of a windowed container.
   */
  private applyOne(op: Op): void {
    const name = opName(op);
    const body = (op as Record<string, Record<string, unknown>>)[name];
    const path = body.path as Path;
    if (name === "Set" && path.length === 0) return applyOp(this.tree, op);
    const onChildren = name === "Set" || name === "Remove";
    const cPath = onChildren ? path.slice(0, -1) : path;
    let f = this.root;
    for (const s of cPath) {
      if (f.unbuilt) return;
      const c = isKey(s) ? f.keys?.get(s.Key) : f.items?.[s.Index];
      if (!c) {
        if (f.win) return; // a child that is not built: drawn from the value when it comes near
        throw new Error(`no field at ${pathText(path)}`);
      }
      f = c;
    }
    if (f.unbuilt) return;
    if (!f.win) return applyOp(this.tree, op);
    this.windowedOp(f, name, body);
  }

  /** An op on the children of windowed container `f`: built children follow, the rest is counted. */
  private windowedOp(f: Field, name: string, b: Record<string, unknown>): void {
    const w = f.win!;
    const path = b.path as Path;
    if (name === "Set" || name === "Remove") {
      const last = path[path.length - 1];
      const c = isKey(last) ? f.keys?.get(last.Key) : f.items?.[last.Index];
      if (!c) return;
      if (name === "Set") return replaceField(this.tree, c, f, b.value as Value);
      c.row.remove();
      f.keys!.delete((last as { Key: string }).Key);
      return;
    }
    // A list op: the built items move to their new indexes.
    const old = f.items!;
    let map: (j: number) => number;
    if (name === "Insert") {
      const i = b.index as number;
      map = (j) => (j >= i ? j + 1 : j);
    } else if (name === "RemoveAt") {
      const i = b.index as number;
      map = (j) => (j === i ? -1 : j > i ? j - 1 : j);
    } else if (name === "Move") {
      const from = b.from as number;
      const to = b.to as number;
      map = (j) => (j === from ? to : from < to && j > from && j <= to ? j - 1 : to < from && j >= to && j < from ? j + 1 : j);
    } else {
      const order = b.order as number[];
      const inv = new Map<number, number>();
      order.forEach((o, k) => inv.set(o, k));
      map = (j) => inv.get(j) ?? -1;
    }
    const items: Field[] = new Array(old.length + (name === "Insert" ? 1 : name === "RemoveAt" ? -1 : 0));
    const live = new Set<number>();
    for (const j of w.live) {
      const c = old[j];
      if (!c) continue;
      const k = map(j);
      if (k < 0) {
        c.row.remove();
        continue;
      }
      items[k] = c;
      live.add(k);
      if (k !== j) {
        if (c.label) c.label.textContent = String(k);
        repath(this.tree, c, [...f.path, { Index: k }]);
      }
    }
    // Built rows keep their DOM order only if the op kept their order: else draw them again.
    const sorted = [...live].sort((a, b2) => a - b2);
    let inOrder = true;
    let prev: Element | null = null;
    for (const k of sorted) {
      const row = items[k].row;
      if (prev && row.previousElementSibling && prev.compareDocumentPosition(row) & 2 /* PRECEDING */) inOrder = false;
      prev = row;
    }
    if (!inOrder) for (const k of sorted) f.control.append(items[k].row);
    f.items = items;
    w.live = live;
    w.drawn = "";
  }

  setReadOnly(ro: boolean): void {
    if (this.readOnly === ro) return;
    this.readOnly = ro;
    for (const input of Array.from(this.body.querySelectorAll("input, select, button:not(.tp-toggle)"))) (input as HTMLInputElement).disabled = ro;
    for (const v of Array.from(this.body.querySelectorAll(".tp-value"))) setReadOnlyValue(v as HTMLElement, ro);
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
    this.active.add(f);
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

  // ---- folding ------------------------------------------------------------------------------

  private installFolding(): void {
    const rowField = (row: Element | null | undefined): Field | undefined => {
      const control = row?.querySelector(":scope > [data-path]");
      return control ? this.byControl.get(control) : undefined;
    };
    // A toggle (every record, map, list) or a nested object's header folds or opens it.
    this.section.addEventListener("click", (ev) => {
      const target = ev.target as Element;
      const head = target.closest?.("button.tp-toggle, .tp-section-head");
      const f = rowField(head?.parentElement);
      if (!head || !f) return;
      ev.preventDefault();
      this.setFolded(f, !this.sections.isFolded(f.path));
    });
    this.section.addEventListener("keydown", (ev) => {
      const key = (ev as KeyboardEvent).key;
      const target = ev.target as Element;
      if ((key === "Enter" || key === " ") && target.classList?.contains("tp-section-head")) {
        const f = rowField(target.parentElement);
        if (f) {
          ev.preventDefault();
          this.setFolded(f, !this.sections.isFolded(f.path));
        }
        return;
      }
      // Arrow keys on a focused toggle: left folds, right opens (Enter and Space click it).
      if ((key === "ArrowLeft" || key === "ArrowRight") && target.classList?.contains("tp-toggle")) {
        const f = rowField(target.parentElement);
        if (f) {
          ev.preventDefault();
          this.setFolded(f, key === "ArrowLeft");
        }
      }
    });
  }

  /** True when the container at `path` is folded. */
  isFolded(path: Path): boolean {
    return this.sections.isFolded(path);
  }

  /**
   * Folds or opens container `f`. A small one keeps its children (hidden while folded); a large
   * one drops them when folded and builds them again, windowed, when opened.
   */
  setFolded(f: Field, fold: boolean): void {
    if (f.path.length === 0 || !this.sections.set(f.path, fold)) return;
    this.units.clear();
    this.epoch++;
    this.sections.show(f, fold);
    if (fold && f.win) {
      f.control.replaceChildren();
      if (f.keys) f.keys = new Map();
      if (f.items) f.items = [];
      f.win = undefined;
      f.unbuilt = true;
    } else if (!fold && f.unbuilt) {
      f.unbuilt = false;
      const v = getAt(this.value, f.path);
      if (v !== undefined) this.fillChildren(f, v, f.schema ?? null);
    }
    this.refresh();
  }

  /** The fold trie at `path` (null when nothing at or below it is folded). */
  private foldAt(path: Path): FoldTrie | null {
    let t = this.sections.trie();
    for (const s of path) {
      if (!t) return null;
      t = t.step(s);
    }
    return t;
  }

  // ---- search -------------------------------------------------------------------------------

  /** Opens the folded parents of `path`, scrolls its field into view and highlights it. */
  reveal(path: Path): void {
    let opened = false;
    for (let k = 1; k < path.length; k++) {
      const p = path.slice(0, k);
      if (!this.sections.isFolded(p)) continue;
      const f = this.find(p);
      if (f) this.setFolded(f, false);
      else this.sections.set(p, false);
      opened = true;
    }
    if (opened) {
      this.units.clear();
      this.epoch++;
    }
    const view = this.scroller.clientHeight || this.maxHeight;
    this.scroller.scrollTop = Math.max(0, this.modelTop(path) - view / 3);
    this.refresh();
    const f = this.find(path);
    this.highlight(path, f);
    // The layout model is an estimate: let the browser put the row itself in view.
    (f?.row as { scrollIntoView?: (o: unknown) => void } | undefined)?.scrollIntoView?.({ block: "nearest" });
  }

  /** Marks the row of the match shown (null clears). */
  private highlight(path: Path | null, f?: Field): void {
    this.matchRow?.classList.remove("tp-match");
    this.matchRow = null;
    this.matchKey = path ? pathText(path) : null;
    if (f) {
      f.row.classList.add("tp-match");
      this.matchRow = f.row;
    }
  }

  /** Where the row of the field at `path` starts in the scroll area (layout model pixels). */
  private modelTop(path: Path): number {
    let top = 0;
    let v: Value | undefined = this.value;
    let sch = this.schema;
    let f: Field | undefined = this.root;
    let fold = this.sections.trie();
    for (let k = 0; k < path.length && v !== undefined; k++) {
      const seg = path[k];
      const w = f?.win;
      let before = 0;
      if (w && w.value === v) {
        const pos = isKey(seg) ? w.order.findIndex((s) => isKey(s) && s.Key === seg.Key) : seg.Index;
        before = w.prefix[Math.max(0, pos)];
      } else {
        const table = isTable(v, sch);
        const entries = (v as MapValue).Map;
        const items = (v as ListValue).List;
        const itemSch = items && sch ? child(sch, { Index: 0 }) : null;
        for (const s of childOrder(v, sch)) {
          if (isKey(s) ? isKey(seg) && s.Key === seg.Key : !isKey(seg) && s.Index === seg.Index) break;
          const cv = isKey(s) ? entries[s.Key] : items[s.Index];
          before += this.units.of(cv, isKey(s) ? child_(sch, s.Key) : itemSch, true, false, fold ? fold.step(s) : null);
        }
      }
      const cv: Value | undefined = getAt(v, [seg]);
      const cs: Node | null = child(sch, seg);
      top += before * this.rowPx;
      if (k < path.length - 1 && cv !== undefined) top += this.units.header(cv, cs, true) * this.rowPx;
      v = cv;
      sch = cs;
      fold = fold ? fold.step(seg) : null;
      f = f ? (isKey(seg) ? f.keys?.get(seg.Key) : f.items?.[seg.Index]) : undefined;
    }
    return top;
  }

  // ---- windowing ----------------------------------------------------------------------------

  private scheduleRefresh(): void {
    if (this.frame !== null || this.disposed) return;
    const win = this.doc.defaultView;
    const run = () => {
      this.frame = null;
      if (!this.disposed) this.refresh();
    };
    const raf = win?.requestAnimationFrame?.bind(win);
    this.frame = raf ? raf(run) : setTimeout(run, 16);
  }

  /** Builds what is near the viewport and removes what went far from it, in every window. */
  refresh(): void {
    if (this.disposed) return;
    if (!this.calibrated) this.calibrate();
    const top = this.scroller.scrollTop || 0;
    const view = this.scroller.clientHeight || this.maxHeight;
    this.windowTree(this.root, this.value, this.schema, this.sections.trie(), 0, top - OVERSCAN_PX, top + view + OVERSCAN_PX);
    this.structDirty = false;
  }

  /**
   * Walks the built containers under `f` (value `v`, children starting `top` pixels down the
   * scroll area) and draws each window for the viewport rows [from, to).
   */
  private windowTree(f: Field, v: Value, sch: Node | null, fold: FoldTrie | null, top: number, from: number, to: number): void {
    if (f.unbuilt || !isContainer(v) || (!f.keys && !f.items)) return;
    const entries = (v as MapValue).Map;
    const items = (v as ListValue).List;
    const itemSch = items && sch ? child(sch, { Index: 0 }) : null;
    const visit = (c: Field, s: Segment, childTop: number) => {
      const cv = isKey(s) ? entries[s.Key] : items[s.Index];
      if (!isContainer(cv) || c.unbuilt) return;
      const cs = isKey(s) ? child_(sch, s.Key) : itemSch;
      this.windowTree(c, cv, cs, fold ? fold.step(s) : null, childTop + this.units.header(cv, cs, true) * this.rowPx, from, to);
    };
    if (f.win) {
      const w = this.updateWin(f, v, sch, fold);
      const want = wanted(w.prefix, (from - top) / this.rowPx, (to - top) / this.rowPx, this.pinnedIn(f));
      this.drawWindow(f, want);
      for (const i of want) {
        const c = this.childAt(f, i);
        if (c) visit(c, w.order[i], top + w.prefix[i] * this.rowPx);
      }
      return;
    }
    // A small container: all children are built; only the large ones below it need the walk.
    if (tagOf(v) === "List" && isTable(v, sch)) return;
    let y = top;
    for (const s of f.keys ? childOrder(v, sch) : items.map((_, i) => ({ Index: i }) as Segment)) {
      const c = isKey(s) ? f.keys?.get(s.Key) : f.items?.[s.Index];
      const cv = isKey(s) ? entries[s.Key] : items[s.Index];
      if (cv === undefined) continue;
      if (c && isContainer(cv)) visit(c, s, y);
      y += this.units.of(cv, isKey(s) ? child_(sch, s.Key) : itemSch, true, false, fold ? fold.step(s) : null) * this.rowPx;
    }
  }

  /** The window of `f` brought up to value `v` (order and row counts again after a structural change). */
  private updateWin(f: Field, v: Value, sch: Node | null, fold: FoldTrie | null): Win {
    const w = f.win!;
    if (w.value === v && w.epoch === this.epoch) return w;
    const structural = w.epoch !== this.epoch || this.structDirty;
    w.value = v;
    w.epoch = this.epoch;
    if (!structural) return w;
    const order = childOrder(v, sch);
    w.order = order;
    w.prefix = this.units.prefix(v, sch, order, fold);
    w.drawn = "";
    if (f.keys) {
      // Keys keep their fields; their positions come from the new order.
      const live = new Set<number>();
      const built = f.keys;
      order.forEach((s, i) => {
        if (built.has((s as { Key: string }).Key)) live.add(i);
      });
      w.live = live;
      w.pos = undefined;
    } else if (f.items && f.items.length !== order.length) f.items.length = order.length;
    return w;
  }

  /** Positions of `f`'s children that hold a field being edited (kept built wherever they are). */
  private pinnedIn(f: Field): number[] {
    if (this.active.size === 0) return [];
    const out: number[] = [];
    const focused = this.doc.activeElement;
    for (const a of this.active) {
      if (!a.row.isConnected) {
        this.active.delete(a);
        continue;
      }
      const typed = isInput(a.control) && a.kind !== "Bool" && a.value !== undefined && a.control.value !== scalarText(a.held ?? a.value);
      if (!(focused === a.control || a.held !== undefined || typed)) continue;
      if (!startsWith(a.path, f.path)) continue;
      const s = a.path[f.path.length];
      out.push(isKey(s) ? this.posOfKey(f, s.Key) : s.Index);
    }
    return out;
  }

  private posOfKey(f: Field, k: string): number {
    const w = f.win!;
    if (!w.pos) {
      w.pos = new Map();
      w.order.forEach((s, i) => w.pos!.set((s as { Key: string }).Key, i));
    }
    return w.pos.get(k) ?? -1;
  }

  private childAt(f: Field, i: number): Field | undefined {
    const s = f.win!.order[i];
    return isKey(s) ? f.keys?.get(s.Key) : f.items?.[s.Index];
  }

  /** Makes the built children of windowed `f` exactly `want` (sorted positions), with spacers between. */
  private drawWindow(f: Field, want: number[]): void {
    const w = f.win!;
    const key = `${this.rowPx}:${want.join(",")}`;
    if (w.drawn === key) return;
    w.drawn = key;
    const ctl = f.control;
    const keep = new Set(want);
    for (const i of w.live) {
      if (keep.has(i)) continue;
      const c = this.childAt(f, i);
      if (c) {
        c.row.remove();
        const s = w.order[i];
        if (isKey(s)) f.keys!.delete(s.Key);
        else delete f.items![s.Index];
      }
      w.live.delete(i);
    }
    for (const s of w.spacers) s.remove();
    w.spacers = [];
    const tag = f.items ? "li" : "div";
    const v = w.value;
    const entries = (v as MapValue).Map;
    const items = (v as ListValue).List;
    const sch = f.schema ?? null;
    const itemSch = items && sch ? child(sch, { Index: 0 }) : null;
    let prev: Element | null = null;
    let end = 0;
    for (const i of want) {
      let c = this.childAt(f, i);
      if (!c) {
        const s = w.order[i];
        const cv = isKey(s) ? entries[s.Key] : items[s.Index];
        c = this.build(s, cv, [...f.path, s], isKey(s) ? child_(sch, s.Key) : itemSch, sch);
        ctl.insertBefore(c.row, prev ? prev.nextSibling : ctl.firstChild);
        if (isKey(s)) f.keys!.set(s.Key, c);
        else f.items![s.Index] = c;
        w.live.add(i);
      }
      if (i > end) {
        const gap = spacer(this.doc, tag, w.prefix[i] - w.prefix[end], this.rowPx);
        ctl.insertBefore(gap, c.row);
        w.spacers.push(gap);
      }
      prev = c.row;
      end = i + 1;
    }
    const n = w.order.length;
    if (n > end) {
      const gap = spacer(this.doc, tag, w.prefix[n] - w.prefix[end], this.rowPx);
      ctl.append(gap);
      w.spacers.push(gap);
    }
  }

  /** Measures the height of a row once the form is on screen (the layout model counts rows). */
  private calibrate(): void {
    const h = this.root.row.getBoundingClientRect?.().height ?? 0;
    if (!(h > 0)) return;
    this.calibrated = true;
    let spacerPx = 0;
    let spacerRows = 0;
    for (const s of Array.from(this.body.querySelectorAll(".tp-spacer"))) {
      const px = parseFloat((s as HTMLElement).style.height) || 0;
      spacerPx += px;
      spacerRows += px / this.rowPx;
    }
    const rows = this.units.of(this.value, this.schema, false, false, this.sections.trie()) - spacerRows;
    if (rows < 8) return;
    const px = (h - spacerPx) / rows;
    if (px > 8 && px < 200 && Math.abs(px - this.rowPx) / this.rowPx > 0.03) {
      this.rowPx = px;
      this.epoch++;
    }
  }

  // ---- building ---------------------------------------------------------------------------


  private build(seg: Segment | null, value: Value, path: Path, sch: Node | null = this.schemaAt(path), parentSch: Node | null | undefined = undefined): Field {
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
    // A record in a table is one table row: no toggle of its own, its fields are the cells.
    const tableRow = kind === "Map" && seg !== null && !isKey(seg) && recordColumns(sch) !== null;
    switch (kind) {
      case "Map": {
        f.control = this.rows.el("fieldset", "tp-field tp-map");
        f.keys = new Map();
        const keyed = !!sch && sch.s.additionalProperties !== undefined && !sch.s.properties;
        if (keyed) {
          f.control.classList.add("tp-keyed"); // a Java Map: its keys can be added, removed, renamed
          addAfter = addButton(this.doc, f, true);
        }
        if (!tableRow) this.sections.mark(f, label ? foldToggle(this.doc, label.textContent ?? "") : null, !keyed && (seg === null || isKey(seg)));
        break;
      }
      case "List": {
        f.control = this.rows.el("ol", "tp-field tp-list");
        f.items = [];
        addAfter = addButton(this.doc, f, false);
        const itemSch = sch ? child(sch, { Index: 0 }) : null;
        const columns = recordColumns(itemSch);
        if (columns) {
          // A list of records: a table, a row per item, a column per field (tableHead).
          f.control.classList.add("tp-table");
          f.control.style.setProperty("--tp-cols", String(columns.length));
          row.append(tableHead(this.doc, columns, itemSch!));
        }
        this.sections.mark(f, label ? foldToggle(this.doc, label.textContent ?? "") : null, false);
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
    if (f.keys || f.items) this.fillChildren(f, value, sch);
    f.control.setAttribute("data-path", pathText(path));
    f.control.setAttribute("data-kind", kind);
    if (label && (kind === "Map" || kind === "List")) f.control.setAttribute("aria-label", label.textContent ?? "");
    row.append(f.control);
    if (addAfter) row.append(addAfter);
    if (sch?.nullable && path.length > 0) row.append(nullToggle(this.doc, kind === "Null"));
    if (this.readOnly) for (const b of Array.from(row.querySelectorAll(":scope > button:not(.tp-toggle)"))) (b as HTMLButtonElement).disabled = true;
    if (this.matchKey !== null && pathText(path) === this.matchKey) this.highlight(path, f);
    this.byControl.set(f.control, f);
    return f;
  }

  /**
   * Builds the children of container `f`: all of them when it is drawn as few rows; none when it
   * is large and folded (built when opened); else a window, filled by the next refresh.
   */
  private fillChildren(f: Field, value: Value, sch: Node | null): void {
    const fold = this.foldAt(f.path);
    const folded = fold?.here === true && f.path.length > 0;
    // Rows when open: the container's own rows minus its label, with its fold ignored.
    const open = folded ? this.units.inner(value, sch, fold) : this.units.of(value, sch, false, false, fold);
    if (open > WINDOW_ROWS) {
      if (folded) {
        f.unbuilt = true;
        return;
      }
      const order = childOrder(value, sch);
      f.win = { value, order, prefix: this.units.prefix(value, sch, order, fold), live: new Set(), spacers: [], epoch: this.epoch, drawn: "" };
      if (f.items) f.items = new Array(order.length);
      return;
    }
    const ctl = f.control;
    if (f.keys) {
      const entries = (value as MapValue).Map;
      for (const s of childOrder(value, sch)) {
        const k = (s as { Key: string }).Key;
        const c = this.build(s, entries[k], [...f.path, s], child_(sch, k), sch);
        f.keys.set(k, c);
        ctl.append(c.row);
      }
    } else {
      const items = (value as ListValue).List;
      const itemSch = sch ? child(sch, { Index: 0 }) : null;
      for (let i = 0; i < items.length; i++) {
        const c = this.build({ Index: i }, items[i], [...f.path, { Index: i }], itemSch, sch);
        f.items!.push(c);
        ctl.append(c.row);
      }
    }
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
      f = isKey(s) ? f.keys?.get(s.Key) : f.items?.[s.Index];
    }
    return f;
  }
}
