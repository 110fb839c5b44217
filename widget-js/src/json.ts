/**
 * JSON text reading that keeps 64-bit integers exact.
 *
 * `JSON.parse` turns every number into an IEEE double, so integer literals beyond 2^53 lose
 * digits before anyone can look at them. `parseJson` uses the fast built-in parser when the
 * text has no run of 16 or more digits (no such integer can be present), and otherwise a small
 * recursive-descent reader that returns integer literals outside the safe range as `bigint`.
 * Objects it builds have no prototype, so keys such as `__proto__` are ordinary data.
 */

const LONG_DIGITS = /\d{16,}/;

/**
 * A number literal written with a fraction or an exponent ("1.0", "2e3"), as `readFrameJson`
 * returns it, so an integer field can refuse it even when its value is whole.
 */
export class JsonFloat {
  constructor(
    readonly value: number,
    written: string | null = null,
  ) {
    if (written !== null) writtenText.set(this, written);
  }

  /** The number as written, for error messages (MessagePack floats have none: it is made here). */
  get text(): string {
    const w = writtenText.get(this);
    if (w !== undefined) return w;
    const x = this.value;
    return Number.isInteger(x) && Math.abs(x) < 1e21 ? x.toFixed(1) : String(x);
  }
}

/** The literal of each float read from JSON text, kept off the object so equal floats compare equal. */
const writtenText = new WeakMap<JsonFloat, string>();

/** Parses JSON text; unsafe integer literals come back as bigint. Throws SyntaxError. */
export function parseJson(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return new Reader(text, false).document();
}

/**
 * Strict reading of a protocol frame: integers outside the safe range as bigint, other number
 * literals with a fraction or exponent as JsonFloat, duplicate keys refused ("duplicate field"
 * in the message object, "duplicate key" below it). Errors say "empty frame", "trailing data"
 * or "malformed JSON".
 */
export function readFrameJson(text: string): unknown {
  return new Reader(text, true).document();
}

class Reader {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly s: string,
    private readonly strict: boolean,
  ) {}

  document(): unknown {
    this.ws();
    if (this.i === this.s.length) throw new SyntaxError("empty frame: no JSON value");
    const v = this.value();
    this.ws();
    if (this.i !== this.s.length) throw new SyntaxError(`malformed JSON: trailing data after the value at offset ${this.i}`);
    return v;
  }

  private fail(why: string): never {
    throw new SyntaxError(`malformed JSON at offset ${this.i}: ${why}`);
  }
  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  private value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "t") return this.word("true", true);
    if (c === "f") return this.word("false", false);
    if (c === "n") return this.word("null", null);
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    return this.fail(c === undefined ? "unexpected end" : `unexpected character '${c}'`);
  }

  private word<T>(w: string, v: T): T {
    if (this.s.startsWith(w, this.i)) {
      this.i += w.length;
      return v;
    }
    return this.fail(`expected ${w}`);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    const top = this.depth === 0;
    this.depth++;
    this.i++;
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail("expected a string key");
      const k = this.string();
      if (this.strict && Object.prototype.hasOwnProperty.call(out, k)) {
        throw new SyntaxError(top ? `duplicate field '${k}'` : `duplicate key '${k}'`);
      }
      this.ws();
      if (this.s[this.i] !== ":") this.fail("expected ':'");
      this.i++;
      out[k] = this.value();
      this.ws();
      const c = this.s[this.i++];
      if (c === "}") {
        this.depth--;
        return out;
      }
      if (c !== ",") this.fail("expected ',' or '}'");
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.depth++;
    this.i++;
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      this.depth--;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === "]") {
        this.depth--;
        return out;
      }
      if (c !== ",") this.fail("expected ',' or ']'");
    }
  }

  private string(): string {
    const s = this.s;
    const start = this.i;
    let j = start + 1;
    let plain = true;
    for (;;) {
      const c = s.charCodeAt(j);
      if (Number.isNaN(c)) this.fail("unterminated string");
      if (c === 34) break;
      if (c === 92) plain = false;
      else if (c < 32) this.fail("control character in a string");
      j += c === 92 ? 2 : 1;
    }
    this.i = j + 1;
    if (plain) return s.slice(start + 1, j);
    try {
      return JSON.parse(s.slice(start, j + 1)) as string;
    } catch {
      return this.fail("bad escape in a string");
    }
  }

  private number(): number | bigint | JsonFloat {
    const m = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const r = m.exec(this.s);
    if (!r || r[0] === "-") return this.fail("bad number");
    this.i += r[0].length;
    if (r[2] === undefined && r[3] === undefined) {
      const n = Number(r[0]);
      if (Number.isSafeInteger(n)) return n;
      return BigInt(r[0]);
    }
    return this.strict ? new JsonFloat(Number(r[0]), r[0]) : Number(r[0]);
  }
}
