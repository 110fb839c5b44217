/**
 * Compaction: once every replica has seen everything up to a frontier (per replica, a counter),
 * metadata that only those operations needed can go — removed map and set entries whose removals
 * are all covered, and the payload of deleted sequence elements (the element id stays, so later
 * inserts can still anchor on it). Returns how many pieces were dropped, as the reference counts.
 */

import type { Dot } from "./ids.js";
import { INIT_REPLICA } from "./ids.js";
import type { Node } from "./nodes.js";
import { mapEntryVisible, setEntryActiveAdds } from "./nodes.js";
import type { Policy } from "./spec.js";
import { childPolicy } from "./spec.js";

export type Frontier = ReadonlyMap<string, number>;

export function dotCovered(dot: Dot, frontier: Frontier): boolean {
  return dot.replica === INIT_REPLICA || (frontier.get(dot.replica) ?? 0) >= dot.counter;
}

function allCovered(dots: Iterable<Dot>, frontier: Frontier): boolean {
  for (const d of dots) if (!dotCovered(d, frontier)) return false;
  return true;
}

export function compactNode(node: Node, policy: Policy, frontier: Frontier): number {
  node.cache = undefined;
  if (node.kind === "map" && policy.kind === "map") {
    let n = 0;
    for (const [key, entry] of node.entries) n += compactNode(entry.node, childPolicy(policy, key), frontier);
    for (const [key, entry] of [...node.entries]) {
      if (!mapEntryVisible(entry) && entry.removalOps.size > 0 && allCovered(entry.removalOps.values(), frontier)) {
        node.entries.delete(key);
        n++;
      }
    }
    return n;
  }
  if (node.kind === "set" && policy.kind === "set") {
    let n = 0;
    for (const entry of node.entries.values()) n += compactNode(entry.node, policy.element, frontier);
    for (const [key, entry] of [...node.entries]) {
      if (setEntryActiveAdds(entry).length === 0 && entry.removalOps.size > 0 && allCovered(entry.removalOps.values(), frontier)) {
        node.entries.delete(key);
        n++;
      }
    }
    return n;
  }
  if (node.kind === "sequence" && policy.kind === "sequence") {
    let n = 0;
    for (const [key, entry] of node.entries) {
      if (entry.node === null) continue;
      n += compactNode(entry.node, policy.element, frontier);
      const deletes = node.deletes.get(key);
      if (deletes && dotCovered(entry.id.dot, frontier) && allCovered(deletes.dots.values(), frontier)) {
        entry.node = null;
        n++;
      }
    }
    return n;
  }
  return 0;
}
