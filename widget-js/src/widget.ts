/**
 * The anywidget front-end module (AFM): `export default { initialize, render }`.
 *
 * Each rendered view is its own mirror: it creates a Client, listens for custom messages, and
 * then sends {"ready": true, "view": "<random id>"}. The kernel treats each view id as a
 * connection, answers with snapshots for that view, and addresses frames as
 * {"wire": "<JSON text>", "view": "<id>"}; a frame without `view` is for every view, and a
 * view ignores frames addressed to another. Edits go back as {"wire": "<proposal>", "view": id}.
 *
 * The widget state key `read_only` (bool) disables every input and stops proposals. The root
 * element raises bubbling DOM events `transports-change` (detail: the accepted Change) and
 * `transports-reject` (detail: the reject message). A banner appears when the kernel
 * connection is lost (the model's comm_live_update with the view marked disconnected, or the
 * comm closing, or the model being destroyed).
 */

import { ViewChannel, savedView } from "./channel.js";
import type { Change } from "./client.js";
import { Client, FrameError } from "./client.js";
import { ModelForm } from "./form.js";
import type { Reject } from "./messages.js";
import type { Path } from "./path.js";
import { Ops, apply } from "./patch.js";
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
  const lastEdit = new Map<number, Path>(); // where a reject's error is shown
  const pending = new Map<number, Path>(); // edited field awaiting the server's answer
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
  const send = (wire: string) => channel.send(wire);

  const onEdit = (modelId: number, path: Path, leaf: Value) => {
    if (readOnly || lost) return;
    const current = client.value(modelId);
    if (current === undefined) return;
    try {
      const frame = client.edit(modelId, apply(current, [Ops.set(path, leaf)]));
      lastEdit.set(modelId, path);
      if (frame !== null) {
        pending.set(modelId, path);
        send(frame);
      }
      else forms.get(modelId)?.refresh(path, current);
    } catch (e) {
      forms.get(modelId)?.showError(path, (e as Error).message);
    }
  };

  client.onChange((c: Change) => {
    let form = forms.get(c.id);
    if (!form) {
      form = new ModelForm(doc, c.id, c.type, c.value, readOnly || lost, (p, v) => onEdit(c.id, p, v));
      forms.set(c.id, form);
      form.onFill = updateFilling;
      placeForm(form);
    } else {
      form.setType(c.type);
      form.applyOps(c.ops, c.value, c.previous);
    }
    updateFilling();
    const edited = pending.get(c.id);
    if (edited) {
      pending.delete(c.id);
      form.refresh(edited, c.value);
    }
    root.dispatchEvent(new EventCtor("transports-change", { detail: c, bubbles: true }));
  });

  client.onReject((r: Reject) => {
    const form = forms.get(r.id);
    const path = lastEdit.get(r.id) ?? null;
    const v = client.value(r.id);
    pending.delete(r.id);
    if (form && path && v !== undefined) form.refresh(path, v);
    form?.showError(path, r.error);
    if (!form) showNotice(`model ${r.id}: ${r.error}`);
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
    for (const f of forms.values()) f.setReadOnly(readOnly || lost);
  }

  const onMessage = (msg: unknown, buffers?: unknown[]) => {
    const got = channel.frameOf(msg, buffers);
    if (got === null) return;
    try {
      client.recv(got.frame);
      if (saved !== null && !got.broadcast) {
        saved = null; // the kernel answered: this view is live, not the saved copy
        showBanner(null);
      }
      showNotice(null);
    } catch (e) {
      if (e instanceof FrameError && e.kind === "no-snapshot" && got.broadcast) {
        // A broadcast patch can overtake this view's first snapshot; the snapshot will cover it.
        console.debug("[transports]", e.message);
        return;
      }
      console.error("[transports] frame refused:", (e as Error).message);
      showNotice(`A change from the kernel could not be applied: ${(e as Error).message}`);
      // The mirror may have missed a revision (it is marked for resync): ask again for fresh snapshots.
      channel.ready();
    }
  };

  const onReadOnly = () => {
    readOnly = model.get("read_only") === true;
    for (const f of forms.values()) f.setReadOnly(readOnly || lost);
  };

  const LOST = "Connection to the kernel lost: this view no longer updates and edits are not sent.";
  const onCommLive = () => {
    // ipywidgets marks each view element with this class while the comm is not live.
    const dead = el.closest(".jupyter-widgets-disconnected") !== null;
    showBanner(dead ? LOST : null);
  };
  const onClosed = () => showBanner(LOST);

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
  channel.ready();

  return () => {
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
