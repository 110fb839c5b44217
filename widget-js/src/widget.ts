/**
 * The anywidget front-end module (AFM): `export default { initialize, render }`, a thin adapter
 * from the widget's comm to the transport-free view: comm channel → `Client` → `renderModels`
 * (render-models.ts draws the models, rejects, pending edits and resyncs, and proposes edits).
 *
 * Each rendered view is its own mirror: it creates a Client, listens for custom messages, and then
 * says ready through its ViewChannel (src/channel.ts: the comm side — ready, frames as JSON text or
 * MessagePack buffers, patches broadcast once for every view, schemas and snapshots addressed to
 * one). A notebook saved with widget state is drawn first from its saved values, read-only with a
 * note, until the kernel answers. Edits go back as {"wire": "<proposal>", "view": id}; a view that goes
 * (cleaned up, or its page hidden for good: closed, reloaded) says {"closed": true, "view": id}.
 *
 * What only this adapter knows it tells the view: the widget state keys `read_only` (bool) and
 * `user` (the name other people see beside the field this person is on, on shared models); the
 * kernel's schemas; and that the kernel connection is lost (the model's comm_live_update with the
 * view marked disconnected, the comm closing, the model being destroyed, a send failing, or the
 * kernel's own status through the widget manager — see kernel-watch.ts), when a banner says plainly
 * that the kernel restarted and the cell must run again. The root element raises bubbling DOM
 * events `transports-change` and `transports-reject` (render-models.ts).
 */

import { ViewChannel, savedView } from "./channel.js";
import { Client, FrameError } from "./client.js";
import { watchKernel } from "./kernel-watch.js";
import { renderModels } from "./render-models.js";
import type { Schema } from "./schema.js";

export { CSS_TEXT } from "./render-models.js";

/** The part of anywidget's model that this module uses. */
export interface WidgetModel {
  get(name: string): unknown;
  on(event: string, cb: (...args: any[]) => void): void;
  off(event?: string | null, cb?: ((...args: any[]) => void) | null): void;
  send(content: unknown, callbacks?: unknown, buffers?: unknown[]): void;
}

/** What the banner says once the kernel connection is gone (a restart, a shutdown). */
export const LOST = "The kernel restarted or stopped — run the cell again. This view no longer updates and edits are not sent.";

