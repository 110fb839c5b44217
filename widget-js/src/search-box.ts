/**
 * The search box above a model's rows: typing finds fields (search.ts) and shows how many; Enter
 * jumps to the next match, Shift+Enter to the previous one ("3 of 17"); Escape clears the query and
 * the highlight. The form does the jumping (opening folded parents, scrolling the match into view).
 */

import type { Found } from "./search.js";
import type { Path } from "./path.js";
import { pathText } from "./path.js";

export interface SearchHost {
  find(query: string): Found;
  /** Opens, scrolls to and highlights the field at `path`. */
  reveal(path: Path): void;
  /** Removes the highlight. */
  clear(): void;
}

/** Quiet time after the last key before the matches are counted (Enter counts at once). */
const COUNT_DELAY_MS = 150;

export class SearchBox {
  readonly el: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly count: HTMLElement;
  private found: Found | null = null;
  private index = -1;
  /** pathText of the match shown last, to keep the place when the matches are found again. */
  private currentKey: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(doc: Document, private readonly host: SearchHost) {
    this.el = doc.createElement("div");
    this.el.className = "tp-toolbar";
    this.input = doc.createElement("input");
    this.input.type = "text";
    this.input.className = "tp-search";
    this.input.placeholder = "Find a field: name, path or value";
    this.input.setAttribute("aria-label", "find a field by name, path or value");
    this.count = doc.createElement("span");
    this.count.className = "tp-search-count";
    this.count.setAttribute("role", "status");
    this.el.append(this.input, this.count);
    this.input.addEventListener("input", () => {
      this.found = null;
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.ensureFound();
        this.showCount();
      }, COUNT_DELAY_MS);
    });
    this.input.addEventListener("keydown", (ev) => {
      const key = (ev as KeyboardEvent).key;
      if (key === "Enter") {
        ev.preventDefault();
        ev.stopPropagation();
        this.step((ev as KeyboardEvent).shiftKey ? -1 : 1);
      } else if (key === "Escape") {
        ev.preventDefault();
        ev.stopPropagation();
        this.clear();
      }
    });
  }

  /** The model changed: the matches are found again before the next jump. */
  stale(): void {
    if (this.found !== null) this.found = null;
  }

  /** Jumps `by` matches forward (1) or back (-1), wrapping around. */
  step(by: number): void {
    const f = this.ensureFound();
    if (!f || f.paths.length === 0) {
      this.showCount();
      return;
    }
    const n = f.paths.length;
    this.index = this.index < 0 ? (by > 0 ? 0 : n - 1) : (((this.index + by) % n) + n) % n;
    const path = f.paths[this.index];
    this.currentKey = pathText(path);
    this.host.reveal(path);
    this.showCount();
  }

  clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.input.value = "";
    this.found = null;
    this.index = -1;
    this.currentKey = null;
    this.count.textContent = "";
    this.host.clear();
  }

  private ensureFound(): Found | null {
    const q = this.input.value;
    if (q.trim() === "") {
      this.found = null;
      this.index = -1;
      return null;
    }
    if (this.found === null) {
      this.found = this.host.find(q);
      // Keep the place: the match shown last, if it still matches, else start over.
      this.index = this.currentKey === null ? -1 : this.found.paths.findIndex((p) => pathText(p) === this.currentKey);
    }
    return this.found;
  }

  private showCount(): void {
    const f = this.found;
    if (!f || this.input.value.trim() === "") this.count.textContent = "";
    else if (f.paths.length === 0) this.count.textContent = "no match";
    else {
      const total = `${f.paths.length}${f.more ? "+" : ""}`;
      this.count.textContent = this.index < 0 ? `${total} matches` : `${this.index + 1} of ${total}`;
    }
  }
}
