/**
 * Helpers for the light form of scalar fields: a Str, Int or Float value is first shown as a
 * focusable span.tp-value (its text written as text, never HTML) and turned into a real
 * <input> only when it takes focus (ModelForm.activate). Building thousands of inputs is most
 * of the cost of a large render in Chromium; spans cost a fraction of it.
 */

import type { Value } from "./value.js";

/** True for a real <input> (as opposed to a shown value). */
export function isInput(e: Element): e is HTMLInputElement {
  return e.tagName === "INPUT";
}

/** The text a shown value displays: the same as the input's value would be. */
export function scalarText(v: Value): string {
  const o = v as { Str?: string; Int?: number | bigint; Float?: number };
  if (o.Str !== undefined) return o.Str;
  if (o.Int !== undefined) return String(o.Int);
  if (o.Float !== undefined) return floatShown(o.Float);
  return "";
}

/** A Float as shown: always with a decimal form (21.0, not 21), so it never looks like an Int. */
export function floatShown(x: number): string {
  if (Object.is(x, -0)) return "-0.0";
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? x.toFixed(1) : String(x);
}

/** Writes `text` into a shown value, changing only its text node when there is one. */
export function showText(e: HTMLElement, text: string): void {
  const t = e.firstChild;
  if (t && t.nodeType === 3 && !t.nextSibling) {
    if ((t as Text).data !== text) (t as Text).data = text;
  } else e.textContent = text;
}

/** Read-only shown values cannot take focus (so they never become inputs). */
export function setReadOnlyValue(e: HTMLElement, ro: boolean): void {
  if (ro) {
    e.removeAttribute("tabindex");
    e.setAttribute("aria-disabled", "true");
  } else {
    e.tabIndex = 0;
    e.removeAttribute("aria-disabled");
  }
}
