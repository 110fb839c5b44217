/**
 * The public surface of the transports mirror client, as one ES module: values and paths,
 * patches and diff, messages, the Client, the browser connections, and the view (renderModels).
 */

export type { Value, Tag, ListValue, MapValue } from "./value.js";
export { V, entry, tagOf, toValue, parseValue, valueText, equals, hash, compareKeys, sortedKeys, floatText, writeJson } from "./value.js";
export { parseJson } from "./json.js";
export type { Path, Segment } from "./path.js";
export { key, index, isKey, toPath, pathText, getAt } from "./path.js";
export type { Op, OpName, Patch } from "./patch.js";
export { Ops, apply, toOp, toPatch, opName, opPath, opsText } from "./patch.js";
export { diff } from "./diff.js";
export type { Message, Snapshot, PatchMessage, Reject, Ack, Batch, Unknown } from "./messages.js";
export { decodeFrame, decodeMessage, encodeMessage } from "./messages.js";
export type { Change, ChangeListener, RejectListener, Resync, ResyncListener, FrameErrorKind, Proposal } from "./client.js";
export { Client, FrameError, ProposalRejected, ProposalAbandoned } from "./client.js";
export type { Connection, ConnectOptions, Status, WebSocketLike, EventSourceLike } from "./connect.js";
export { connect, connectSSE, withBatch, withSince } from "./connect.js";
export type { ModelsView, Propose, RenderOptions } from "./render-models.js";
export { renderModels } from "./render-models.js";
export type { PeerPresence } from "./presence.js";
export { readPresence, SHARED_ID_FLOOR } from "./presence.js";
export { opsForEdit } from "./edit-ops.js";
export * as crdt from "./crdt/index.js";
export { bindCrdtText } from "./crdt-text.js";
export type { CrdtTextBinding, CrdtTextOptions } from "./crdt-text.js";
