/**
 * A CRDT spec: per node of a model, the merge policy (`register`, `map` with per-field and
 * per-value policies, `set` keyed by identity paths with an element policy, `sequence`
 * materialised as a list or a string). Reads the reference's dict form strictly (unknown fields,
 * wrong kinds and unreachable key paths are refused with the path and the reason), normalises it
 * (set key paths sorted, defaults filled), writes the canonical JSON the reference hashes, and
 * computes and checks the `sha256:` spec hash.
 */

import { isObject } from "../fields.js";
import { readFrameJson } from "../json.js";
import { compareKeys } from "../value.js";
import { sha256Text } from "./sha256.js";

export const SPEC_VERSION = 1;

export type Materialization = "list" | "string";

export type Policy =
  | { readonly kind: "register" }
  | { readonly kind: "map"; readonly fields: ReadonlyMap<string, Policy>; readonly values: Policy }
  | { readonly kind: "set"; readonly keys: readonly (readonly string[])[]; readonly element: Policy }
  | { readonly kind: "sequence"; readonly materialization: Materialization; readonly element: Policy };

const REGISTER: Policy = { kind: "register" };

const FIELDS: Record<string, readonly string[]> = {
  register: ["kind"],
  map: ["kind", "fields", "values"],
  set: ["kind", "keys", "element"],
  sequence: ["kind", "materialization", "element"],
};

function debugPath(key: readonly string[]): string {
  return `[${key.map((s) => JSON.stringify(s)).join(", ")}]`;
}

function comparePaths(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareKeys(a[i], b[i]);
    if (c) return c;
  }
  return a.length - b.length;
}

/** The policy of a map child: its named field's, else the map's value policy. */
export function childPolicy(map: Extract<Policy, { kind: "map" }>, key: string): Policy {
  return map.fields.get(key) ?? map.values;
}

function readPolicy(raw: unknown, where: string): Policy {
  if (!isObject(raw)) throw new Error(`${where}: expected a policy object with a kind`);
  const kind = raw.kind;
  if (typeof kind !== "string" || !(kind in FIELDS)) {
    throw new Error(`${where}.kind: unknown variant ${JSON.stringify(kind)}, expected one of register, map, set, sequence`);
  }
  for (const f of Object.keys(raw)) {
    if (!FIELDS[kind].includes(f)) throw new Error(`${where}: unknown field \`${f}\` for a ${kind} policy, expected one of ${FIELDS[kind].join(", ")}`);
  }
  switch (kind) {
    case "register":
      return REGISTER;
    case "map": {
      const fields = new Map<string, Policy>();
      if (raw.fields !== undefined) {
        if (!isObject(raw.fields)) throw new Error(`${where}.fields: expected an object of policies`);
        for (const name of Object.keys(raw.fields).sort(compareKeys)) {
          if (name === "") throw new Error(`${where}.fields contains an empty field name`);
          fields.set(name, readPolicy(raw.fields[name], `${where}.fields.${name}`));
        }
      }
      const values = raw.values === undefined ? REGISTER : readPolicy(raw.values, `${where}.values`);
      return { kind: "map", fields, values };
    }
    case "set": {
      const element = raw.element === undefined ? REGISTER : readPolicy(raw.element, `${where}.element`);
      const keys: string[][] = [];
      if (raw.keys !== undefined) {
        if (!Array.isArray(raw.keys)) throw new Error(`${where}.keys: expected a list of key paths`);
        for (const key of raw.keys) {
          if (!Array.isArray(key) || key.some((s) => typeof s !== "string")) throw new Error(`${where}.keys: each key path must be a list of strings`);
          keys.push(key as string[]);
        }
      }
      const seen = new Set<string>();
      for (const key of keys) {
        if (key.length === 0 || key.some((s) => s === "")) throw new Error(`${where}.keys contains an empty identity path or path segment`);
        const k = JSON.stringify(key);
        if (seen.has(k)) throw new Error(`${where}.keys contains duplicate path ${debugPath(key)}`);
        seen.add(k);
        checkKeyPath(element, key, where);
      }
      keys.sort(comparePaths);
      return { kind: "set", keys, element };
    }
    default: {
      const m = raw.materialization === undefined ? "list" : raw.materialization;
      if (m !== "list" && m !== "string") throw new Error(`${where}.materialization: unknown variant ${JSON.stringify(m)}, expected list or string`);
      const element = raw.element === undefined ? REGISTER : readPolicy(raw.element, `${where}.element`);
      if (m === "string" && element.kind !== "register") throw new Error(`${where}.element must be a register for string materialization`);
      return { kind: "sequence", materialization: m, element };
    }
  }
}

