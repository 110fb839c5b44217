// The TypeScript CRDT reducer against the reference reducer itself (the compiled core of the
// Python transports 0.10.0 package in the worktree's .venv, made by ./install.sh): seeded scenarios
// must give the same ops, deltas, values and byte-identical state text. Skipped, saying why, when
// that Python is not there; CI can run scripts/crdt-crosscheck.mjs directly for more seeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crossCheck } from "../scripts/crdt-crosscheck.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const python = process.env.TRANSPORTS_PYTHON ?? join(here, "..", "..", ".venv", "bin", "python");
const seeds = process.env.TRANSPORTS_FULL === "true" ? 500 : 24;

test(`the reducer agrees with the reference reducer step by step (${seeds} seeded scenarios)`, (t) => {
  const result = crossCheck({ seeds, from: 1000, python });
  if (result.skipped) {
    t.skip(result.skipped);
    return;
  }
  assert.deepEqual(result.problems.slice(0, 3), []);
  assert.ok(result.steps > seeds * 20, `only ${result.steps} steps were compared`);
});
