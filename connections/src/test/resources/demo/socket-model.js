// A stand-in for anywidget's model over a WebSocket (or, read-only, an EventSource), so the widget's
// front-end module runs outside Jupyter unchanged. It keeps the custom-message contract: the view
// sends {"ready": true, "view": id}; protocol frames arrive as {"wire": text, "view": id}; the view's
// edits leave as {"wire": text}. It reconnects with backoff and resumes with `since`, tracking the
// revision of every model from the frames it passes on, and marks the view disconnected meanwhile.

export class SocketModel {
  constructor(url, { sse = false, el = null, onStatus = () => {} } = {}) {
    this.url = url;
    this.sse = sse;
    this.el = el;
    this.onStatus = onStatus;
    this.listeners = new Map();
    this.revs = {};
    this.view = null;
    this.socket = null;
    this.attempt = 0;
  }

  get(name) { return name === "read_only" ? this.sse : undefined; }

  on(event, cb) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(cb);
  }

  off(event, cb) {
    if (!event) this.listeners.clear();
    else if (!cb) this.listeners.delete(event);
    else this.listeners.get(event)?.delete(cb);
  }

  send(content) {
    if (content && content.ready === true) {
      this.view = content.view;
      if (!this.socket) this.open();
    } else if (content && typeof content.wire === "string" && !this.sse) {
      if (this.socket && this.socket.readyState === 1) this.socket.send(content.wire);
    }
  }

  emit(event, ...args) {
    for (const cb of [...(this.listeners.get(event) ?? [])]) cb(...args);
  }

  target() {
    const ids = Object.keys(this.revs);
    if (ids.length === 0) return this.url;
    const sep = this.url.includes("?") ? "&" : "?";
    return `${this.url}${sep}since=${encodeURIComponent(JSON.stringify(this.revs))}`;
  }

  open() {
    this.onStatus(this.attempt === 0 ? "connecting" : "reconnecting");
    const s = this.sse ? new EventSource(this.target()) : new WebSocket(this.target());
    this.socket = s;
    s.onopen = () => {
      this.attempt = 0;
      this.setLive(true);
      this.onStatus("open");
    };
    s.onmessage = (ev) => {
      this.track(ev.data);
      this.emit("msg:custom", { wire: ev.data, view: this.view });
    };
    const dropped = () => {
      if (this.socket !== s) return;
      s.onopen = s.onmessage = s.onerror = s.onclose = null;
      s.close();
      this.socket = null;
      this.setLive(false);
      this.onStatus("reconnecting");
      const base = Math.min(5000, 250 * 2 ** this.attempt++);
      setTimeout(() => this.open(), base / 2 + Math.random() * base / 2);
    };
    if (this.sse) s.onerror = dropped; // EventSource would retry with a stale `since`
    else s.onclose = dropped;
  }

  track(text) {
    try {
      const m = JSON.parse(text);
      if (m.t === "snapshot") this.revs[m.id] = m.rev;
      else if (m.t === "patch" && m.patch.rev > (this.revs[m.id] ?? -1)) this.revs[m.id] = m.patch.rev;
    } catch {
      // the view reports frames it cannot read
    }
  }

  setLive(live) {
    // the view shows its "connection lost" banner while an ancestor carries this class
    this.el?.classList.toggle("jupyter-widgets-disconnected", !live);
    this.emit("comm_live_update");
  }
}
