/**
 * Walking a CRDT path (map keys, set members, sequence element ids — never list positions) through
 * the spec and the reducer state: read-only lookups, the writing walk that creates what is missing
 * and stamps each map entry on the way with the operation's dot (as the reference does, so a write
 * below a removed entry revives it), and the check that refuses writes to a keyed set member's
 * identity fields.
 */

import type { Dot } from "./ids.js";
import { idKey } from "./ids.js";
import type { Node } from "./nodes.js";
import { emptyNode, newMapEntry, newSetEntry, seqEntry } from "./nodes.js";
import type { CrdtPath } from "./ops.js";
import { assign, mapSet } from "./journal.js";
import type { Policy } from "./spec.js";
import { childPolicy } from "./spec.js";

const STATE_MISMATCH = "CRDT path segment does not match reducer state";
const POLICY_MISMATCH = "CRDT path segment does not match its policy";

export function policyAtPath(policy: Policy, path: CrdtPath): Policy {
  let p = policy;
  for (const s of path) {
    if (s.kind === "key" && p.kind === "map") p = childPolicy(p, s.key);
    else if (s.kind === "member" && p.kind === "set") p = p.element;
    else if (s.kind === "element" && p.kind === "sequence") p = p.element;
    else throw new Error(POLICY_MISMATCH);
  }
  return p;
}

export function debugId(id: { dot: Dot; index: number }): string {
  return `ElementId { dot: Dot { counter: ${id.dot.counter}, replica: ${JSON.stringify(id.dot.replica)} }, index: ${id.index} }`;
}

export function debugDot(d: Dot): string {
  return `Dot { counter: ${d.counter}, replica: ${JSON.stringify(d.replica)} }`;
}

/** The node and policy at `path`; throws naming the first missing step. */
export function nodeAtPath(root: Node, policy: Policy, path: CrdtPath): [Node, Policy] {
  let node = root;
  let p = policy;
  for (const s of path) {
    if (s.kind === "key" && node.kind === "map" && p.kind === "map") {
      const entry = node.entries.get(s.key);
      if (!entry) throw new Error(`unknown map key ${JSON.stringify(s.key)}`);
      node = entry.node;
      p = childPolicy(p, s.key);
    } else if (s.kind === "member" && node.kind === "set" && p.kind === "set") {
      const entry = node.entries.get(s.key);
      if (!entry) throw new Error(`unknown set member ${JSON.stringify(s.key)}`);
      node = entry.node;
      p = p.element;
    } else if (s.kind === "element" && node.kind === "sequence" && p.kind === "sequence") {
      const child = node.entries.get(idKey(s.id))?.node;
      if (!child) throw new Error(`unknown sequence element ${debugId(s.id)}`);
      node = child;
      p = p.element;
    } else throw new Error(STATE_MISMATCH);
  }
  return [node, p];
}

/**
 * The node and policy at `path`, creating missing entries; each map entry passed gets `dot`, and
 * every node passed loses its cached value (the write below changes it). The target keeps its
 * cache: the caller updates or drops it.
 */
export function nodeAtPathMut(root: Node, policy: Policy, path: CrdtPath, dot: Dot): [Node, Policy] {
  let node = root;
  let p = policy;
  for (const s of path) {
    node.cache = undefined;
    if (s.kind === "key" && node.kind === "map" && p.kind === "map") {
      const cp = childPolicy(p, s.key);
      let entry = node.entries.get(s.key);
      if (!entry) mapSet(node.entries, s.key, (entry = newMapEntry(emptyNode(cp))));
      entry.dots.add(dot);
      node = entry.node;
      p = cp;
    } else if (s.kind === "member" && node.kind === "set" && p.kind === "set") {
      let entry = node.entries.get(s.key);
      if (!entry) mapSet(node.entries, s.key, (entry = newSetEntry(emptyNode(p.element))));
      node = entry.node;
      p = p.element;
    } else if (s.kind === "element" && node.kind === "sequence" && p.kind === "sequence") {
      const entry = seqEntry(node, s.id);
      if (entry.node === null) assign(entry, "node", emptyNode(p.element));
      node = entry.node!;
      p = p.element;
    } else throw new Error(STATE_MISMATCH);
  }
  return [node, p];
}

/** Whether a write at `path` would change a keyed set member's identity (refused: remove and add instead). */
export function mutatesSetIdentity(policy: Policy, path: CrdtPath): boolean {
  let p = policy;
  for (let i = 0; i < path.length; i++) {
    const s = path[i];
    if (s.kind === "key" && p.kind === "map") p = childPolicy(p, s.key);
    else if (s.kind === "member" && p.kind === "set") {
      if (p.keys.length === 0) return true;
      const rest: string[] = [];
      for (let j = i + 1; j < path.length; j++) {
        const r = path[j];
        if (r.kind !== "key") break;
        rest.push(r.key);
      }
      const prefix = (a: readonly string[], b: readonly string[]) => b.length <= a.length && b.every((x, k) => a[k] === x);
      if (p.keys.some((k) => prefix(k, rest) || prefix(rest, k))) return true;
      p = p.element;
    } else if (s.kind === "element" && p.kind === "sequence") p = p.element;
    else throw new Error(POLICY_MISMATCH);
  }
  return false;
}
