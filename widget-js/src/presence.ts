/**
 * Presence on shared models: who else is on which field. A view publishes its own awareness state
 * when the person's focus enters a field of a shared model and clears it when the focus leaves; the
 * other peers' states (from the client's awareness relay) are shown as a coloured badge with the
 * peer's name beside the field each one is on, and as a "N others here" line under the model's
 * heading.
 *
 * The state is our convention, not the wire's (docs/protocol.md "Awareness"): `{"field": <path>,
 * "name": <text>}`, where `field` is a path as in patches ([{"Key":"title"}]; a bare string is taken
 * as one top-level key) and `name` is optional. Any other JSON a peer sends (a Python peer's
 * `{"selection": ...}`, a number) still counts that peer as here, without a field marker; a peer
 * without a usable name is labelled by its peer id.
 *
 * Awareness never rebuilds a form: badges are placed into the rows that exist, and a mutation
 * observer places the badge of a row built later (a windowed list scrolled to it, a row rebuilt by
 * a patch, a shown value that became an input), so the cost follows the peers, not the model.
 */

import type { Awareness } from "./messages.js";
import type { Path } from "./path.js";
import { displayPath, pathText, toPath } from "./path.js";

/** Ids handed out by a hub for shared models start here (docs/protocol.md "Hub"). */
export const SHARED_ID_FLOOR = 2 ** 40;

/** What this view shows of one other peer on one model. */
export interface PeerPresence {
  readonly peer: string;
  readonly label: string;
  readonly color: string;
  /** The field the peer is on (pathText), or null when its state names none we can read. */
  readonly field: string | null;
  readonly path: Path | null;
}

/** Reads a peer's awareness state by our convention; null when it is cleared. Never throws. */
export function readPresence(peer: string, state: unknown): PeerPresence | null {
  if (state === null || state === undefined) return null;
  let path: Path | null = null;
  let label = peer;
  if (typeof state === "object" && !Array.isArray(state)) {
    const s = state as { field?: unknown; name?: unknown };
    try {
      if (typeof s.field === "string") path = [{ Key: s.field }];
      else if (s.field !== undefined) path = toPath(s.field, "field");
    } catch {
      path = null; // a field we cannot read: the peer is here, on no field we can mark
    }
    if (typeof s.name === "string" && s.name.trim() !== "") label = s.name.trim().slice(0, 40);
  }
  return { peer, label, color: colorOf(peer), field: path === null ? null : pathText(path), path };
}

/**
 * A stable colour per peer id, dark enough for white text. Our hub numbers its peers (`peer-<n>`):
 * consecutive numbers step by the golden angle, so peers that meet get far-apart hues; other ids hash.
 */
export function colorOf(peer: string): string {
  const n = /(\d+)$/.exec(peer);
  let hue: number;
  if (n) hue = (Number(n[1].slice(-6)) * 137.508) % 360;
  else {
    let h = 0x811c9dc5; // FNV-1a
    for (let i = 0; i < peer.length; i++) h = Math.imul(h ^ peer.charCodeAt(i), 0x01000193);
    hue = (h >>> 0) % 360;
  }
  return `hsl(${Math.round(hue)}, 65%, 36%)`;
}

export interface PresenceHost {
  /** The section of model `id` on screen, if any. */
  section(id: number): HTMLElement | undefined;
  /** Sends this view's state for model `id` (null clears it); false when it could not go. */
  publish(id: number, state: unknown): boolean;
  /** Whether this view takes part in presence now (not offline). */
  live(): boolean;
}

export interface PresenceOptions {
  /** The name others see beside the field this view is on; absent: they see this view's peer id. */
  readonly userName?: string;
}

