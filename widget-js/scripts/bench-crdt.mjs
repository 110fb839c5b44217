// CRDT reducer benchmark (prints numbers; not a test). Run `npm run build` first, then
//   node scripts/bench-crdt.mjs [--ops 10000] [--chars 100000] [--writers 10] [--edits 2000] [--reference]
// --reference also runs the same work on the reference reducer (scripts/bench-crdt-reference.py,
// with ../.venv/bin/python or $TRANSPORTS_PYTHON) and prints its numbers after ours.
// 1. 10,000 sequence operations merged: 10 writers each type into one text (single-character
//    inserts and some deletes at random places); a fresh replica merges all of their operations,
//    once as one batch and once op by op.
// 2. A 100,000-character text edited by 10 writers: every writer starts from the same text,
//    makes local edits (each an insert or delete at a random place), and the writers then merge
//    each other's operations. Reports operations per second for local edits and for merging, and
//    the state size (bytes of state JSON) before and after compaction.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crdt } from "../dist/client.js";
import { rng } from "./crdt-scenarios.mjs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const OPS = opt("--ops", 10_000);
const CHARS = opt("--chars", 100_000);
const WRITERS = opt("--writers", 10);
const EDITS = opt("--edits", 2_000);
const REFERENCE = args.includes("--reference");
const work = {}; // what the reference replays
const spec = crdt.CrdtSpec.of({ kind: "sequence", materialization: "string" });
const r = rng(42);
const now = () => performance.now();
const fmt = (n) => Math.round(n).toLocaleString("en-US");
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;

function edit(doc, r, record) {
  const len = doc.value().Str.length; // ASCII text: UTF-16 length = element count
  const m =
    len > 0 && r.chance(0.2)
      ? { kind: "sequence_splice", path: [], index: r.int(len), delete_count: 1, values: [] }
      : { kind: "sequence_splice", path: [], index: r.int(len + 1), delete_count: 0, values: [{ Str: String.fromCharCode(97 + r.int(26)) }] };
  record?.push(m);
  return doc.mutate([crdt.readMutation(m, "m", "tagged")]).ops;
}

// 1. merge 10,000 sequence operations
{
  const writers = Array.from({ length: WRITERS }, (_, i) => crdt.CrdtDocument.create(spec, { Str: "" }, `w${i}`));
  const ops = [];
  const perWriter = Math.ceil(OPS / WRITERS);
  let t = now();
  for (const w of writers) for (let k = 0; k < perWriter && ops.length < OPS; k++) ops.push(...edit(w, r));
  const localMs = now() - t;
  const batch = crdt.CrdtDocument.create(spec, { Str: "" }, "merger");
  t = now();
  batch.apply(ops);
  const batchMs = now() - t;
  const single = crdt.CrdtDocument.create(spec, { Str: "" }, "merger2");
  t = now();
  for (const op of ops) single.apply([op]);
  const singleMs = now() - t;
  const state = batch.stateJson();
  work.merge_ops = JSON.parse(crdt.opsText(ops, "tagged"));
  console.log(`merge ${fmt(ops.length)} sequence ops from ${WRITERS} writers (text ends ${fmt(batch.value().Str.length)} chars):`);
  console.log(`  local edits:       ${fmt(ops.length / (localMs / 1000))} ops/s (${fmt(localMs)} ms)`);
  console.log(`  merge as 1 batch:  ${fmt(ops.length / (batchMs / 1000))} ops/s (${fmt(batchMs)} ms)`);
  console.log(`  merge op by op:    ${fmt(ops.length / (singleMs / 1000))} ops/s (${fmt(singleMs)} ms)`);
  console.log(`  state: ${mb(state.length)}; converged: ${single.stateJson() === state}`);
}

// 2. a 100,000-character text edited by 10 writers
{
  let base = "";
  for (let i = 0; i < CHARS; i++) base += String.fromCharCode(97 + r.int(26));
  let t = now();
  const first = crdt.CrdtDocument.create(spec, { Str: base }, "w0");
  const createMs = now() - t;
  t = now();
  const stateText = first.stateJson();
  const writeMs = now() - t;
  t = now();
  const writers = [first, ...Array.from({ length: WRITERS - 1 }, (_, i) => crdt.CrdtDocument.fromState(spec, stateText, `w${i + 1}`))];
  const restoreMs = (now() - t) / (WRITERS - 1);
  const logs = writers.map(() => []);
  const perWriter = Math.ceil(EDITS / WRITERS);
  work.text = base;
  work.writers = WRITERS;
  work.edits = writers.map(() => []);
  t = now();
  writers.forEach((w, i) => {
    for (let k = 0; k < perWriter; k++) logs[i].push(...edit(w, r, work.edits[i]));
  });
  const localMs = now() - t;
  const localOps = logs.reduce((n, l) => n + l.length, 0);
  t = now();
  writers.forEach((w, i) => w.apply(logs.flatMap((l, j) => (j === i ? [] : l))));
  const mergeMs = now() - t;
  const merged = localOps * (WRITERS - 1);
  const states = writers.map((w) => w.stateJson());
  work.our_state = states[0];
  const frontier = Object.fromEntries(writers.map((w, i) => [`w${i}`, Math.max(0, ...logs[i].map((op) => op.dot.counter))]));
  t = now();
  const removed = writers[0].compact(frontier);
  const compactMs = now() - t;
  console.log(`${fmt(CHARS)}-character text, ${WRITERS} writers, ${fmt(localOps)} local edits:`);
  console.log(`  create from the text: ${fmt(createMs)} ms; state JSON write: ${fmt(writeMs)} ms; restore from state: ${fmt(restoreMs)} ms per writer`);
  console.log(`  local edits: ${fmt(localOps / (localMs / 1000))} ops/s (${(localMs / localOps).toFixed(2)} ms per edit)`);
  console.log(`  merging the others' edits: ${fmt(merged / (mergeMs / 1000))} ops/s (${fmt(merged)} ops, one batch per writer, ${fmt(mergeMs)} ms)`);
  console.log(`  state: ${mb(states[0].length)} (${(states[0].length / CHARS).toFixed(0)} bytes per character); all writers converged: ${states.every((s) => s === states[0])}`);
  console.log(`  compaction at the writers' frontier: ${fmt(removed)} pieces dropped in ${fmt(compactMs)} ms, state ${mb(writers[0].stateJson().length)}`);
}

if (REFERENCE) {
  const here = dirname(fileURLToPath(import.meta.url));
  const python = process.env.TRANSPORTS_PYTHON ?? join(here, "..", "..", ".venv", "bin", "python");
  const dir = mkdtempSync(join(tmpdir(), "crdt-bench-"));
  try {
    const file = join(dir, "work.json");
    writeFileSync(file, JSON.stringify(work));
    const run = spawnSync(python, [join(here, "bench-crdt-reference.py"), file], { stdio: "inherit" });
    if (run.status !== 0) console.log(`the reference run failed (${python})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
