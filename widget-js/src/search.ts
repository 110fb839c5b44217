/**
 * Finding fields of a model by name, path or value, over the model's value and schema (not the
 * DOM: most rows of a large model are not built). A field matches when its key contains the query,
 * when its scalar value's text contains it (case-insensitive both), or when its path ends with the
 * query read as a path — `items[41].name` and `items.41.name` alike. Matches come in the order the
 * form shows the fields (declaration order with a schema).
 */

import { scalarText } from "./activate.js";
import type { Path, Segment } from "./path.js";
import { isKey } from "./path.js";
import type { Node } from "./schema.js";
import { child } from "./schema.js";
import { childOrder } from "./layout-units.js";
import type { ListValue, MapValue, Value } from "./value.js";

/** At most this many matches are kept (the count says when there were more). */
export const MAX_MATCHES = 100_000;

/** A query read as a path: `items[41].name` → ["items", "41", "name"]; null when it is not one. */
export function pathQuery(q: string): string[] | null {
  if (!/[.[\]]/.test(q)) return null;
  const parts = q.replace(/\[(\d+)\]/g, ".$1").split(".").filter((s) => s.length > 0);
  return parts.length > 0 ? parts : null;
}

export interface Found {
  paths: Path[];
  /** True when more fields matched than MAX_MATCHES. */
  more: boolean;
}

/** The fields of `value` (schema `sch`) that match `query`, in display order. */
export function findFields(value: Value, sch: Node | null, query: string): Found {
  const q = query.trim().toLowerCase();
  const out: Path[] = [];
  if (q.length === 0) return { paths: out, more: false };
  const asPath = pathQuery(query.trim());
  const segs: Segment[] = [];
  let more = false;
  const endsWithPath = (): boolean => {
    if (!asPath || segs.length < asPath.length) return false;
    for (let i = 1; i <= asPath.length; i++) {
      const s = segs[segs.length - i];
      const text = isKey(s) ? s.Key : String(s.Index);
      if (text !== asPath[asPath.length - i]) return false;
    }
    return true;
  };
  const walk = (v: Value, n: Node | null): void => {
    if (out.length >= MAX_MATCHES) {
      more = true;
      return;
    }
    const last = segs[segs.length - 1];
    let hit = last !== undefined && isKey(last) && last.Key.toLowerCase().includes(q);
    const isContainer = typeof v === "object" && ("Map" in v || "List" in v);
    if (!hit && !isContainer && v !== "Null") {
      const b = (v as { Bool?: boolean }).Bool;
      const text = b !== undefined ? String(b) : scalarText(v);
      hit = text.toLowerCase().includes(q);
    }
    if (!hit && asPath) hit = endsWithPath();
    if (hit && segs.length > 0) out.push(segs.slice());
    if (!isContainer) return;
    const entries = (v as MapValue).Map;
    const items = (v as ListValue).List;
    const itemSch = items && n ? child(n, { Index: 0 }) : null;
    for (const s of childOrder(v, n)) {
      segs.push(s);
      walk(isKey(s) ? entries[s.Key] : items[s.Index], isKey(s) ? (n ? child(n, s) : null) : itemSch);
      segs.pop();
    }
  };
  walk(value, sch);
  return { paths: out, more };
}
