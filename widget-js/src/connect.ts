/**
 * Connections for browser pages: `connect(url)` over a WebSocket (JSON codec) and
 * `connectSSE(url)` over EventSource. Each keeps a mirror `Client`, reconnects with exponential
 * backoff (with jitter) after the channel drops, and resumes by passing the revisions it holds
 * as the `since` query parameter, e.g. `?since=%7B%221%22%3A12%7D`. A frame that fails to apply
 * is reported to error listeners, and since it leaves that mirror needing a resync (see `Client`),
 * the connection is dropped and re-opened (after the usual backoff) with `since` leaving that model
 * out, so the server sends a fresh snapshot of it; `resyncs` counts these.
 *
 * SSE is server-to-client only: `propose` there needs a `proposeUrl`, to which the proposal
 * frame is POSTed as JSON text; without one it returns false.
 *
 * Every proposal carries an id (docs/protocol.md "Proposal ids"): `submit` and `submitOps` return
 * it as a `Proposal` whose `accepted` promise resolves with the revision the server accepted it
 * at, or rejects with the server's reason (`ProposalRejected`), or as abandoned
 * (`ProposalAbandoned`) when it could not be sent or the connection dropped before the answer.
 * Over SSE the answer can only come on the stream, if the server routes it there.
 *
 * Failover: give several URLs (server processes sharing one backplane) and each reconnect goes to
 * the next one in turn, resuming there with `since`. `batch: true` asks the server for batch frames
 * (`batch=1`: one frame per flush holding all its messages; the client applies them in order).
 * CRDT-backed models: `editCrdt` applies an edit locally at once and sends its operations when
 * connected; while offline they wait in the client's outbox, and every time the connection opens
 * the outbox is sent again (the server ignores operations it has seen), so offline edits are kept.
 */

import type { Count } from "./fields.js";
import { writeJson } from "./value.js";
import type { Change, ChangeListener, Proposal, RejectListener, ResyncListener } from "./client.js";
import { Client } from "./client.js";
import type { Op } from "./patch.js";
import type { Value } from "./value.js";
import type { CrdtMutation } from "./crdt/ops.js";

export type Status = "connecting" | "open" | "closed";

export interface ConnectOptions {
  /** First reconnect delay in ms (default 250); doubles per failed attempt. */
  readonly minDelay?: number;
  /** Largest reconnect delay in ms (default 10000). */
  readonly maxDelay?: number;
  /** A WebSocket constructor, for environments without a global one (and for tests). */
  readonly WebSocket?: new (url: string) => WebSocketLike;
  /** An EventSource constructor, likewise. */
  readonly EventSource?: new (url: string) => EventSourceLike;
  /** SSE only: where proposals are POSTed. */
  readonly proposeUrl?: string;
  /** Timer functions (tests pass fakes). */
  readonly setTimeout?: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
  readonly random?: () => number;
  /** Ask for batch frames (`batch=1` in the URL): one frame per server flush. */
  readonly batch?: boolean;
}

export interface WebSocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface EventSourceLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}

export interface Connection {
  readonly client: Client;
  /** Sends a proposal to make model `id` equal `value`; true when a frame went out. */
  propose(id: number, value: Value): boolean;
  /**
   * Sends a proposal to make model `id` equal `value` and returns it (null when nothing differs):
   * await `accepted` for the revision, or the reason it was refused or abandoned.
   */
  submit(id: number, value: Value): Proposal | null;
  /** Sends a proposal carrying these ops and returns it, as `submit` does. */
  submitOps(id: number, ops: readonly Op[]): Proposal;
  /** Sends a frame as it is (a proposal made with `client.proposeOps`, say); true when it went out. */
  send(frame: string): boolean;
  /**
   * Applies CRDT mutations to model `id` at once and sends their operations; true when a frame
   * went out now. Unsent (offline) or unanswered operations are resent when the connection opens.
   */
  editCrdt(id: number, mutations: readonly CrdtMutation[]): boolean;
  onChange(fn: ChangeListener): () => void;
  onReject(fn: RejectListener): () => void;
  onStatus(fn: (status: Status) => void): () => void;
  onError(fn: (error: Error) => void): () => void;
  /** A mirror needed a fresh snapshot (a frame failed); the connection re-opens to get it. */
  onResync(fn: ResyncListener): () => void;
  readonly status: Status;
  /** How many times a failed frame made this connection re-open for fresh snapshots. */
  readonly resyncs: number;
  /** Closes for good: no reconnect. */
  close(): void;
}

