/**
 * Applying the ops of an accepted change to a form's tree of rendered fields: only the nodes at
 * an op's path are touched; list shifts rewrite the data-path and index label of the shifted
 * items; a record's new key goes to its place in declaration order (code-point order without a
 * schema). Throws when the tree disagrees with an op (the form then renders the value in full).
 */

import type { Field } from "./field.js";
import type { Op } from "./patch.js";
import { opName } from "./patch.js";
import type { Path, Segment } from "./path.js";
import { isKey, pathText } from "./path.js";
import type { Node } from "./schema.js";
import { keyOrder } from "./schema.js";
import type { Value } from "./value.js";
import { compareKeys, tagOf } from "./value.js";

/** What the op code needs from its form. */
export interface TreeHost {
  readonly doc: Document;
  root: Field;
  find(path: Path): Field | undefined;
  build(seg: Segment | null, value: Value, path: Path): Field;
  schemaAt(path: Path): Node | null;
  updateScalar(f: Field, v: Value): void;
}

export function must(h: TreeHost, path: Path): Field {
  const f = h.find(path);
  if (!f) throw new Error(`no field at ${pathText(path)}`);
  return f;
}

export function applyOp(h: TreeHost, op: Op): void {
  const name = opName(op);
  const b = (op as Record<string, Record<string, unknown>>)[name];
  const path = b.path as Path;
  switch (name) {
    case "Set": {
      const value = b.value as Value;
      if (path.length === 0) return replaceField(h, h.root, null, value);
      const parent = must(h, path.slice(0, -1));
      const last = path[path.length - 1];
      if (isKey(last)) {
        const existing = parent.keys?.get(last.Key);
        if (existing) replaceField(h, existing, parent, value);
        else addKey(h, parent, last.Key, value);
      } else {
        const existing = parent.items?.[last.Index];
        if (!existing) throw new Error("no such item");
        replaceField(h, existing, parent, value);
      }
      return;
    }
    case "Remove": {
      const parent = must(h, path.slice(0, -1));
      const k = (path[path.length - 1] as { Key: string }).Key;
      const f = parent.keys?.get(k);
      if (!f) throw new Error("no such key");
      f.row.remove();
      parent.keys!.delete(k);
      return;
    }
    case "Insert": {
      const list = listAt(h, path);
      const i = b.index as number;
      const f = h.build({ Index: i }, b.value as Value, [...path, { Index: i }]);
      const items = list.items!;
      list.control.insertBefore(f.row, items[i]?.row ?? null);
      items.splice(i, 0, f);
      repathItems(h, list, i + 1, items.length);
      return;
    }
    case "RemoveAt": {
      const list = listAt(h, path);
      const i = b.index as number;
      const [f] = list.items!.splice(i, 1);
      f.row.remove();
      repathItems(h, list, i, list.items!.length);
      return;
    }
    case "Move": {
      const list = listAt(h, path);
      const from = b.from as number;
      const to = b.to as number;
      if (from === to) return;
      const items = list.items!;
      const [f] = items.splice(from, 1);
      items.splice(to, 0, f);
      list.control.insertBefore(f.row, items[to + 1]?.row ?? null);
      repathItems(h, list, Math.min(from, to), Math.max(from, to) + 1);
      return;
    }
    case "Reorder": {
      const list = listAt(h, path);
      const order = b.order as number[];
      const old = list.items!;
      const next = order.map((k) => old[k]);
      list.items = next;
      const frag = h.doc.createDocumentFragment();
      for (const f of next) frag.append(f.row);
      list.control.append(frag);
      repathItems(h, list, 0, next.length);
      return;
    }
  }
}

export function listAt(h: TreeHost, path: Path): Field {
  const f = must(h, path);
  if (!f.items) throw new Error("not a list");
  return f;
}

export function replaceField(h: TreeHost, f: Field, parent: Field | null, value: Value): void {
  const kind = tagOf(value);
  if (kind === f.kind && kind !== "Map" && kind !== "List") {
    h.updateScalar(f, value);
    return;
  }
  const seg = f.path.length ? f.path[f.path.length - 1] : null;
  const next = h.build(seg, value, f.path);
  f.row.replaceWith(next.row);
  if (!parent) h.root = next;
  else if (seg && isKey(seg)) parent.keys!.set(seg.Key, next);
  else if (seg) parent.items![seg.Index] = next;
}

export function addKey(h: TreeHost, parent: Field, k: string, value: Value): void {
  if (!parent.keys) throw new Error("not a map");
  const f = h.build({ Key: k }, value, [...parent.path, { Key: k }]);
  const sch = h.schemaAt(parent.path);
  if (sch?.s.properties) {
    // A record's field: before the next field in declaration order that is shown.
    const order = keyOrder(sch, [...parent.keys.keys(), k]);
    const next = order.slice(order.indexOf(k) + 1).find((o) => parent.keys!.has(o));
    parent.control.insertBefore(f.row, next !== undefined ? parent.keys.get(next)!.row : null);
    parent.keys.set(k, f);
    return;
  }
  // Keep rows in code-point key order: insert before the first larger key.
  let before: HTMLElement | null = null;
  let bestKey: string | null = null;
  for (const [other, of] of parent.keys) {
    if (compareKeys(other, k) > 0 && (bestKey === null || compareKeys(other, bestKey) < 0)) {
      bestKey = other;
      before = of.row;
    }
  }
  parent.control.insertBefore(f.row, before);
  parent.keys.set(k, f);
}

/** Gives items [from, to) of a list their new index in path, label and data-path. */
export function repathItems(h: TreeHost, list: Field, from: number, to: number): void {
  const items = list.items!;
  for (let i = from; i < to && i < items.length; i++) {
    const f = items[i];
    if (!f) continue; // a windowed list's child that is not built
    const last = f.path[f.path.length - 1];
    if (!isKey(last) && last.Index === i) continue;
    if (f.label) f.label.textContent = String(i);
    repath(h, f, [...list.path, { Index: i }]);
  }
}

export function repath(h: TreeHost, f: Field, path: Path): void {
  f.path = path;
  f.control.setAttribute("data-path", pathText(path));
  if (f.keys) for (const [k, c] of f.keys) repath(h, c, [...path, { Key: k }]);
  if (f.items) f.items.forEach((c, i) => repath(h, c, [...path, { Index: i }]));
}