function checkKeyPath(element: Policy, key: readonly string[], where: string): void {
  let current = element;
  for (const segment of key) {
    if (current.kind !== "map") throw new Error(`${where}.keys path ${debugPath(key)} is not reachable in the element policy`);
    current = childPolicy(current, segment);
  }
  if (current.kind !== "register") throw new Error(`${where}.keys path ${debugPath(key)} must resolve to a register`);
}

function writePolicy(p: Policy, out: string[]): void {
  switch (p.kind) {
    case "register":
      out.push('{"kind":"register"}');
      return;
    case "map": {
      out.push('{"kind":"map"');
      if (p.fields.size > 0) {
        out.push(',"fields":{');
        [...p.fields.keys()].sort(compareKeys).forEach((name, i) => {
          if (i) out.push(",");
          out.push(JSON.stringify(name), ":");
          writePolicy(p.fields.get(name)!, out);
        });
        out.push("}");
      }
      out.push(',"values":');
      writePolicy(p.values, out);
      out.push("}");
      return;
    }
    case "set":
      out.push('{"kind":"set"');
      if (p.keys.length > 0) out.push(',"keys":', JSON.stringify(p.keys));
      out.push(',"element":');
      writePolicy(p.element, out);
      out.push("}");
      return;
    default:
      out.push(`{"kind":"sequence","materialization":"${p.materialization}","element":`);
      writePolicy(p.element, out);
      out.push("}");
  }
}

/** A validated, normalised spec; `json` is its canonical text and `hash` the hash of that text. */
export class CrdtSpec {
  readonly json: string;
  readonly hash: string;
  private constructor(readonly version: number, readonly root: Policy) {
    const out = [`{"version":${version},"root":`];
    writePolicy(root, out);
    out.push("}");
    this.json = out.join("");
    this.hash = sha256Text(this.json);
  }

  /** Reads the dict form ({"version"?, "root"}), as parsed from JSON. Throws naming the path and reason. */
  static fromDict(raw: unknown): CrdtSpec {
    if (!isObject(raw)) throw new Error("CRDT spec: expected an object with a root policy");
    for (const f of Object.keys(raw)) {
      if (f !== "version" && f !== "root") throw new Error(`CRDT spec: unknown field \`${f}\`, expected version or root`);
    }
    if (raw.root === undefined) throw new Error("CRDT spec: missing field `root`");
    const version = raw.version === undefined ? SPEC_VERSION : raw.version;
    if (typeof version !== "number" || !Number.isInteger(version) || version < 0 || version > 0xffffffff) {
      throw new Error(`CRDT spec: version must be a non-negative integer, got ${String(version)}`);
    }
    const root = readPolicy(raw.root, "root");
    if (version !== SPEC_VERSION) throw new Error(`unsupported CRDT spec version ${version}; expected ${SPEC_VERSION}`);
    return new CrdtSpec(version, root);
  }

  static fromJson(text: string): CrdtSpec {
    return CrdtSpec.fromDict(readFrameJson(text));
  }

  /** A spec for one root policy, given in the dict form. */
  static of(root: unknown): CrdtSpec {
    return CrdtSpec.fromDict({ root });
  }

  /** The canonical dict form (a fresh plain object). */
  toDict(): Record<string, unknown> {
    return JSON.parse(this.json) as Record<string, unknown>;
  }

  /** Refuses a peer whose spec hash differs (different merge semantics). */
  requireHash(peerHash: string): void {
    if (peerHash !== this.hash) throw new Error(`incompatible CRDT spec: local hash ${this.hash}, peer hash ${peerHash}`);
  }

  equals(other: CrdtSpec): boolean {
    return other.json === this.json;
  }
}

/** The same hash through Web Crypto, for callers that prefer the platform digest (browser or node). */
export async function specHashWebCrypto(spec: CrdtSpec): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(spec.json));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