/** Adds (or replaces) the `since` query parameter with the revisions the client holds. */
export function withSince(url: string, since: Record<string, Count>): string {
  const [base, hash = ""] = url.split("#", 2);
  const q = base.indexOf("?");
  const path = q < 0 ? base : base.slice(0, q);
  const params = (q < 0 ? "" : base.slice(q + 1)).split("&").filter((p) => p !== "" && !p.startsWith("since="));
  if (Object.keys(since).length > 0) params.push(`since=${encodeURIComponent(writeJson(since))}`);
  return (params.length ? `${path}?${params.join("&")}` : path) + (hash ? `#${hash}` : "");
}

/** Adds (or replaces) the `batch` query parameter. */
export function withBatch(url: string, batch: boolean): string {
  const [base, hash = ""] = url.split("#", 2);
  const q = base.indexOf("?");
  const path = q < 0 ? base : base.slice(0, q);
  const params = (q < 0 ? "" : base.slice(q + 1)).split("&").filter((p) => p !== "" && !p.startsWith("batch="));
  if (batch) params.push("batch=1");
  return (params.length ? `${path}?${params.join("&")}` : path) + (hash ? `#${hash}` : "");
}

abstract class Reconnecting implements Connection {
  readonly client = new Client();
  status: Status = "connecting";
  resyncs = 0;
  protected closed = false;
  private attempt = 0;
  private timer: unknown = null;
  private readonly statusListeners = new Set<(s: Status) => void>();
  private readonly errorListeners = new Set<(e: Error) => void>();

  private readonly urls: readonly string[];
  private next = 0; // the URL the next attempt uses; a drop moves on to the following one

  constructor(url: string | readonly string[], protected readonly opts: ConnectOptions) {
    this.urls = typeof url === "string" ? [url] : [...url];
    if (this.urls.length === 0) throw new Error("connect needs at least one URL");
  }

  /** The URL of the current (or next) attempt. */
  get url(): string {
    return this.urls[this.next];
  }

  protected abstract open(url: string): void;
  protected abstract shut(): void;
  abstract send(frame: string): boolean;
  /** Whether a frame could go out now. */
  protected abstract canSend(): boolean;

  propose(id: number, value: Value): boolean {
    if (!this.canSend()) return false;
    const p = this.client.propose(id, value);
    return p !== null && this.dispatch(p);
  }

  submit(id: number, value: Value): Proposal | null {
    const p = this.client.propose(id, value);
    if (p) this.dispatch(p);
    return p;
  }

  submitOps(id: number, ops: readonly Op[]): Proposal {
    const p = this.client.proposeOps(id, ops);
    this.dispatch(p);
    return p;
  }

  editCrdt(id: number, mutations: readonly CrdtMutation[]): boolean {
    const frame = this.client.editCrdt(id, mutations);
    return frame !== null && this.canSend() && this.send(frame);
  }

  /** Sends a proposal; one that cannot go out is abandoned at once. */
  private dispatch(p: Proposal): boolean {
    const sent = this.send(p.frame);
    if (!sent) this.client.abandon(p.id, this.status === "open" ? "its frame could not be sent" : "not connected");
    return sent;
  }

  protected start(): void {
    this.setStatus("connecting");
    try {
      const url = this.opts.batch ? withBatch(this.url, true) : this.url;
      this.open(withSince(url, this.client.since()));
    } catch (e) {
      this.report(e as Error);
      this.dropped();
    }
  }

  protected opened(): void {
    this.attempt = 0;
    this.setStatus("open");
    // CRDT operations made offline, or sent but not echoed before the drop, go (again) now
    for (const frame of this.client.crdt.frames()) if (!this.send(frame)) break;
  }

  protected frame(data: unknown): void {
    if (typeof data !== "string") {
      this.report(new Error("binary frame received on a JSON connection"));
      return;
    }
    try {
      this.client.recv(data);
    } catch (e) {
      this.report(e as Error);
      if (this.client.needsResync().size > 0 || (e as { kind?: string }).kind === "decode") {
        // the mirror may have missed a revision: re-open without `since` for it to get a snapshot
        this.resyncs++;
        this.dropped();
      }
    }
  }

