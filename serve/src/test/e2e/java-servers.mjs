// What both demo e2e scripts need to run a Java demo server: a free loopback port, the server started
// from TRANSPORTS_CLASSPATH (the jar path written by ../../../e2e.sh) and resolved once it prints its URL, a kill
// that waits for the exit, every started server killed at the end, and a polling wait on a condition.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const classpath = process.env.TRANSPORTS_CLASSPATH;
const children = new Set();

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts `mainClass --port port`; resolves with the child and the first group of `ready` in its output. */
export function startJava(mainClass, port, ready, name) {
  if (!classpath) throw new Error("TRANSPORTS_CLASSPATH is not set: run serve/e2e.sh");
  const child = spawn("java", ["-cp", classpath, mainClass, "--port", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${out}`)), 60_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code}: ${out}`)));
  });
}

export function kill(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

export async function killAll() {
  for (const c of [...children]) await kill(c);
}

export async function until(what, fn, timeout) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await fn()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last.message})` : ""}`);
}
