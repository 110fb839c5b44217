// A small stand-in for anywidget's model object (get/set/on/off/send and event emitting),
// plus a happy-dom window to render into. The real JupyterLab end-to-end test lives elsewhere.
import { Window } from "happy-dom";

export class FakeModel {
  constructor(state = {}) {
    this.state = { ...state };
    this.handlers = new Map();
    this.sent = [];
  }
  get(name) {
    return this.state[name];
  }
  set(name, value) {
    this.state[name] = value;
    this.emit(`change:${name}`, this, value);
  }
  on(event, cb) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event).add(cb);
  }
  off(event, cb) {
    if (!event) this.handlers.clear();
    else if (!cb) this.handlers.delete(event);
    else this.handlers.get(event)?.delete(cb);
  }
  send(content) {
    this.sent.push(content);
  }
  emit(event, ...args) {
    for (const cb of [...(this.handlers.get(event) ?? [])]) cb(...args);
  }
  /** What the kernel does: a custom message carrying one wire frame, optionally addressed. */
  wire(frame, view) {
    this.emit("msg:custom", view === undefined ? { wire: frame } : { wire: frame, view }, []);
  }
  views() {
    return this.sent.filter((m) => m.ready === true).map((m) => m.view);
  }
  proposals() {
    return this.sent.filter((m) => typeof m.wire === "string");
  }
}

export function dom() {
  const window = new Window({ url: "http://127.0.0.1/" });
  const document = window.document;
  const el = document.createElement("div");
  document.body.append(el);
  return { window, document, el };
}
