/**
 * Writing a value into a scalar field's controls: a shown value's text, an input's value (keeping
 * the caret or whole selection of a focused one), a checkbox, an enum's select, the slider of a
 * bounded number, and the read-only text of Null and Submodel.
 */

import { isInput, scalarText, showText } from "./activate.js";
import type { Field } from "./field.js";
import { countText, option } from "./schema-controls.js";
import type { Value } from "./value.js";
import { floatText } from "./value.js";

  /** Writes `v` into the control of `f`. */
export function showValue(f: Field, v: Value): void {
  if (f.counter && (v as { Str?: string }).Str !== undefined) countText(f.counter, (v as { Str: string }).Str);
  if (f.control.tagName === "SELECT") {
    const sel = f.control as HTMLSelectElement;
    const name = (v as { Str?: string }).Str ?? "";
    if (!Array.from(sel.options).some((o) => o.value === name)) sel.append(option(f.control.ownerDocument, name));
    sel.value = name;
    return;
  }
  if (f.slider) f.slider.value = scalarText(v);
  if (!isInput(f.control) && f.kind !== "Null" && f.kind !== "Submodel" && f.kind !== "Bool") {
    showText(f.control, scalarText(v));
    if (f.kind === "Float") f.control.title = floatText((v as { Float: number }).Float);
    return;
  }
  const c = f.control as HTMLInputElement;
  switch (f.kind) {
    case "Bool":
      c.checked = (v as { Bool: boolean }).Bool;
      break;
    case "Str":
    case "Int":
    case "Float":
      // Only when it differs, keeping the caret and selection of a focused field.
      if (c.value !== scalarText(v)) writeKeepingCaret(c, scalarText(v));
      if (f.kind === "Float") c.title = floatText((v as { Float: number }).Float);
      break;
    case "Null":
      f.control.textContent = "null";
      break;
    case "Submodel":
      f.control.textContent = `model #${(v as { Submodel: number }).Submodel}`;
      break;
  }
}

/**
 * Writes `text` into an input; when it has the focus (the person is about to type) a selection
 * of all the old text becomes a selection of all the new, else the caret keeps its offset.
 */
function writeKeepingCaret(c: HTMLInputElement, text: string): void {
  if (c.ownerDocument.activeElement !== c) {
    c.value = text;
    return;
  }
  const start = c.selectionStart ?? 0;
  const end = c.selectionEnd ?? 0;
  const all = end > start && start === 0 && end === c.value.length;
  c.value = text;
  if (all) c.select();
  else c.setSelectionRange(Math.min(start, text.length), Math.min(end, text.length));
}