function viewId(): string {
  const bytes = new Uint8Array(8);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** One view: its own Client and channel, drawn by renderModels. Returns the cleanup function. */
export function renderView(model: WidgetModel, el: HTMLElement): () => void {
  const win = (el.ownerDocument.defaultView ?? globalThis) as Window & typeof globalThis;
  const id = viewId();
  const client = new Client();
  const channel = new ViewChannel(model, id);
  let lost = false; // the kernel connection is gone
  let closed = false; // the comm closed or the model went away: for good

  const view = renderModels(
    client,
    el,
    (frame) => {
      try {
        channel.send(frame);
        return true;
      } catch (e) {
        // ipywidgets throws when the comm is gone (the kernel restarted): say so, lose nothing quietly.
        console.warn("[transports] could not send:", (e as Error).message);
        setLost(true);
        return false;
      }
    },
    { readOnly: model.get("read_only") === true, viewId: id, userName: typeof model.get("user") === "string" ? (model.get("user") as string) : undefined },
  );

  function setLost(gone: boolean): void {
    lost = gone;
    view.setOffline(gone ? LOST : saved !== null ? saved.note : null);
  }

  /** Tell the kernel this view wants its snapshots (again): {"ready": true, "view": id, "codec"?}. */
  function sayReady(): void {
    try {
      channel.ready();
    } catch (e) {
      console.warn("[transports] could not send:", (e as Error).message);
      setLost(true);
    }
  }

  /** {"schema": {"<model id>": <JSON Schema>}} (WIDGET-CONTRACT.md), kept per model by the view. */
  function takeSchemas(raw: unknown): void {
    let obj = raw; // a JSON object; text is accepted too, in case a kernel sends it as a string
    if (typeof raw === "string") {
      try {
        obj = JSON.parse(raw);
      } catch {
        return;
      }
    }
    if (obj === null || typeof obj !== "object") return;
    for (const [k, s] of Object.entries(obj as Record<string, unknown>)) {
      const mid = Number(k);
      if (Number.isSafeInteger(mid) && s !== null && typeof s === "object") view.setSchema(mid, s as Schema);
    }
  }

  const onMessage = (msg: unknown, buffers?: unknown[]) => {
    if (msg === null || typeof msg !== "object") return;
    const m = msg as { view?: unknown; schema?: unknown };
    if (m.schema !== undefined) {
      if (m.view === undefined || m.view === null || m.view === id) takeSchemas(m.schema);
      return;
    }
    const got = channel.frameOf(msg, buffers);
    if (got === null) return;
    try {
      client.recv(got.frame);
      view.showNotice(null);
      if (saved !== null && !got.broadcast) {
        saved = null; // the kernel answered: this view is live, not the saved copy
        if (!lost) view.setOffline(null);
      }
    } catch (e) {
      if (e instanceof FrameError && e.kind === "no-snapshot" && got.broadcast) {
        // A broadcast patch can overtake this view's first snapshot; the snapshot will cover it.
        console.debug("[transports]", e.message);
        return;
      }
      console.error("[transports] frame refused:", (e as Error).message);
      // A failed apply shows as the view's resync line; a frame no model can take shows here.
      if (!(e instanceof FrameError && e.kind === "apply")) view.showNotice(`A change from the kernel could not be applied: ${(e as Error).message}`);
      // The mirror may have missed a revision (it is marked for resync): ask again for fresh snapshots.
      sayReady();
    }
  };

  const onReadOnly = () => view.setReadOnly(model.get("read_only") === true);

  const onCommLive = () => {
    // ipywidgets marks the view element disconnected while the comm is not live; it may do so
    // after this listener runs, so look again once the event has gone round.
    const check = () => {
      const live = (model as { comm_live?: unknown }).comm_live;
      const dead = live === false || el.closest(".jupyter-widgets-disconnected") !== null;
      if (dead) setLost(true);
      else if (lost && !closed) setLost(false); // the comm is live again (not a restart)
    };
    check();
    win.setTimeout(check, 0);
  };
  const onClosed = () => {
    closed = true;
    setLost(true);
  };

  const unwatch = watchKernel(model, onClosed);
  model.on("msg:custom", onMessage);
  model.on("change:read_only", onReadOnly);
  model.on("comm_live_update", onCommLive);
  model.on("comm:close", onClosed);
  model.on("destroy", onClosed);
  // The last synced values saved with the notebook, shown read-only until the kernel answers.
  let saved = savedView(model);
  if (saved !== null && saved.frames.length > 0) {
    for (const f of saved.frames) {
      try {
        client.recv(f);
      } catch (e) {
        console.debug("[transports] a saved frame could not be shown:", (e as Error).message);
      }
    }
    view.setOffline(saved.note);
  } else saved = null;
  sayReady();

  // A closed or reloaded page never runs the cleanup below: say goodbye as the page goes.
  let goodbyeSent = false;
  const goodbye = () => {
    if (goodbyeSent || lost) return;
    goodbyeSent = true;
    try {
      channel.closed();
    } catch {
      // the comm is gone already: the kernel learns nothing more from this view anyway
    }
  };
  win.addEventListener("pagehide", goodbye);

  return () => {
    view.dispose(); // clears this view's presence while it can still be sent
    goodbye();
    win.removeEventListener("pagehide", goodbye);
    unwatch();
    model.off("msg:custom", onMessage);
    model.off("change:read_only", onReadOnly);
    model.off("comm_live_update", onCommLive);
    model.off("comm:close", onClosed);
    model.off("destroy", onClosed);
  };
}

export default {
  /** Nothing is shared between views: each view is its own mirror (see renderView). */
  initialize(_ctx: { model: WidgetModel }): void {},
  render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
    return renderView(model, el);
  },
};
