/**
 * The ops a person's edit is proposed as, so a proposal carries exactly what they changed. The
 * form hands over the path it edited and the value now wanted there: a typed value is one `Set`
 * of that path, as it is; a structural edit hands over the container after the edit (an item
 * added, moved or removed, a key added, renamed or removed), and the ops are those between the
 * container before and after, at the container's path (Insert, RemoveAt, Move, Remove + Set, ...).
 * Nothing outside the edited path is looked at, and the whole value is never applied and diffed.
 */

import { walk } from "./diff.js";
import type { Op } from "./patch.js";
import { Ops } from "./patch.js";
import type { Path, Segment } from "./path.js";
import { getAt } from "./path.js";
import type { Value } from "./value.js";
import { equals, tagOf } from "./value.js";

/** The ops that set `path` of `current` to `value`; empty when it holds that value already. */
export function opsForEdit(current: Value, path: Path, value: Value): Op[] {
  const before = getAt(current, path);
  if (before === undefined) return [Ops.set(path, value)]; // a new map key
  const tag = tagOf(value);
  if (tag !== "List" && tag !== "Map") return equals(before, value) ? [] : [Ops.set(path, value)];
  const ops: Op[] = [];
  walk(before, value, [...path] as Segment[], ops);
  return ops;
}
