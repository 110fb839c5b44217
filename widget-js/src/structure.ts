/**
 * Structural edits of a form: add an item to a list (the schema's default, else a zero value),
 * remove it, move it up or down; add, remove and rename the keys of a map (a schema with
 * additionalProperties); set or clear a nullable field. Each is ONE proposal: the container's
 * new value set at its path, which the client's diff turns into the matching ops (Insert,
 * RemoveAt, Move, Remove + Set for a rename, Set). Item tools are made when the pointer or the
 * focus first reaches an item, so a list of thousands costs nothing until it is used.
 */

import type { Field } from "./field.js";
import { fromPlain, zeroLike, zeroOf } from "./new-values.js";
import type { Path } from "./path.js";
import { getAt, isKey } from "./path.js";
import type { Node } from "./schema.js";
import { child } from "./schema.js";
import type { ListValue, MapValue, Value } from "./value.js";

export interface StructureHost {
  fieldOf(control: Element): Field | undefined;
  readOnly(): boolean;
  /** The model's current value. */
  value(): Value;
  schemaAt(path: Path): Node | null;
  /** Proposes `value` at `path` (one proposal). */
  replace(path: Path, value: Value): void;
  /** Shows a reason next to the field at `path`. */
  showError(path: Path, text: string): void;
}

function button(doc: Document, cls: string, text: string, title: string): HTMLButtonElement {
  const b = doc.createElement("button");
  b.type = "button";
  b.className = `tp-tool ${cls}`;
  b.textContent = text;
  b.title = title;
  b.setAttribute("aria-label", title);
  return b;
}

/** The "add" control under a list or a map of a given field (made at build time: one per container). */
export function addButton(doc: Document, _f: Field, isMap: boolean): HTMLButtonElement {
  const b = button(doc, "tp-add", isMap ? "+ key" : "+ item", isMap ? "add a key" : "add an item");
  b.dataset.role = isMap ? "add-key" : "add-item";
  return b;
}

/** The set/clear control of a nullable field. */
export function nullToggle(doc: Document, isNull: boolean): HTMLButtonElement {
  const b = button(doc, "tp-null-toggle", isNull ? "set" : "×null", isNull ? "give it a value" : "set to null");
  b.dataset.role = isNull ? "set-value" : "set-null";
  return b;
}

/** The field whose row holds `el` (its control carries data-path). */
function rowField(host: StructureHost, el: Element | null): Field | undefined {
  const row = el?.closest(".tp-row");
  const control = row?.querySelector(":scope > [data-path]");
  return control ? host.fieldOf(control) : undefined;
}

function parentPath(p: Path): Path {
  return p.slice(0, -1);
}

export function installStructure(section: HTMLElement, host: StructureHost): void {
  const doc = section.ownerDocument;
  const tools = (ev: Event) => {
    if (host.readOnly()) return;
    const row = (ev.target as Element).closest?.(".tp-list > .tp-row, .tp-keyed > .tp-row");
    if (!row || row.querySelector(":scope > .tp-tools")) return;
    const f = rowField(host, row);
    if (!f) return;
    const box = doc.createElement("span");
    box.className = "tp-tools";
    if (isKey(f.path[f.path.length - 1])) {
      box.append(button(doc, "tp-rename", "✎", "rename this key"), button(doc, "tp-remove", "×", "remove this key"));
    } else {
      box.append(button(doc, "tp-up", "↑", "move up"), button(doc, "tp-down", "↓", "move down"), button(doc, "tp-remove", "×", "remove this item"));
    }
    row.append(box);
  };
  section.addEventListener("mouseover", tools);
  section.addEventListener("focusin", tools);

  section.addEventListener("click", (ev) => {
    const b = (ev.target as Element).closest?.("button.tp-tool") as HTMLButtonElement | null;
    if (!b || host.readOnly()) return;
    ev.stopPropagation();
    const f = rowField(host, b);
    if (!f) return;
    const model = host.value();
    if (b.classList.contains("tp-add")) {
      const own = getAt(model, f.path);
      const sch = host.schemaAt(f.path);
      if (b.dataset.role === "add-item" && own && (own as ListValue).List) {
        const items = (own as ListValue).List;
        const itemSch = child(sch, { Index: 0 });
        const fresh = itemSch ? zeroOf(itemSch) : items.length ? zeroLike(items[items.length - 1]) : { Str: "" };
        host.replace(f.path, { List: [...items, fresh] });
      } else if (b.dataset.role === "add-key" && own && (own as MapValue).Map) {
        askKey(doc, b, "", (k) => {
          const entries = (own as MapValue).Map;
          if (Object.prototype.hasOwnProperty.call(entries, k)) return host.showError(f.path, `the key "${k}" is there already`);
          const valSch = child(sch, { Key: k });
          const fresh = valSch ? zeroOf(valSch) : { Str: "" };
          host.replace(f.path, { Map: { ...entries, [k]: fresh } });
        });
      }
      return;
    }
    if (b.classList.contains("tp-null-toggle")) {
      const sch = host.schemaAt(f.path);
      if (b.dataset.role === "set-null") host.replace(f.path, "Null");
      else host.replace(f.path, sch?.s.default !== undefined ? fromPlain(sch.s.default, sch) : zeroOf(sch ? { ...sch, nullable: false } : null));
      return;
    }
    const last = f.path[f.path.length - 1];
    const container = getAt(model, parentPath(f.path));
    if (!container) return;
    if (isKey(last)) {
      const entries = { ...(container as MapValue).Map };
      if (b.classList.contains("tp-remove")) {
        delete entries[last.Key];
        host.replace(parentPath(f.path), { Map: entries });
      } else if (b.classList.contains("tp-rename")) {
        askKey(doc, b, last.Key, (k) => {
          if (k === last.Key) return;
          if (Object.prototype.hasOwnProperty.call(entries, k)) return host.showError(f.path, `the key "${k}" is there already`);
          const v = entries[last.Key];
          delete entries[last.Key];
          entries[k] = v;
          host.replace(parentPath(f.path), { Map: entries }); // one proposal: Remove + Set
        });
      }
      return;
    }
    const items = [...(container as ListValue).List];
    const i = last.Index;
    if (b.classList.contains("tp-remove")) items.splice(i, 1);
    else {
      const j = b.classList.contains("tp-up") ? i - 1 : i + 1;
      if (j < 0 || j >= items.length) return;
      const [x] = items.splice(i, 1);
      items.splice(j, 0, x);
    }
    host.replace(parentPath(f.path), { List: items });
  });
}

/** An inline input for a key name next to `anchor`: Enter gives it to `done`, Escape or leaving drops it. */
function askKey(doc: Document, anchor: HTMLElement, initial: string, done: (k: string) => void): void {
  const input = doc.createElement("input");
  input.type = "text";
  input.className = "tp-input tp-key-input";
  input.value = initial;
  input.setAttribute("aria-label", "key name");
  anchor.after(input);
  input.focus();
  // Removing a focused input fires its blur at once (Chromium), whose handler must not remove it
  // again: that throws, and would lose the key the person just entered.
  let open = true;
  const close = () => {
    if (!open) return false;
    open = false;
    input.remove();
    return true;
  };
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      ev.preventDefault();
      ev.stopPropagation();
      const k = input.value;
      if (close() && k !== "") done(k);
    } else if (ev.key === "Escape") {
      ev.preventDefault();
      ev.stopPropagation();
      close();
    }
  });
  input.addEventListener("blur", () => close());
}