  protected dropped(): void {
    if (this.closed) return;
    this.shut();
    this.client.abandonPending("the connection closed");
    this.client.forgetPeers();
    this.setStatus("closed");
    this.next = (this.next + 1) % this.urls.length; // fail over: the next process resumes us from the shared log
    const min = this.opts.minDelay ?? 250;
    const max = this.opts.maxDelay ?? 10000;
    const base = Math.min(max, min * 2 ** this.attempt);
    const delay = base / 2 + (this.opts.random ?? Math.random)() * (base / 2);
    this.attempt++;
    const st = this.opts.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    this.timer = st(() => {
      this.timer = null;
      if (!this.closed) this.start();
    }, delay);
  }

  protected report(e: Error): void {
    if (this.errorListeners.size === 0) console.error("[transports]", e.message);
    for (const fn of [...this.errorListeners]) fn(e);
  }

  private setStatus(s: Status): void {
    if (this.status === s) return;
    this.status = s;
    for (const fn of [...this.statusListeners]) fn(s);
  }

  onChange(fn: (c: Change) => void): () => void {
    return this.client.onChange(fn);
  }
  onReject(fn: RejectListener): () => void {
    return this.client.onReject(fn);
  }
  onResync(fn: ResyncListener): () => void {
    return this.client.onResync(fn);
  }
  onStatus(fn: (s: Status) => void): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }
  onError(fn: (e: Error) => void): () => void {
    this.errorListeners.add(fn);
    return () => this.errorListeners.delete(fn);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) (this.opts.clearTimeout ?? ((h: unknown) => clearTimeout(h as number)))(this.timer);
    this.timer = null;
    this.shut();
    this.client.abandonPending("the connection was closed");
    this.setStatus("closed");
  }
}

class WebSocketConnection extends Reconnecting {
  private ws: WebSocketLike | null = null;

  constructor(url: string | readonly string[], opts: ConnectOptions) {
    super(url, opts);
    this.start();
  }

  protected open(url: string): void {
    const Ctor = this.opts.WebSocket ?? (globalThis as { WebSocket?: new (u: string) => WebSocketLike }).WebSocket;
    if (!Ctor) throw new Error("no WebSocket implementation available");
    const ws = new Ctor(url);
    this.ws = ws;
    ws.onopen = () => this.opened();
    ws.onmessage = (ev) => this.frame(ev.data);
    ws.onclose = () => {
      if (this.ws === ws) this.dropped();
    };
    ws.onerror = () => {
      /* a close event follows */
    };
  }

  protected shut(): void {
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close();
      } catch {
        /* already closed */
      }
    }
  }

  protected canSend(): boolean {
    return this.ws !== null && this.ws.readyState === 1;
  }

  send(frame: string): boolean {
    if (!this.canSend()) return false;
    this.ws!.send(frame);
    return true;
  }
}

class SSEConnection extends Reconnecting {
  private es: EventSourceLike | null = null;

  constructor(url: string | readonly string[], opts: ConnectOptions) {
    super(url, opts);
    this.start();
  }

  protected open(url: string): void {
    const Ctor = this.opts.EventSource ?? (globalThis as { EventSource?: new (u: string) => EventSourceLike }).EventSource;
    if (!Ctor) throw new Error("no EventSource implementation available");
    const es = new Ctor(url);
    this.es = es;
    es.onopen = () => this.opened();
    es.onmessage = (ev) => this.frame(ev.data);
    // EventSource would retry with the old URL; reconnect ourselves so `since` is current.
    es.onerror = () => {
      if (this.es === es) this.dropped();
    };
  }

  protected shut(): void {
    const es = this.es;
    this.es = null;
    if (es) {
      es.onopen = es.onmessage = es.onerror = null;
      es.close();
    }
  }

  protected canSend(): boolean {
    return !!this.opts.proposeUrl && this.status === "open";
  }

  send(frame: string): boolean {
    const target = this.opts.proposeUrl;
    if (!target || !this.canSend()) return false;
    fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: frame }).catch((e) =>
      this.report(e as Error),
    );
    return true;
  }
}

/**
 * Mirrors a server over a WebSocket (JSON codec), reconnecting and resuming. Several URLs: each
 * reconnect tries the next one (failover between processes of one backplane).
 */
export function connect(url: string | readonly string[], opts: ConnectOptions = {}): Connection {
  return new WebSocketConnection(url, opts);
}

/** Mirrors a server over Server-Sent Events, reconnecting and resuming (several URLs: failover, as `connect`). */
export function connectSSE(url: string | readonly string[], opts: ConnectOptions = {}): Connection {
  return new SSEConnection(url, opts);
}
