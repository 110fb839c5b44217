// Interop with the reference: a real reference Hub (transports 0.10.0, in a Python subprocess) shares
// one CRDT text; a reference Client and this TypeScript client type into it at the same time, each
// optimistically, and the hub relays the frames. Everyone must end with the same text, and the
// TypeScript replica with the hub's reducer state byte for byte. Skipped, saying why, without the
// worktree's .venv (./install.sh makes it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client, crdt, valueText } from "../dist/client.js";
import { rng } from "../scripts/crdt-scenarios.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const python = process.env.TRANSPORTS_PYTHON ?? join(here, "..", "..", ".venv", "bin", "python");

function driver() {
  const child = spawn(python, [join(here, "crdt-hub-driver.py")], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async ask(cmd) {
      child.stdin.write(JSON.stringify(cmd) + "\n");
      const { value, done } = await lines.next();
      if (done) throw new Error("the reference hub driver exited");
      return JSON.parse(value);
    },
    stop: () => child.kill(),
  };
}

test("a reference Hub, a reference Client and this client type into one CRDT text and converge", async (t) => {
  if (!existsSync(python)) {
    t.skip(`no Python at ${python} (run ./install.sh)`);
    return;
  }
  const hub = driver();
  try {
    const ts = new Client();
    const opened = await hub.ask({ cmd: "open", who: "ts" });
    const sid = opened.sid;
    for (const f of opened.frames) ts.recv(f);
    await hub.ask({ cmd: "open", who: "py" });
    assert.equal(ts.value(sid).Str, "base");
    const r = rng(11);
    const held = []; // frames the hub sent to us, delivered late and in bursts
    for (let k = 0; k < 40; k++) {
      const len = Array.from(ts.value(sid).Str).length;
      const ours = ts.editCrdt(sid, [crdt.insertText([], r.int(len + 1), r.pick(["a", "λ", "🙂", "b"]))]);
      held.push(...(await hub.ask({ cmd: "from_ts", frame: ours })).frames);
      const look = await hub.ask({ cmd: "look" });
      const pyLen = Array.from(look.py.Str).length;
      const mutation = r.chance(0.3) && pyLen > 0
        ? { kind: "sequence_splice", path: [], index: r.int(pyLen), delete_count: 1, values: [] }
        : { kind: "sequence_splice", path: [], index: r.int(pyLen + 1), delete_count: 0, values: [r.pick(["X", "Y", "é"])] };
      held.push(...(await hub.ask({ cmd: "py_edit", mutations: [mutation] })).frames);
      if (r.chance(0.4)) for (const f of held.splice(0)) ts.recv(f);
    }
    for (const f of held.splice(0)) ts.recv(f);
    const end = await hub.ask({ cmd: "look" });
    assert.equal(end.py_pending, 0);
    assert.equal(ts.crdt.pending(sid), 0, "every local op was echoed");
    assert.equal(valueText(ts.value(sid)), valueText(end.hub));
    assert.equal(valueText(ts.value(sid)), valueText(end.py));
    assert.equal(ts.crdt.document(sid).stateJson(), end.state, "same reducer state as the reference hub, byte for byte");
    assert.ok(Array.from(end.hub.Str).length > 40, "the edits are all there");
  } finally {
    hub.stop();
  }
});