/** The presence of one view: what it publishes, and the other peers it shows. */
export class Presence {
  private readonly peers = new Map<number, Map<string, PeerPresence>>();
  private readonly observers = new Map<number, MutationObserver>();
  private readonly lines = new Map<number, HTMLElement>();
  /** What this view published last: model id and field text, or null. */
  private mine: { id: number; field: string } | null = null;
  private scheduled = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: PresenceHost,
    private readonly options: PresenceOptions = {},
  ) {
    // Focus moves as focusout then focusin (and a shown value is replaced by its input): look once
    // the move is over, so a field that stays the same is not cleared and set again.
    root.addEventListener("focusin", () => this.schedule());
    root.addEventListener("focusout", () => this.schedule());
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const win = this.root.ownerDocument.defaultView;
    const run = () => {
      this.scheduled = false;
      this.follow();
    };
    if (win) win.setTimeout(run, 0);
    else setTimeout(run, 0);
  }

  /** The field of a shared model that has the focus in this view, or null. */
  private focused(): { id: number; path: Path; field: string } | null {
    const rootNode = this.root.getRootNode() as Document | ShadowRoot;
    const active = (rootNode.activeElement ?? this.root.ownerDocument.activeElement) as Element | null;
    if (!active || !this.root.contains(active)) return null;
    const control = active.closest("[data-path]");
    const section = active.closest(".tp-model") as HTMLElement | null;
    if (!control || !section || !section.contains(control)) return null;
    const id = Number(section.dataset.id);
    if (!Number.isSafeInteger(id) || id < SHARED_ID_FLOOR) return null; // private models have no presence
    try {
      const path = toPath(JSON.parse(control.getAttribute("data-path")!));
      return { id, path, field: pathText(path) };
    } catch {
      return null;
    }
  }

  /** Publishes where the focus is now, if that differs from what was published last. */
  follow(): void {
    if (!this.host.live()) return;
    const now = this.focused();
    const was = this.mine;
    if (was && now && was.id === now.id && was.field === now.field) return;
    if (was && (!now || now.id !== was.id)) this.host.publish(was.id, null);
    this.mine = null;
    if (now) {
      const state: { field: Path; name?: string } = { field: now.path };
      if (this.options.userName) state.name = this.options.userName;
      if (this.host.publish(now.id, state)) this.mine = { id: now.id, field: now.field };
    }
  }

  /** The connection is gone (nothing published stands) or back (publish the focus again). */
  setLive(live: boolean): void {
    this.mine = null;
    if (live) this.follow();
  }

  /** A relayed awareness update: draws the peer's marker and the model's line again. */
  update(a: Awareness): void {
    if (a.peer === undefined) return;
    const states = this.peers.get(a.id) ?? new Map<string, PeerPresence>();
    const p = readPresence(a.peer, a.state);
    if (p === null) states.delete(a.peer);
    else states.set(a.peer, p);
    if (states.size > 0) this.peers.set(a.id, states);
    else this.peers.delete(a.id);
    this.draw(a.id);
  }

  /** The other peers shown on model `id`. */
  on(id: number): PeerPresence[] {
    return [...(this.peers.get(id)?.values() ?? [])];
  }

  /** A model's section appeared (or was replaced): draw what is known about it. */
  sectionAdded(id: number): void {
    if (this.peers.has(id)) this.draw(id);
  }

  /** The line and the markers of model `id`; a row not built yet gets its marker when it is built. */
  draw(id: number): void {
    const section = this.host.section(id);
    if (!section) return;
    const here = this.on(id);
    this.drawLine(id, section, here);
    this.placeMarkers(section, here);
    let obs = this.observers.get(id);
    if (here.some((p) => p.field !== null)) {
      if (!obs) {
        const Observer = (section.ownerDocument.defaultView as (Window & typeof globalThis) | null)?.MutationObserver ?? MutationObserver;
        obs = new Observer(() => this.placeMarkers(section, this.on(id)));
        obs.observe(section, { childList: true, subtree: true });
        this.observers.set(id, obs);
      }
    } else if (obs) {
      obs.disconnect();
      this.observers.delete(id);
    }
  }

  private drawLine(id: number, section: HTMLElement, here: PeerPresence[]): void {
    const doc = section.ownerDocument;
    let line = this.lines.get(id);
    if (!line || !section.contains(line)) {
      line = doc.createElement("div");
      line.className = "tp-presence";
      line.setAttribute("aria-live", "polite");
      const heading = section.querySelector(":scope > .tp-heading");
      if (heading) heading.after(line);
      else section.prepend(line);
      this.lines.set(id, line);
    }
    line.replaceChildren();
    line.hidden = here.length === 0;
    line.dataset.count = String(here.length);
    if (here.length === 0) return;
    line.append(`${here.length} other${here.length === 1 ? "" : "s"} here: `);
    here.forEach((p, i) => {
      if (i > 0) line!.append(", ");
      const who = doc.createElement("span");
      who.className = "tp-presence-peer";
      who.dataset.peer = p.peer;
      who.style.color = p.color;
      who.textContent = p.label;
      line!.append(who);
      if (p.path !== null) line!.append(` (${displayPath(p.path)})`);
    });
  }

  /** Puts each peer's badge beside its field where that field's row exists; removes stale ones. */
  private placeMarkers(section: HTMLElement, here: PeerPresence[]): void {
    const want = new Map<string, PeerPresence>();
    for (const p of here) if (p.field !== null) want.set(p.peer, p);
    for (const b of Array.from(section.querySelectorAll(".tp-peer"))) {
      const el = b as HTMLElement;
      if (want.get(el.dataset.peer ?? "")?.field !== el.dataset.field) el.remove();
    }
    for (const c of Array.from(section.querySelectorAll(".tp-peer-here"))) {
      const field = c.getAttribute("data-path");
      if (![...want.values()].some((p) => p.field === field)) c.classList.remove("tp-peer-here");
    }
    if (want.size === 0) return;
    // One pass over the rows that are built (windowing keeps them few); no selector escaping needed.
    const controls = new Map<string, HTMLElement>();
    const fields = new Set([...want.values()].map((p) => p.field!));
    for (const c of Array.from(section.querySelectorAll("[data-path]"))) {
      const field = c.getAttribute("data-path")!;
      if (fields.has(field) && !controls.has(field)) controls.set(field, c as HTMLElement);
    }
    for (const p of want.values()) {
      const control = controls.get(p.field!);
      if (!control || !control.parentElement) continue; // not built (windowed, folded): placed when it is
      if (!control.classList.contains("tp-peer-here")) control.classList.add("tp-peer-here");
      if (control.style.getPropertyValue("--tp-peer-color") !== p.color) control.style.setProperty("--tp-peer-color", p.color);
      const row = control.parentElement;
      if (Array.from(row.children).some((b) => b.classList.contains("tp-peer") && (b as HTMLElement).dataset.peer === p.peer)) continue;
      const badge = section.ownerDocument.createElement("span");
      badge.className = "tp-peer";
      badge.dataset.peer = p.peer;
      badge.dataset.field = p.field!;
      badge.style.background = p.color;
      badge.textContent = p.label;
      badge.title = `${p.label} is on ${displayPath(p.path!)}`;
      // Beside a scalar's control; for a record or list, beside its label (the control is the whole box).
      const label = row.querySelector(":scope > .tp-label");
      const container = control.classList.contains("tp-map") || control.classList.contains("tp-list");
      if (!container || !label) control.after(badge);
      else label.after(badge);
    }
  }

  /** Clears this view's state (the view goes away) and stops watching. */
  dispose(): void {
    if (this.mine && this.host.live()) this.host.publish(this.mine.id, null);
    this.mine = null;
    for (const o of this.observers.values()) o.disconnect();
    this.observers.clear();
  }
}
