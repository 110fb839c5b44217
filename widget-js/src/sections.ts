/**
 * Collapsible sections for nested objects (a field whose schema is an object with properties,
 * or any nested map without a schema): clicking the section's header (its label) folds it away or
 * opens it again. Which sections are folded is kept by path on the form, so a re-render (a new
 * schema, a snapshot after a resync, a replaced parent) shows them as the person left them.
 */

import type { Field } from "./field.js";
import type { Path } from "./path.js";
import { pathText } from "./path.js";

export class Sections {
  /** Paths (pathText) of the folded sections. */
  private readonly folded = new Set<string>();

  /** Makes the label of nested object field `f` a header that folds it; applies the kept state. */
  mark(f: Field, path: Path): void {
    if (!f.label || path.length === 0) return;
    f.label.classList.add("tp-section-head");
    f.label.setAttribute("role", "button");
    f.label.tabIndex = 0;
    this.show(f, this.folded.has(pathText(path)));
  }

  /** Folds or opens the section whose header is `label`; true when `label` was a header. */
  toggle(label: Element, f: Field | undefined): boolean {
    if (!f || !label.classList.contains("tp-section-head")) return false;
    const key = pathText(f.path);
    const fold = !this.folded.has(key);
    if (fold) this.folded.add(key);
    else this.folded.delete(key);
    this.show(f, fold);
    return true;
  }

  private show(f: Field, folded: boolean): void {
    f.row.classList.toggle("tp-folded", folded);
    f.label?.setAttribute("aria-expanded", String(!folded));
  }
}
