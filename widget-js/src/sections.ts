/**
 * Collapse and expand of every record, map and list of a form. Each labeled container gets a
 * toggle button (▾/▸) before its label: a click, or Enter/Space on the focused toggle, folds or
 * opens it; ArrowLeft folds, ArrowRight opens. A nested object's label is also a header that does
 * the same (click, or Enter/Space on it). Which containers are folded is kept by path on the form,
 * so a re-render (a new schema, a snapshot after a resync, a patch that replaces a parent) shows
 * them as the person left them. The form decides what folding does to the children (hidden when
 * few, not built at all when many: see ModelForm.setFolded).
 */

import type { Field } from "./field.js";
import type { Path } from "./path.js";
import { pathText } from "./path.js";
import { FoldTrie } from "./layout-units.js";

export class Sections {
  /** Paths (pathText) of the folded containers. */
  private readonly folded = new Map<string, Path>();
  private trieCache: FoldTrie | null | undefined = undefined;

  isFolded(path: Path): boolean {
    return this.folded.size > 0 && this.folded.has(pathText(path));
  }

  /** Records the fold state of `path`; true when it changed. */
  set(path: Path, fold: boolean): boolean {
    const key = pathText(path);
    if (fold === this.folded.has(key)) return false;
    if (fold) this.folded.set(key, path);
    else this.folded.delete(key);
    this.trieCache = undefined;
    return true;
  }

  /** The folded paths as a trie (null when nothing is folded), for the layout model. */
  trie(): FoldTrie | null {
    if (this.trieCache !== undefined) return this.trieCache;
    if (this.folded.size === 0) return (this.trieCache = null);
    const t = new FoldTrie();
    for (const p of this.folded.values()) t.add(p);
    return (this.trieCache = t);
  }

  /**
   * Gives container field `f` its toggle (every labeled record, map and list) and, for a nested
   * object, makes its label a header that folds it too; applies the kept state.
   */
  mark(f: Field, toggle: HTMLButtonElement | null, objectSection: boolean): void {
    if (!f.label || f.path.length === 0) return;
    if (objectSection) {
      f.label.classList.add("tp-section-head");
      f.label.setAttribute("role", "button");
      f.label.tabIndex = 0;
    }
    if (toggle) {
      f.toggle = toggle;
      f.row.insertBefore(toggle, f.row.firstChild);
    }
    this.show(f, this.isFolded(f.path));
  }

  /** Shows `f` folded or open (class, toggle glyph, aria-expanded). */
  show(f: Field, folded: boolean): void {
    f.row.classList.toggle("tp-folded", folded);
    if (f.label?.classList.contains("tp-section-head")) f.label.setAttribute("aria-expanded", String(!folded));
    if (f.toggle) {
      f.toggle.setAttribute("aria-expanded", String(!folded));
      f.toggle.textContent = folded ? "▸" : "▾";
      f.toggle.title = folded ? "expand" : "collapse";
    }
  }
}

/** A fold toggle button for a container labeled `name`. */
export function foldToggle(doc: Document, name: string): HTMLButtonElement {
  const b = doc.createElement("button");
  b.type = "button";
  b.className = "tp-toggle";
  b.setAttribute("aria-label", `collapse or expand ${name}`);
  return b;
}
