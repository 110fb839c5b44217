/**
 * The view, apart from any transport: `renderModels(client, element, propose)` draws every model a
 * `Client` mirrors into `element` (one form per model, in id order), follows the client's changes,
 * shows its rejects next to the fields they name, marks fields whose proposal is pending, says when
 * a mirror needs a fresh snapshot (resync), and sends the person's edits as proposal frames through
 * `propose` — whatever carries them: the notebook widget's comm (widget.ts), a WebSocket from
 * `connect()` (the connections demo page), anything else. The transport tells the view what only it
 * knows through the returned handle: read-only, offline (the kernel or the connection is gone, or
 * the values shown are a saved copy), schemas, and notices.
 *
 * An edit is proposed as the ops the person made (edit-ops.ts): a typed value is one `Set` of its
 * path; a structural edit (an item added, moved or removed, a key renamed) is the ops between the
 * container before and after, at the container's path — never the whole value applied and diffed
 * back. At most one proposal per field is in flight (proposals.ts).
 *
 * A CRDT-backed model (it arrived as `crdt_snapshot`) is edited through the client's CRDT path
 * instead (crdt-form-edits.ts): a text field of a string `sequence` sends a splice with every
 * keystroke, and text from other writers lands without moving the caret off what the person was
 * typing next to; a list's items added or removed go as one splice; other fields as register or
 * map writes. Such edits apply at once and are kept while offline (the inputs stay enabled) and
 * sent again when the view is back online. A quiet status line under the model counts the edits
 * not yet confirmed and says why the last refused one was refused.
 *
 * On a shared model (a hub's, id at or above 2^40) the view shows who else is on which field and
 * tells the others where this person is (presence.ts); `userName` is the name they see.
 */

import type { Change, Client, Proposal } from "./client.js";
import { crdtMutationsForEdit, crdtPathOf, isCrdtText } from "./crdt-form-edits.js";
import { anchorCaret, placeCaret } from "./crdt-caret.js";
import type { CaretAnchor } from "./crdt-caret.js";
import type { CrdtPath } from "./crdt/ops.js";
import { changedMiddle, moveCaret } from "./crdt-text.js";
import { opsForEdit } from "./edit-ops.js";
import { ModelForm } from "./form.js";
import type { Reject } from "./messages.js";
import type { Path } from "./path.js";
import { displayPath, getAt } from "./path.js";
import { Presence } from "./presence.js";
import { Proposals } from "./proposals.js";
import { linesFor } from "./reject-lines.js";
import type { Schema } from "./schema.js";
import css from "./style.css";
import type { Value } from "./value.js";

/**
 * Sends one frame (JSON text) over the page's transport; false when it could not go out. `proposal`
 * is absent for a CRDT frame (its operations stay queued in the client until echoed).
 */
export type Propose = (frame: string, proposal?: Proposal) => boolean;

export interface RenderOptions {
  /** Start read-only (no input takes focus, nothing is proposed). Default false. */
  readonly readOnly?: boolean;
  /** Schemas to start with, per model id (WIDGET-CONTRACT.md); more may come through `setSchema`. */
  readonly schemas?: ReadonlyMap<number, Schema>;
  /** The root element's `data-view`, for pages showing several views. */
  readonly viewId?: string;
  /**
   * The name other people see beside the field this person is on, on shared models (presence.ts).
   * Absent: they see this view's peer id, as the hub assigned it.
   */
  readonly userName?: string;
}

/** The handle a transport keeps to tell the view what only the transport knows. */
export interface ModelsView {
  /** The view's root element (`.tp-root`), inside the element given; it raises the DOM events. */
  readonly root: HTMLElement;
  /** Editing off (true) or on. */
  setReadOnly(readOnly: boolean): void;
  /**
   * The transport is gone (`text` says so in the banner, inputs are disabled, edits not yet
   * answered are given up), or back (`null`). A saved copy shown before the kernel answers uses it too.
   */
  setOffline(text: string | null): void;
  /** True while the view is offline. */
  readonly offline: boolean;
  /** The schema of a model; its form is rebuilt with it. */
  setSchema(id: number, schema: Schema): void;
  /** A notice above the forms (a frame that could not be applied, say); null clears it. */
  showNotice(text: string | null): void;
  /** Stops following the client and removes the view. */
  dispose(): void;
}

export const CSS_TEXT: string = css;
const STYLE_ID = "transports-widget-style";

