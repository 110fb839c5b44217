/**
 * A notebook view's side of the widget comm: saying ready, sending proposals, and picking out of
 * the widget's custom messages the frames this view should apply.
 *
 * All views of a widget listen on its one comm. The kernel addresses snapshots, schemas and rejects
 * to one view (`view: id`) and sends a patch that every view gets once, without `view`. A view asks
 * for MessagePack in its ready message (`codec: "msgpack"`); a kernel that speaks it answers with
 * `{"codec": "msgpack", "view"?: id}` and the frame's bytes in the message's one buffer, and sends its
 * broadcasts once per codec — so a view applies broadcasts in the codec its own snapshots came in
 * and ignores the other copy. A kernel that ignores `codec` sends JSON text (`{"wire": text}`), which
 * is then what the view applies. docs/protocol.md "Channels" has the wire format.
 */

import { bufferBytes } from "./msgpack.js";

/** The part of anywidget's model the channel uses. */
export interface ChannelModel {
  send(content: unknown, callbacks?: unknown, buffers?: unknown[]): void;
}

/** A frame for this view, and whether it was sent to every view (a broadcast). */
export interface ViewFrame {
  readonly frame: string | Uint8Array;
  readonly broadcast: boolean;
}

export class ViewChannel {
  /** The codec the kernel uses for this view, learned from its addressed frames; null until then. */
  private kernelCodec: "json" | "msgpack" | null = null;

  constructor(
    private readonly model: ChannelModel,
    readonly id: string,
    private readonly binary = typeof TextDecoder === "function",
  ) {}

  /** Asks the kernel for fresh snapshots of every model (on render, and to resync). */
  ready(): void {
    this.kernelCodec = null;
    this.model.send(this.binary ? { ready: true, view: this.id, codec: "msgpack" } : { ready: true, view: this.id });
  }

  /** Tells the kernel this view is gone, so it closes the view's connection (and a hub clears its presence). */
  closed(): void {
    this.model.send({ closed: true, view: this.id });
  }

  /** Sends a proposal (JSON text). */
  send(wire: string): void {
    this.model.send({ wire, view: this.id });
  }

  /** The frame this view should apply from a custom message, or null (not a frame, or not for it). */
  frameOf(msg: unknown, buffers?: readonly unknown[]): ViewFrame | null {
    if (msg === null || typeof msg !== "object") return null;
    const m = msg as { wire?: unknown; view?: unknown; codec?: unknown };
    const broadcast = m.view === undefined || m.view === null;
    if (!broadcast && m.view !== this.id) return null;
    if (typeof m.wire === "string") {
      if (broadcast && this.kernelCodec === "msgpack") return null; // our copy comes as bytes
      if (!broadcast && this.kernelCodec === null && m.wire.startsWith('{"t":"snapshot"')) this.kernelCodec = "json";
      return { frame: m.wire, broadcast };
    }
    if (m.codec === "msgpack") {
      const bytes = buffers && buffers.length > 0 ? bufferBytes(buffers[0]) : null;
      if (bytes === null) return null;
      if (broadcast && this.kernelCodec === "json") return null; // our copy comes as text
      if (!broadcast) this.kernelCodec = "msgpack";
      return { frame: bytes, broadcast };
    }
    return null;
  }
}

/** The last values the kernel kept in the widget state (`saved`), for a view drawn without a kernel. */
export interface SavedView {
  /** Snapshot frames (JSON text), one per model. */
  readonly frames: readonly string[];
  /** The note the view shows while it shows them. */
  readonly note: string;
}

/**
 * The saved values in the widget state, or null. A view shows them read-only at once, with a note,
 * and drops the note when the kernel's own snapshot arrives; when the kernel that made the widget is
 * gone (a saved notebook reopened), that never happens and the view stays as it was last synced.
 */
export function savedView(model: { get(name: string): unknown }): SavedView | null {
  const s = model.get("saved") as { frames?: unknown; at?: unknown; omitted?: unknown } | null | undefined;
  if (s === null || typeof s !== "object" || !Array.isArray(s.frames)) return null;
  const frames = s.frames.filter((f): f is string => typeof f === "string");
  const at = typeof s.at === "string" ? ` at ${s.at.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC")}` : "";
  const omitted = typeof s.omitted === "number" && s.omitted > 0 ? ` (${s.omitted} model(s) too large to save are not shown)` : "";
  return {
    frames,
    note: `Saved view: the values last synced${at}${omitted}, read-only. Waiting for the kernel that made this widget; run its cell again to get a live view.`,
  };
}
