// Shared test helpers: loading vector files (from ../spec and test/vectors), comparing plain
// JSON structures, and a seeded random generator for property tests.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseJson } from "../dist/client.js";

const here = dirname(fileURLToPath(import.meta.url));
export const SPEC_DIRS = [join(here, "..", "..", "spec"), join(here, "vectors")];

/** Every vector file of this name that exists, as [label, cases]. */
export function vectorFiles(name) {
  const out = [];
  for (const dir of SPEC_DIRS) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const cases = parseJson(readFileSync(file, "utf8"));
    if (!Array.isArray(cases)) throw new Error(`${file} is not a JSON array`);
    out.push([`${dir.endsWith("vectors") ? "test/vectors" : "spec"}/${name}`, cases]);
  }
  return out;
}

/** Structural equality of parsed JSON: object key order ignored, bigint and number compared by value. */
export function jsonEqual(a, b) {
  if (typeof a === "bigint" || typeof b === "bigint") {
    try {
      return BigInt(a) === BigInt(b);
    } catch {
      return false;
    }
  }
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
}

/** Mulberry32: a small deterministic generator, so property tests repeat exactly. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deep-freezes a structure so any mutation in the code under test throws. */
export function deepFreeze(x) {
  if (x && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const k of Object.keys(x)) deepFreeze(x[k]);
  }
  return x;
}
