// A minimal driver for headless Chromium over --remote-debugging-pipe (the DevTools protocol
// on file descriptors 3 and 4): open a page, evaluate an expression (awaiting promises), take
// a screenshot. Used by the measurement and screenshot scripts; no test depends on it.
import { spawn } from "node:child_process";

export async function openPage(url, { browser = "chromium", width = 900, height = 700 } = {}) {
  const proc = spawn(
    browser,
    ["--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", `--window-size=${width},${height}`, "about:blank"],
    { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] },
  );
  const toBrowser = proc.stdio[3];
  const fromBrowser = proc.stdio[4];
  let nextId = 1;
  const waiting = new Map();
  let buffer = "";
  fromBrowser.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    let end;
    while ((end = buffer.indexOf("\0")) >= 0) {
      const msg = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const w = waiting.get(msg.id);
      if (w) {
        waiting.delete(msg.id);
        if (msg.error) w.reject(new Error(JSON.stringify(msg.error)));
        else w.resolve(msg.result);
      }
    }
  });
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0");
    });
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  await send("Page.enable", {}, sessionId);
  await send("Page.navigate", { url }, sessionId);
  const page = {
    /** A raw DevTools protocol call in this page's session (e.g. Profiler.start). */
    send: (method, params = {}) => send(method, params, sessionId),
    async evaluate(expression) {
      const r = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }, sessionId);
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value;
    },
    async screenshot() {
      const r = await send("Page.captureScreenshot", { format: "png" }, sessionId);
      return Buffer.from(r.data, "base64");
    },
    close() {
      proc.kill();
    },
  };
  return page;
}

/** Polls until `window[name]` exists (the page finished its setup), then awaits it. */
export function awaitGlobal(page, name, timeoutMs = 60000) {
  return page.evaluate(`new Promise((resolve, reject) => {
    const start = Date.now();
    const poll = () => window[${JSON.stringify(name)}] !== undefined ? resolve(window[${JSON.stringify(name)}])
      : Date.now() - start > ${timeoutMs} ? reject(new Error("timed out")) : setTimeout(poll, 20);
    poll();
  })`);
}
