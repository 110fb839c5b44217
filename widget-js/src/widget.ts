/**
 * The anywidget front-end module (AFM): `export default { initialize, render }`.
 *
 * Each rendered view is its own mirror: it creates a Client, listens for custom messages, and
 * then says ready through its ViewChannel (src/channel.ts: the comm side — ready, frames as JSON
 * text or MessagePack buffers, patches broadcast once for every view, schemas and snapshots
 * addressed to one). A notebook saved with widget state is drawn first from its saved values,
 * read-only with a note, until the kernel answers. Edits go back as {"wire": "<proposal>", "view": id}.
 *
 * The widget state key `read_only` (bool) disables every input and stops proposals. The root
 * element raises bubbling DOM events `transports-change` (detail: the accepted Change) and
 * `transports-reject` (detail: the reject message). When the kernel connection is lost (the
 * model's comm_live_update with the view marked disconnected, the comm closing, the model being
 * destroyed, a send failing, or the kernel's own status through the widget manager — see
 * kernel-watch.ts) the form is disabled and a
 * banner says plainly that the kernel restarted and the cell must run again. Edits go through
 * Proposals (src/proposals.ts): at most one in flight per field, the latest value always sent.
 */

import type { Change } from "./client.js";
import { ViewChannel, savedView } from "./channel.js";
import { Client, FrameError } from "./client.js";
import { ModelForm } from "./form.js";
import type { Reject } from "./messages.js";
import type { Path } from "./path.js";
import { displayPath } from "./path.js";
import { linesFor } from "./reject-lines.js";
import { Ops, apply } from "./patch.js";
import { watchKernel } from "./kernel-watch.js";
import { Proposals } from "./proposals.js";
import type { Schema } from "./schema.js";
import css from "./style.css";
import type { Value } from "./value.js";

/** The part of anywidget's model that this module uses. */
export interface WidgetModel {
  get(name: string): unknown;
  on(event: string, cb: (...args: any[]) => void): void;
  off(event?: string | null, cb?: ((...args: any[]) => void) | null): void;
  send(content: unknown, callbacks?: unknown, buffers?: unknown[]): void;
}

export const CSS_TEXT: string = css;
/** What the banner says once the kernel connection is gone (a restart, a shutdown). */
export const LOST = "The kernel restarted or stopped — run the cell again. This view no longer updates and edits are not sent.";
const STYLE_ID = "transports-widget-style";

