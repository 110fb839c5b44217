/**
 * What the schema's format says about typed text beyond its wire kind: BigDecimal and BigInteger
 * are typed as text and checked here (digits, a sign, a fraction for BigDecimal) before they go in
 * the wire type the schema names (docs/bridging.md: BigDecimal travels as a Float, BigInteger as
 * an Int, a string schema as Str); java.time fields get the browser's own date and time inputs,
 * whose value text is exactly the ISO form Java reads. Returns the Value, or the reason it cannot
 * be one (shown next to the field), or null when the format asks nothing special.
 */

import type { Node } from "./schema.js";
import { parseIntText } from "./parse-input.js";
import type { Value } from "./value.js";

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const WHOLE = /^[+-]?\d+$/;

/** The type of the browser's native input for a java.time format, or null. */
export function nativeInputType(n: Node | null): string | null {
  switch (n?.s.format) {
    case "date":
      return "date"; // LocalDate: 2026-03-01
    case "time":
      return "time"; // LocalTime: 10:15 or 10:15:30
    case "x-local-date-time":
      return "datetime-local"; // LocalDateTime: 2026-03-01T10:15:30
    default:
      return null; // date-time (Instant, Offset, Zoned) keeps its zone: typed as text
  }
}

/** The significant digits of a plain decimal text ("-012.500" -> "-12.5"). */
function canonical(t: string): string {
  let s = t.startsWith("+") ? t.slice(1) : t;
  const neg = s.startsWith("-");
  if (neg) s = s.slice(1);
  let [whole, frac = ""] = s.split(".");
  whole = whole.replace(/^0+(?=\d)/, "") || "0";
  frac = frac.replace(/0+$/, "");
  const out = frac ? `${whole}.${frac}` : whole;
  return neg && out !== "0" ? `-${out}` : out;
}

/** The plain decimal text of a double, without an exponent. */
function plain(x: number): string {
  if (Math.abs(x) < 1e21 && Math.abs(x) >= 1e-6) return String(x);
  return x.toFixed(20).replace(/\.?0+$/, "");
}

/** Reads typed text as the schema's format asks; null when the format asks nothing special. */
export function parseTyped(n: Node | null, text: string): Value | string | null {
  const s = n?.s;
  if (!s) return null;
  const t = text.trim();
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== "null") : s.type;
  if (s.format === "big-decimal") {
    if (!DECIMAL.test(t)) return "a decimal number: digits, an optional sign and fraction (e.g. -12.50)";
    if (type === "string") return { Str: t };
    const x = Number(t);
    if (!Number.isFinite(x)) return "a finite number is needed";
    // The wire carries a double: say so rather than send a different number.
    if (canonical(plain(x)) !== canonical(t)) return `more digits than the wire's double keeps (it would be ${plain(x)})`;
    return { Float: x };
  }
  if (s.format === "big-integer") {
    if (!WHOLE.test(t)) return "a whole number: digits and an optional sign";
    if (type === "string") return { Str: t };
    return parseIntText(t);
  }
  const native = nativeInputType(n);
  if (native && t === "") return `a ${native === "date" ? "date" : native === "time" ? "time" : "date and time"} is needed`;
  return null;
}
