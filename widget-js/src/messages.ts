/**
 * The protocol messages (snapshot, patch, reject, ack, awareness, batch) and their JSON frames: decoding a frame
 * into a checked message, and writing a message as compact JSON text (docs/protocol.md). A frame
 * whose `t` is not one of the known kinds decodes to an `Unknown` message so callers can ignore it.
 * `proposal` is the optional id of a client's proposal, returned only to that client.
 * CRDT-backed models add `crdt_snapshot` (spec and reducer state), `crdt` (dotted operations, with
 * plain JSON values as the reference's peers send them) and `crdt_ops` on a reject.
 */

import type { Count } from "./fields.js";
import { describe, isObject, need, readCount, readId, validText } from "./fields.js";
import { JsonFloat, readFrameJson } from "./json.js";
import type { Patch } from "./patch.js";
import { toPatch, writeOp } from "./patch.js";
import type { Value } from "./value.js";
import { toValue, writeJson, writeValue } from "./value.js";
import type { CrdtOp } from "./crdt/ops.js";
import { readDot, readOp, readOps, writeDot, writeOp as writeCrdtOp } from "./crdt/ops.js";
import type { Dot } from "./crdt/ids.js";
import { CrdtSpec } from "./crdt/spec.js";

export interface Snapshot {
  readonly t: "snapshot";
  readonly id: number;
  readonly type: string;
  readonly rev: Count;
  readonly value: Value;
}

export interface PatchMessage {
  readonly t: "patch";
  readonly id: number;
  readonly patch: Patch;
  /** The proposal this patch answers (on the proposer's copy of the echo, or on a proposal). */
  readonly proposal?: string;
}

export interface Reject {
  readonly t: "reject";
  readonly id: number;
  readonly rev: Count;
  readonly error: string;
  /** The refused proposal's id, when it had one. */
  readonly proposal?: string;
  /**
   * The refused CRDT operations, when the refused frame was a `crdt` proposal: whole operations, or
   * just `{dot}` for one this client cannot read (what settling needs is the dot).
   */
  readonly crdt_ops?: readonly (CrdtOp | { readonly dot: Dot })[];
}

/** A CRDT-backed model for a joining or reconnecting replica: its value, spec and reducer state. */
export interface CrdtSnapshot {
  readonly t: "crdt_snapshot";
  readonly id: number;
  readonly type: string;
  readonly rev: Count;
  readonly value: Value;
  readonly spec: CrdtSpec;
  /** The reducer state as parsed; the CRDT mirror reads it against `spec`. */
  readonly state: unknown;
}

/** Dotted CRDT operations: a client's proposal (rev 0) or the server's echo at the shared revision. */
export interface CrdtMessage {
  readonly t: "crdt";
  readonly id: number;
  readonly rev: Count;
  readonly ops: readonly CrdtOp[];
  readonly proposal?: string;
}

/** An accepted proposal that changed nothing; `rev` is the model's current revision. */
export interface Ack {
  readonly t: "ack";
  readonly id: number;
  readonly rev: Count;
  readonly proposal: string;
}

/**
 * Ephemeral per-peer state on a shared model (docs/protocol.md "Awareness"): plain JSON, not a tagged
 * value; `state` null removes it. A client sends it without `peer`; the hub adds the id it assigned.
 */
export interface Awareness {
  readonly t: "awareness";
  readonly id: number;
  readonly state: unknown;
  readonly peer?: string;
}

export interface Unknown {
  readonly t: string;
  readonly [field: string]: unknown;
}

/**
 * Several messages of one flush in one frame, sent only to a connection that asked with `batch=1`
 * (docs/protocol.md "Batch frames"). Never holds a batch; may hold messages of unknown kinds.
 */
export interface Batch {
  readonly t: "batch";
  readonly msgs: readonly (Snapshot | PatchMessage | Reject | Ack | Awareness | CrdtSnapshot | CrdtMessage | Unknown)[];
}

export type Message = Snapshot | PatchMessage | Reject | Ack | Awareness | CrdtSnapshot | CrdtMessage | Batch;

/** The optional `proposal` field: absent or null is none; anything else must be a string. */
function readProposal(raw: Record<string, unknown>): { proposal?: string } {
  const p = raw.proposal;
  if (p === undefined || p === null) return {};
  if (typeof p !== "string") throw new Error(`proposal: expected a string, got ${describe(p)}`);
  return { proposal: validText(p, "proposal") };
}