/** Puts the view's CSS once into the element's document (or shadow root). */
export function injectStyle(el: HTMLElement): void {
  const rootNode = el.getRootNode() as Document | ShadowRoot;
  const host: ParentNode | null = "head" in rootNode ? (rootNode as Document).head : (rootNode as ShadowRoot);
  const doc = el.ownerDocument;
  if (!host || (host as ParentNode).querySelector?.(`#${STYLE_ID}`) || doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = CSS_TEXT;
  (host as ParentNode).append(style);
}

export function renderModels(client: Client, element: HTMLElement, propose: Propose, options: RenderOptions = {}): ModelsView {
  const doc = element.ownerDocument;
  const win = (doc.defaultView ?? globalThis) as Window & typeof globalThis;
  const EventCtor = (win.CustomEvent ?? CustomEvent) as typeof CustomEvent;
  const forms = new Map<number, ModelForm>();
  const schemas = new Map<number, Schema>(options.schemas ?? []);
  const resyncs = new Map<number, string>(); // mirrors waiting for a fresh snapshot, and why
  let readOnly = options.readOnly === true;
  let offline = false;
  let notice: string | null = null;
  let proposalsSent = 0;

  injectStyle(element);
  const root = doc.createElement("div");
  root.className = "tp-root";
  if (options.viewId !== undefined) root.dataset.view = options.viewId;
  const banner = doc.createElement("div");
  banner.className = "tp-banner";
  banner.setAttribute("role", "status");
  banner.hidden = true;
  const noticeEl = doc.createElement("div");
  noticeEl.className = "tp-notice";
  noticeEl.setAttribute("role", "alert");
  noticeEl.hidden = true;
  const models = doc.createElement("div");
  models.className = "tp-models";
  root.append(banner, noticeEl, models);
  element.append(root);

  const presence = new Presence(
    root,
    {
      section: (id) => forms.get(id)?.section,
      publish: (id, state) => propose(client.setAwareness(id, state)),
      live: () => !offline,
    },
    { userName: options.userName },
  );
  const offAwareness = client.onAwareness((a) => presence.update(a));

  const proposals = new Proposals({
    send(modelId, path, value) {
      const current = client.value(modelId);
      const form = forms.get(modelId);
      if (current === undefined || readOnly || offline) return null;
      try {
        const ops = opsForEdit(current, path, value);
        if (ops.length === 0) {
          form?.settle(path, current);
          return null;
        }
        // Against the latest revision the mirror holds; the proposal carries an id the server answers.
        const p = client.proposeOps(modelId, ops);
        if (!propose(p.frame, p)) {
          client.abandon(p.id, "it could not be sent");
          form?.refused(path, "not sent: the connection is gone", current);
          return null;
        }
        root.dataset.proposals = String(++proposalsSent); // read by the benchmarks
        updatePending();
        p.accepted.then(updatePending, updatePending);
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
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    clearTimeout: (t) => win.clearTimeout(t as number),
  });

  /** `data-pending` on the root: how many of this view's proposals wait for an answer. */
  function updatePending(): void {
    const n = client.pendingProposals().length;
    if (n > 0) root.dataset.pending = String(n);
    else delete root.dataset.pending;
  }

  function formFor(id: number, type: string, value: Value): ModelForm {
    let form = forms.get(id);
    if (form) return form;
    form = new ModelForm(doc, id, type, value, readOnly || (offline && !client.crdt.has(id)), (p: Path, v: Value) => onEdit(id, p, v), schemas.get(id) ?? null);
    forms.set(id, form);
    form.onFill = updateFilling;
    placeForm(form);
    presence.sectionAdded(id);
    return form;
  }

  const onEdit = (modelId: number, path: Path, value: Value) => {
    if (client.crdt.has(modelId)) return editCrdt(modelId, path, value);
    if (readOnly || offline) return;
    proposals.propose(modelId, path, value);
  };

  /** A CRDT model's edit: applied at once, sent when online, else kept until the view is back. */
  function editCrdt(modelId: number, path: Path, value: Value): void {
    const doc = client.crdt.document(modelId);
    const current = client.value(modelId);
    const form = forms.get(modelId);
    if (readOnly || !doc || current === undefined) return;
    try {
      const mutations = crdtMutationsForEdit(doc, current, path, value);
      const frame = mutations.length > 0 ? client.editCrdt(modelId, mutations) : null;
      form?.settle(path, client.value(modelId)!);
      form?.showError(path, null);
      if (frame !== null && !offline) propose(frame); // not sent: stays queued for the reconnect
    } catch (e) {
      form?.refused(path, (e as Error).message, current);
    }
    drawCrdtStatus(modelId);
  }

  /** Each keystroke in a collaborative text goes as a splice, not when the field is committed. */
  root.addEventListener("input", (ev) => {
    const input = ev.target as HTMLInputElement;
    if (input.tagName !== "INPUT" && input.tagName !== "TEXTAREA") return;
    const rawPath = input.getAttribute("data-path");
    const id = Number((input.closest(".tp-model") as HTMLElement | null)?.dataset.id);
    const doc = client.crdt.document(id);
    if (!doc || rawPath === null) return;
    const path = JSON.parse(rawPath) as Path;
    if (isCrdtText(doc.spec, path)) editCrdt(id, path, { Str: input.value });
  });

  /** The focused collaborative text of model `id`, with its text and selection before a change. */
  function focusedCrdtText(id: number) {
    const el = doc.activeElement as HTMLInputElement | null;
    const spec = client.crdt.document(id)?.spec;
    const section = forms.get(id)?.section;
    const rawPath = el?.getAttribute?.("data-path");
    if (!el || !spec || !section?.contains(el) || el.tagName !== "INPUT" || !rawPath) return null;
    const path = JSON.parse(rawPath) as Path;
    if (!isCrdtText(spec, path)) return null;
    return { id, el, path, text: el.value, start: el.selectionStart ?? 0, end: el.selectionEnd ?? 0 };
  }

  /** The quiet line under a CRDT model: edits not yet confirmed, the last refusal and its reason. */
  const crdtStatus = new Map<number, HTMLElement>();
  function drawCrdtStatus(id: number): void {
    const form = forms.get(id);
    let line = crdtStatus.get(id);
    if (line && !client.crdt.has(id)) line.hidden = true; // the model became plain
    if (!form || !client.crdt.has(id)) return;
    if (!line) {
      line = doc.createElement("div");
      line.className = "tp-crdt-status";
      line.setAttribute("role", "status");
      form.section.append(line);
      crdtStatus.set(id, line);
    }
    const pending = client.crdt.pending(id);
    const refused = client.crdt.refused(id);
    const parts: string[] = [];
    if (pending > 0) parts.push(`${pending} edit${pending === 1 ? "" : "s"} not yet confirmed`);
    if (refused.length > 0) parts.push(`refused: ${refused[refused.length - 1].error}`);
    line.textContent = parts.join(" · ");
    line.hidden = parts.length === 0;
    line.dataset.pending = String(pending);
    line.dataset.refused = String(refused.length);
  }

  /** The focused collaborative text's selection pinned to CRDT elements just before a remote merge (crdt-caret.ts). */
  let pinned: { id: number; path: CrdtPath; caret: CaretAnchor } | null = null;
  const offBefore = client.onBeforeCrdt((id: number) => {
    pinned = null;
    const typing = focusedCrdtText(id);
    const crdtDoc = client.crdt.document(id);
    if (!typing || !crdtDoc) return;
    try {
      const value = crdtDoc.value();
      const path = crdtPathOf(crdtDoc, value, typing.path);
      const shown = getAt(value, typing.path);
      const caret = anchorCaret(crdtDoc, path, typing.el, shown !== undefined && shown !== "Null" && "Str" in shown ? shown.Str : undefined);
      if (caret) pinned = { id, path, caret };
    } catch {
      // the field is not in the document as shown: the caret follows the changed text instead
    }
  });

  const offChange = client.onChange((c: Change) => {
    const known = forms.get(c.id);
    const anchor = pinned?.id === c.id ? pinned : null;
    pinned = null;
    if (!known) formFor(c.id, c.type, c.value);
    else {
      const typing = focusedCrdtText(c.id);
      known.setType(c.type);
      known.applyOps(c.ops, c.value, c.previous);
      if (typing) followText(typing, c.value, anchor);
    }
    drawCrdtStatus(c.id);
    if (c.kind === "snapshot" && resyncs.delete(c.id)) drawNotice();
    updateFilling();
    root.dispatchEvent(new EventCtor("transports-change", { detail: c, bubbles: true }));
  });

  /**
   * A collaborative text being typed in shows the shared text at once (no "changed meanwhile":
   * nothing is lost by merging), its caret moved by what changed before it.
   */
  function followText(t: NonNullable<ReturnType<typeof focusedCrdtText>>, value: Value, anchor: { path: CrdtPath; caret: CaretAnchor } | null): void {
    const v = getAt(value, t.path);
    if (v === undefined || v === "Null" || !("Str" in v)) return;
    const [start, oldEnd, newEnd] = changedMiddle(t.text, v.Str);
    if (t.el.value !== v.Str) t.el.value = v.Str;
    const crdtDoc = client.crdt.document(t.id);
    if (!(anchor && crdtDoc && placeCaret(crdtDoc, anchor.path, t.el, anchor.caret))) {
      // not pinned (a local edit, or the input did not show the document's text): by what changed before the caret
      t.el.setSelectionRange(moveCaret(t.start, start, oldEnd, newEnd), moveCaret(t.end, start, oldEnd, newEnd));
    }
    const note = t.el.parentElement?.querySelector(":scope > .tp-note") as HTMLElement | null;
    if (note) note.hidden = true;
  }

  const offReject = client.onReject((r: Reject) => {
    drawCrdtStatus(r.id);
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
    else setNotice(`model ${r.id}: ${r.error}`);
    updatePending();
    root.dispatchEvent(new EventCtor("transports-reject", { detail: r, bubbles: true }));
  });

  const offResync = client.onResync((r) => {
    // A patch overtaking a model's first snapshot has nothing on screen to be wrong about.
    if (client.value(r.id) === undefined) return;
    resyncs.set(r.id, r.reason);
    drawNotice();
  });

  /** The root carries tp-filling while large lists are still being filled in the background. */
  function updateFilling(): void {
    let any = false;
    for (const f of forms.values()) any ||= f.filling;
    root.classList.toggle("tp-filling", any);
  }

  function placeForm(form: ModelForm): void {
    let before: Element | null = null; // keep models in id order
    for (const other of Array.from(models.children)) {
      if (Number((other as HTMLElement).dataset.id) > form.id) {
        before = other;
        break;
      }
    }
    models.insertBefore(form.section, before);
  }

  function setNotice(text: string | null): void {
    notice = text;
    drawNotice();
  }

  /** The notice shows the transport's text and the mirrors waiting for a fresh snapshot. */
  function drawNotice(): void {
    const lines: string[] = [];
    if (notice !== null) lines.push(notice);
    for (const [id, why] of resyncs) lines.push(`A change to model ${id} could not be applied (${why}); waiting for a fresh snapshot.`);
    noticeEl.textContent = lines.join("\n");
    noticeEl.hidden = lines.length === 0;
    root.classList.toggle("tp-resync", resyncs.size > 0);
  }

  function applyEditable(): void {
    // A CRDT model stays editable offline: its edits are kept and sent when the view is back.
    for (const f of forms.values()) f.setReadOnly(readOnly || (offline && !client.crdt.has(f.id)));
  }

  // Models the client mirrors already (a connection that was open before the view).
  for (const id of client.ids()) formFor(id, client.type(id)!, client.value(id)!);
  for (const id of client.ids()) for (const [peer, state] of client.awareness(id)) presence.update({ t: "awareness", id, state, peer });
  updateFilling();

  return {
    root,
    get offline() {
      return offline;
    },
    setReadOnly(ro: boolean) {
      readOnly = ro;
      applyEditable();
    },
    setOffline(text: string | null) {
      banner.textContent = text ?? "";
      banner.hidden = text === null;
      root.classList.toggle("tp-disconnected", text !== null);
      const wasOffline = offline;
      offline = text !== null;
      if (offline !== wasOffline) presence.setLive(!offline);
      if (offline) {
        client.forgetPeers(); // their removals can no longer reach this view
        proposals.clear();
        client.abandonPending("the connection is gone");
        updatePending();
      } else {
        // CRDT operations made offline (or sent but not echoed) go again; the server ignores dots it has seen.
        for (const frame of client.crdt.frames()) if (!propose(frame)) break;
      }
      applyEditable();
    },
    setSchema(id: number, schema: Schema) {
      schemas.set(id, schema);
      const form = forms.get(id);
      const v = client.value(id);
      if (form && v !== undefined) form.setSchema(schema, v);
    },
    showNotice: setNotice,
    dispose() {
      presence.dispose();
      offAwareness();
      offBefore();
      offChange();
      offReject();
      offResync();
      proposals.clear();
      for (const f of forms.values()) f.dispose();
      root.remove();
    },
  };
}
