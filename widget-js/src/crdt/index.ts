/**
 * The CRDT reducer's public surface (schema-directed collaborative documents): specs, the
 * document, operation and state I/O, and edit helpers.
 */

export { CrdtSpec, specHashWebCrypto } from "./spec.js";
export type { Policy, Materialization } from "./spec.js";
export { CrdtDocument } from "./document.js";
export type { CrdtChange, CrdtEffect } from "./document.js";
export type { Dot, ElementId } from "./ids.js";
export { compareDots, dotKey } from "./ids.js";
export type { CrdtDelta, CrdtMutation, CrdtOp, CrdtPath, CrdtSegment, ValueForm } from "./ops.js";
export { opText, opsText, readMutation, readOp, readOps, readPath, writeDelta, writeOp } from "./ops.js";
export { deleteText, insertItems, insertText, removeItems, replaceText, setField, textIndex, utf16Offset } from "./edits.js";
export { serdeFloat, serdeValueText, plainToValue } from "./serde-json.js";
export { sha256Text } from "./sha256.js";