function viewId(): string {
  const bytes = new Uint8Array(8);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function injectStyle(el: HTMLElement): void {
  const rootNode = el.getRootNode() as Document | ShadowRoot;
  const host: ParentNode | null = "head" in rootNode ? (rootNode as Document).head : (rootNode as ShadowRoot);
  const doc = el.ownerDocument;
  if (!host || (host as ParentNode).querySelector?.(`#${STYLE_ID}`) || doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = CSS_TEXT;
  (host as ParentNode).append(style);
}

/** One view: its own Client, its forms, its banner. Returns the cleanup function. */
export function renderView(model: WidgetModel, el: HTMLElement): () => void {
  const doc = el.ownerDocument;
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  const EventCtor = (win?.CustomEvent ?? CustomEvent) as typeof CustomEvent;
  const id = viewId();
  const client = new Client();
  const forms = new Map<number, ModelForm>();
  let readOnly = model.get("read_only") === true;
  let lost = false; // the kernel connection is gone: inputs are disabled too

  injectStyle(el);
  const root = doc.createElement("div");
  root.className = "tp-root";
  root.dataset.view = id;
  const banner = doc.createElement("div");
  banner.className = "tp-banner";
  banner.setAttribute("role", "status");
  banner.hidden = true;
  const notice = doc.createElement("div");
  notice.className = "tp-notice";
  notice.setAttribute("role", "alert");
  notice.hidden = true;
  const models = doc.createElement("div");
  models.className = "tp-models";
  root.append(banner, notice, models);
  el.append(root);

  const channel = new ViewChannel(model, id);
  const send = (wire: string): boolean => {
    try {
      channel.send(wire);
      return true;
    } catch (e) {
      // ipywidgets throws when the comm is gone (the kernel restarted): say so, lose nothing quietly.
      console.warn("[transports] could not send:", (e as Error).message);
      showBanner(LOST);
      return false;
    }
  };
  const win2 = win ?? (globalThis as unknown as Window);
  let proposalsSent = 0;
  const schemas = new Map<number, Schema>(); // per model, from the kernel (may never come)
  const proposals = new Proposals({
    send(modelId, path, leaf) {
      const current = client.value(modelId);
      const form = forms.get(modelId);
      if (current === undefined || readOnly || lost) return null;
      try {
        // Against the latest revision the mirror holds; the proposal carries an id the kernel answers.
        const p = client.propose(modelId, apply(current, [Ops.set(path, leaf)]));
        if (p === null) {
          form?.settle(path, current);
          return null;
        }
        if (!send(p.frame)) {
          client.abandon(p.id, "the kernel connection is gone");
          form?.refused(path, "not sent: the kernel connection is gone", current);
          return null;
        }
        root.dataset.proposals = String(++proposalsSent); // read by the benchmarks
        return p;
      } catch (e) {
        form?.refused(path, (e as Error).message, current);
        return null;
      }
    },
    expired(modelId, path) {
      const v = client.value(modelId);
      if (v !== undefined) forms.get(modelId)?.settle(path, v);
    },
    setTimeout: (fn, ms) => win2.setTimeout(fn, ms),
    clearTimeout: (t) => win2.clearTimeout(t as number),
  });

  const onEdit = (modelId: number, path: Path, leaf: Value) => {
    if (readOnly || lost) return;
    proposals.propose(modelId, path, leaf);
  };

  client.onChange((c: Change) => {
    let form = forms.get(c.id);
    if (!form) {
      form = new ModelForm(doc, c.id, c.type, c.value, readOnly || lost, (p, v) => onEdit(c.id, p, v), schemas.get(c.id) ?? null);
      forms.set(c.id, form);
      form.onFill = updateFilling;
      placeForm(form);
    } else {
      form.setType(c.type);
      form.applyOps(c.ops, c.value, c.previous);
    }
    updateFilling();
    root.dispatchEvent(new EventCtor("transports-change", { detail: c, bubbles: true }));
  });

  client.onReject((r: Reject) => {
    const form = forms.get(r.id);
    const v = client.value(r.id);
    const path = proposals.rejected(r.id, r.error, r.proposal);
    if (form && path && v !== undefined) {
      // Bean Validation may name several fields: this one gets its lines, the rest show on the model.
      const { mine, others } = linesFor(r.error, displayPath(path));
      // A newer value of the person's may already be on its way: keep showing it, with the reason.
      if (proposals.busy(r.id, path)) form.showError(path, mine);
      else form.refused(path, mine, v);
      if (others) form.showError(null, others);
    } else if (form) form.showError(null, r.error);
    else showNotice(`model ${r.id}: ${r.error}`);
    root.dispatchEvent(new EventCtor("transports-reject", { detail: r, bubbles: true }));
  });

  /** The root carries tp-filling while large lists are still being filled in the background. */
  function updateFilling(): void {
    let any = false;
    for (const f of forms.values()) any ||= f.filling;
    root.classList.toggle("tp-filling", any);
  }

  function placeForm(form: ModelForm): void {
    // Keep models in id order.
    let before: Element | null = null;
    for (const other of Array.from(models.children)) {
      if (Number((other as HTMLElement).dataset.id) > form.id) {
        before = other;
        break;
      }
    }
    models.insertBefore(form.section, before);
  }

  function showNotice(text: string | null): void {
    if (text === null && notice.hidden) return;
    notice.textContent = text ?? "";
    notice.hidden = text === null;
  }

  function showBanner(text: string | null): void {
    banner.textContent = text ?? "";
    banner.hidden = text === null;
    root.classList.toggle("tp-disconnected", text !== null);
    lost = text !== null;
    if (lost) {
      proposals.clear();
      client.abandonPending("the kernel connection is gone");
    }
    for (const f of forms.values()) f.setReadOnly(readOnly || lost);
  }

  /** Tell the kernel this view wants its snapshots (again): {"ready": true, "view": id, "codec"?}. */
  function sayReady(): void {
    try {
      channel.ready();
    } catch (e) {
      console.warn("[transports] could not send:", (e as Error).message);
      showBanner(LOST);
    }
  }

  /** {"schema": {"<model id>": <JSON Schema>}} (WIDGET-CONTRACT.md): kept per model, forms rebuilt. */
  function takeSchemas(raw: unknown): void {
    // A JSON object; text is accepted too, in case a kernel sends it as a string.
    let obj = raw;
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
      if (!Number.isSafeInteger(mid) || s === null || typeof s !== "object") continue;
      schemas.set(mid, s as Schema);
      const form = forms.get(mid);
      const v = client.value(mid);
      if (form && v !== undefined) form.setSchema(s as Schema, v);
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
      showNotice(null);
      if (saved !== null && !got.broadcast) {
        saved = null; // the kernel answered: this view is live, not the saved copy
        showBanner(null);
      }
    } catch (e) {
      if (e instanceof FrameError && e.kind === "no-snapshot" && got.broadcast) {
        // A broadcast patch can overtake this view's first snapshot; the snapshot will cover it.
        console.debug("[transports]", e.message);
        return;
      }
      console.error("[transports] frame refused:", (e as Error).message);
      showNotice(`A change from the kernel could not be applied: ${(e as Error).message}`);
      // The mirror may have missed a revision (it is marked for resync): ask again for fresh snapshots.
      sayReady();
    }
  };

  const onReadOnly = () => {
    readOnly = model.get("read_only") === true;
    for (const f of forms.values()) f.setReadOnly(readOnly || lost);
  };

  const onCommLive = () => {
    // ipywidgets marks the view element disconnected while the comm is not live; it may do so
    // after this listener runs, so look again once the event has gone round.
    const check = () => {
      const live = (model as { comm_live?: unknown }).comm_live;
      const dead = live === false || el.closest(".jupyter-widgets-disconnected") !== null;
      if (dead) showBanner(LOST);
      else if (lost && !closed) showBanner(null); // the comm is live again (not a restart)
    };
    check();
    win2.setTimeout(check, 0);
  };
  let closed = false; // the comm closed or the model went away: for good
  const onClosed = () => {
    closed = true;
    showBanner(LOST);
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
    showBanner(saved.note);
  } else saved = null;
  sayReady();

  return () => {
    unwatch();
    model.off("msg:custom", onMessage);
    model.off("change:read_only", onReadOnly);
    model.off("comm_live_update", onCommLive);
    model.off("comm:close", onClosed);
    model.off("destroy", onClosed);
    for (const f of forms.values()) f.dispose();
    root.remove();
  };
}

export default {
  /** Nothing is shared between views: each view is its own mirror (see renderView). */
  initialize(_ctx: { model: WidgetModel }): void {},
  render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
    return renderView(model, el);
  },
};
