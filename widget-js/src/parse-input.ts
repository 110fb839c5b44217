/**
 * Reading what a person typed into a scalar field as a Value, or the reason it cannot be one
 * (the words shown next to the field). Checked before anything is sent, so a value the page
 * cannot read never leaves it; the kernel stays the authority for everything else.
 */

import type { Tag, Value } from "./value.js";

const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;

/** Reads an Int from input text; returns an error text instead when it is not a 64-bit integer. */
export function parseIntText(text: string): Value | string {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) return "whole numbers only";
  const b = BigInt(t);
  if (b < INT_MIN || b > INT_MAX) return "outside the 64-bit integer range";
  const n = Number(b);
  return { Int: Number.isSafeInteger(n) ? n : b };
}

/** Reads a Float from input text; returns an error text instead when it is not a finite number. */
export function parseFloatText(text: string): Value | string {
  const t = text.trim();
  const x = t === "" ? NaN : Number(t);
  if (!Number.isFinite(x)) return "a finite number is needed";
  return { Float: x };
}

/** Reads text typed into a field of `kind` (Str, Int or Float). */
export function parseScalar(kind: Tag, text: string): Value | string {
  if (kind === "Int") return parseIntText(text);
  if (kind === "Float") return parseFloatText(text);
  return { Str: text };
}