/**
 * Awareness state as plain JS data: the frame reader keeps number literals exact (JsonFloat, bigint)
 * for model values, but awareness state is plain JSON, so it gets ordinary numbers (an integer past
 * 2^53 loses digits, as in any browser's JSON.parse).
 */
function plainState(raw: unknown): unknown {
  if (raw instanceof JsonFloat) return raw.value;
  if (typeof raw === "bigint") return Number(raw);
  if (Array.isArray(raw)) return raw.map(plainState);
  if (raw !== null && typeof raw === "object") {
    const out: Record<string, unknown> = Object.create(null); // "__proto__" stays a key, as in the frame
    for (const [k, v] of Object.entries(raw)) out[k] = plainState(v);
    return out;
  }
  return raw;
}

/** Decodes one JSON frame. Throws an Error saying what is wrong, in the Java codec's words. */
export function decodeFrame(text: string): Message | Unknown {
  return decodeMessage(readFrameJson(text));
}

/**
 * Checks an already parsed message object. Unknown fields are ignored; a message with an
 * unknown `t` decodes to just `{t}` (its other fields are not checked), so it can be ignored.
 */
export function decodeMessage(raw: unknown): Message | Unknown {
  if (!isObject(raw)) throw new Error(`expected a message object, got ${describe(raw)}`);
  const t = need(raw, "t", "");
  if (typeof t !== "string") throw new Error(`t: expected a string, got ${describe(t)}`);
  validText(t, "t");
  switch (t) {
    case "snapshot": {
      for (const f of ["id", "type", "rev", "value"]) need(raw, f, "");
      const id = readId(raw.id, "id");
      if (typeof raw.type !== "string") throw new Error(`type: expected a string, got ${describe(raw.type)}`);
      const rev = readCount(raw.rev, "rev");
      validText(raw.type, "type");
      return { t: "snapshot", id, type: raw.type, rev, value: toValue(raw.value, "value") };
    }
    case "patch": {
      for (const f of ["id", "patch"]) need(raw, f, "");
      const id = readId(raw.id, "id");
      return { t: "patch", id, patch: toPatch(raw.patch, "patch"), ...readProposal(raw) };
    }
    case "reject": {
      for (const f of ["id", "rev", "error"]) need(raw, f, "");
      // id 0: the reject answers a frame that named no model (a malformed frame).
      const id = raw.id === 0 ? 0 : readId(raw.id, "id");
      const rev = readCount(raw.rev, "rev");
      if (typeof raw.error !== "string") throw new Error(`error: expected a string, got ${describe(raw.error)}`);
      const refused = raw.crdt_ops === undefined || raw.crdt_ops === null ? {} : { crdt_ops: readRefused(raw.crdt_ops) };
      return { t: "reject", id, rev, error: validText(raw.error, "error"), ...readProposal(raw), ...refused };
    }
    case "ack": {
      for (const f of ["id", "rev", "proposal"]) need(raw, f, "");
      const id = raw.id === 0 ? 0 : readId(raw.id, "id");
      const rev = readCount(raw.rev, "rev");
      const { proposal } = readProposal(raw);
      if (proposal === undefined) throw new Error("ack message: missing field 'proposal'");
      return { t: "ack", id, rev, proposal };
    }
    case "batch": {
      need(raw, "msgs", "");
      if (!Array.isArray(raw.msgs)) throw new Error(`msgs: expected a list of messages, got ${describe(raw.msgs)}`);
      const msgs = raw.msgs.map((inner, i) => {
        let m: Message | Unknown;
        try {
          m = decodeMessage(inner);
        } catch (e) {
          throw new Error(`msgs[${i}]: ${(e as Error).message}`);
        }
        if (m.t === "batch") throw new Error(`msgs[${i}]: a batch may not hold a batch`);
        return m as Exclude<Message, Batch> | Unknown;
      });
      return { t: "batch", msgs };
    }
    case "awareness": {
      for (const f of ["id", "state"]) need(raw, f, "");
      const id = readId(raw.id, "id");
      const peer = raw.peer;
      const state = plainState(raw.state);
      if (peer === undefined || peer === null) return { t: "awareness", id, state };
      if (typeof peer !== "string") throw new Error(`peer: expected a string, got ${describe(peer)}`);
      return { t: "awareness", id, state, peer: validText(peer, "peer") };
    }
    case "crdt_snapshot": {
      for (const f of ["id", "type", "rev", "value", "spec", "state"]) need(raw, f, "");
      const id = readId(raw.id, "id");
      if (typeof raw.type !== "string") throw new Error(`type: expected a string, got ${describe(raw.type)}`);
      const rev = readCount(raw.rev, "rev");
      let spec: CrdtSpec;
      try {
        spec = CrdtSpec.fromDict(raw.spec);
      } catch (e) {
        throw new Error(`spec: ${(e as Error).message}`);
      }
      return { t: "crdt_snapshot", id, type: validText(raw.type, "type"), rev, value: toValue(raw.value, "value"), spec, state: raw.state };
    }
    case "crdt": {
      for (const f of ["id", "ops"]) need(raw, f, "");
      const id = readId(raw.id, "id");
      const rev = raw.rev === undefined ? 0 : readCount(raw.rev, "rev");
      return { t: "crdt", id, rev, ops: readOps(raw.ops, "ops", "plain"), ...readProposal(raw) };
    }
    default:
      return { t };
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
      out.push("]}");
      if (p.proposal !== undefined) out.push(`,"proposal":${JSON.stringify(p.proposal)}`);
      out.push("}");
      break;
    }
    case "reject": {
      const j = m as Reject;
      out.push(`{"t":"reject","id":${j.id},"rev":${j.rev},"error":${JSON.stringify(j.error)}`);
      if (j.proposal !== undefined) out.push(`,"proposal":${JSON.stringify(j.proposal)}`);
      if (j.crdt_ops !== undefined) writeCrdtOps("crdt_ops", j.crdt_ops, out);
      out.push("}");
      break;
    }
    case "ack": {
      const a = m as Ack;
      out.push(`{"t":"ack","id":${a.id},"rev":${a.rev},"proposal":${JSON.stringify(a.proposal)}}`);
      break;
    }
    case "batch": {
      const b = m as Batch;
      out.push(`{"t":"batch","msgs":[`);
      b.msgs.forEach((inner, i) => {
        if (i) out.push(",");
        out.push(encodeMessage(inner));
      });
      out.push("]}");
      break;
    }
    case "awareness": {
      const a = m as Awareness;
      out.push(`{"t":"awareness","id":${a.id},"state":${JSON.stringify(a.state ?? null)}`);
      if (a.peer !== undefined) out.push(`,"peer":${JSON.stringify(a.peer)}`);
      out.push("}");
      break;
    }
    case "crdt": {
      const c = m as CrdtMessage;
      out.push(`{"t":"crdt","id":${c.id},"rev":${c.rev}`);
      writeCrdtOps("ops", c.ops, out);
      if (c.proposal !== undefined) out.push(`,"proposal":${JSON.stringify(c.proposal)}`);
      out.push("}");
      break;
    }
    default:
      out.push(writeJson(m));
  }
  return out.join("");
}

function writeCrdtOps(name: string, ops: readonly (CrdtOp | { readonly dot: Dot })[], out: string[]): void {
  out.push(`,"${name}":[`);
  ops.forEach((op, i) => {
    if (i) out.push(",");
    if ("kind" in op) writeCrdtOp(op, out, "plain");
    else {
      out.push('{"dot":');
      writeDot(op.dot, out);
      out.push("}");
    }
  });
  out.push("]");
}

/**
 * A reject's refused operations, read leniently: the server may be refusing an operation precisely
 * because it is malformed, and the reject must still settle what it can (by dot) rather than fail.
 */
function readRefused(raw: unknown): (CrdtOp | { readonly dot: Dot })[] {
  if (!Array.isArray(raw)) throw new Error(`crdt_ops: expected a list, got ${describe(raw)}`);
  const out: (CrdtOp | { readonly dot: Dot })[] = [];
  raw.forEach((item, i) => {
    try {
      out.push(readOp(item, `crdt_ops[${i}]`, "plain"));
    } catch {
      try {
        if (isObject(item)) out.push({ dot: readDot(item.dot, `crdt_ops[${i}].dot`) });
      } catch {
        // no readable dot: nothing of ours to settle
      }
    }
  });
  return out;
}
