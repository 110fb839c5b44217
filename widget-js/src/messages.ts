/**
 * The protocol messages (snapshot, patch, reject) and their JSON frames: decoding a frame into
 * a checked message, and writing a message as compact JSON text. A frame whose `t` is not one
 * of the three known kinds decodes to an `Unknown` message so callers can ignore it.
 */

import { parseJson } from "./json.js";
import type { Patch } from "./patch.js";
import { toPatch, writeOp } from "./patch.js";
import type { Value } from "./value.js";
import { toValue, writeJson, writeValue } from "./value.js";

export interface Snapshot {
  readonly t: "snapshot";
  readonly id: number;
  readonly type: string;
  readonly rev: number;
  readonly value: Value;
}

export interface PatchMessage {
  readonly t: "patch";
  readonly id: number;
  readonly patch: Patch;
}

export interface Reject {
  readonly t: "reject";
  readonly id: number;
  readonly rev: number;
  readonly error: string;
}

export interface Unknown {
  readonly t: string;
  readonly [field: string]: unknown;
}

export type Message = Snapshot | PatchMessage | Reject;

function isCount(x: unknown): x is number {
  return typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
}

function modelId(r: Record<string, unknown>): number {
  const id = r.id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) {
    throw new Error(`message 'id' must be a positive integer, got ${JSON.stringify(id) ?? String(id)}`);
  }
  return id;
}

/** Decodes one JSON frame. Throws an Error saying what is wrong. */
export function decodeFrame(text: string): Message | Unknown {
  let raw: unknown;
  try {
    raw = parseJson(text);
  } catch (e) {
    throw new Error(`frame is not valid JSON: ${(e as Error).message}`);
  }
  return decodeMessage(raw);
}

/** Checks an already parsed message object. */
export function decodeMessage(raw: unknown): Message | Unknown {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new Error("a message must be a JSON object");
  const r = raw as Record<string, unknown>;
  if (typeof r.t !== "string") throw new Error("a message needs a string field 't'");
  switch (r.t) {
    case "snapshot": {
      const id = modelId(r);
      if (typeof r.type !== "string") throw new Error("snapshot 'type' must be a string");
      if (!isCount(r.rev)) throw new Error("snapshot 'rev' must be a non-negative integer");
      let value: Value;
      try {
        value = toValue(r.value);
      } catch (e) {
        throw new Error(`snapshot value: ${(e as Error).message}`);
      }
      return { t: "snapshot", id, type: r.type, rev: r.rev, value };
    }
    case "patch": {
      const id = modelId(r);
      return { t: "patch", id, patch: toPatch(r.patch) };
    }
    case "reject": {
      const id = modelId(r);
      if (!isCount(r.rev)) throw new Error("reject 'rev' must be a non-negative integer");
      if (typeof r.error !== "string") throw new Error("reject 'error' must be a string");
      return { t: "reject", id, rev: r.rev, error: r.error };
    }
    default:
      return { ...r, t: r.t };
  }
}

/** Writes a message as compact JSON text (values canonical, fields in protocol order). */
export function encodeMessage(m: Message | Unknown): string {
  const out: string[] = [];
  switch (m.t) {
    case "snapshot": {
      const s = m as Snapshot;
      out.push(`{"t":"snapshot","id":${s.id},"type":${JSON.stringify(s.type)},"rev":${s.rev},"value":`);
      writeValue(s.value, out, "");
      out.push("}");
      break;
    }
    case "patch": {
      const p = m as PatchMessage;
      out.push(`{"t":"patch","id":${p.id},"patch":{"rev":${p.patch.rev},"ops":[`);
      p.patch.ops.forEach((op, i) => {
        if (i) out.push(",");
        writeOp(op, out);
      });
      out.push("]}}");
      break;
    }
    case "reject": {
      const j = m as Reject;
      out.push(`{"t":"reject","id":${j.id},"rev":${j.rev},"error":${JSON.stringify(j.error)}}`);
      break;
    }
    default:
      out.push(writeJson(m));
  }
  return out.join("");
}
