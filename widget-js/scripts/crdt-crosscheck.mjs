// Cross-check of the TypeScript CRDT reducer against the reference reducer (the compiled core in
// the Python `transports` 0.10.0 package): seeded scenarios are played here, replayed there by
// scripts/crdt-crosscheck.py, and every step must agree — the same operations (dots included),
// deltas, applied counts, values, refusals, and byte-identical state text. Positional patches are
// compared too but only counted: ours come from this project's diff (shared with the Java core),
// which may choose other list ops than the reference's for the same change.
//
//   node scripts/crdt-crosscheck.mjs [--seeds N] [--from S] [--python PATH]
// Needs `npm run build` first and a Python with transports installed (default ../.venv/bin/python,
// which ./install.sh makes). Exits 1 on any disagreement, printing the first few.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { runCraftedScenario, runScenario } from "./crdt-scenarios.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const seeds = Number(opt("--seeds", "60"));
const from = Number(opt("--from", "1"));
const python = opt("--python", process.env.TRANSPORTS_PYTHON ?? join(here, "..", "..", ".venv", "bin", "python"));

export function crossCheck({ seeds, from, python }) {
  if (!existsSync(python)) return { skipped: `no Python at ${python} (run ./install.sh, or pass --python)` };
  const runs = [];
  for (let seed = from; seed < from + seeds; seed++) {
    runs.push(runScenario(seed, { steps: 30 + (seed % 3) * 20 }));
    if (seed % 3 === 0) runs.push(runCraftedScenario(seed));
  }
  const py = spawnSync(python, [join(here, "crdt-crosscheck.py")], { input: JSON.stringify(runs.map((r) => r.scenario)), maxBuffer: 1 << 30, encoding: "utf8" });
  if (py.status !== 0) throw new Error(`the reference replay failed: ${py.stderr}`);
  const theirs = JSON.parse(py.stdout);
  const problems = [];
  let steps = 0;
  let patchDiffers = 0;
  runs.forEach((run, n) => {
    run.results.forEach((ours, k) => {
      steps++;
      const ref = theirs[n][k];
      const where = `seed ${run.scenario.seed} step ${k} (${ours.replica})`;
      if (Boolean(ours.error) !== Boolean(ref.error)) {
        problems.push(`${where}: refusal differs: ours ${Boolean(ours.error)}, reference ${ref.error ?? "accepted"}`);
        return;
      }
      if (ours.ops && !isDeepStrictEqual(ours.ops, ref.ops)) problems.push(`${where}: ops differ\n ours ${JSON.stringify(ours.ops)}\n ref  ${JSON.stringify(ref.ops)}`);
      if (ours.effect) {
        if (ours.effect.applied !== ref.effect.applied) problems.push(`${where}: applied ${ours.effect.applied} vs ${ref.effect.applied}`);
        if (!isDeepStrictEqual(ours.effect.deltas, JSON.parse(JSON.stringify(ref.effect.deltas)))) problems.push(`${where}: deltas differ\n ours ${JSON.stringify(ours.effect.deltas)}\n ref  ${JSON.stringify(ref.effect.deltas)}`);
        if (!isDeepStrictEqual(JSON.parse(JSON.stringify(ours.effect.patch.ops)), ref.effect.patch.ops)) patchDiffers++;
      }
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(ours.value)), ref.value)) problems.push(`${where}: value differs\n ours ${JSON.stringify(ours.value)}\n ref  ${JSON.stringify(ref.value)}`);
      if (ours.state !== ref.state) problems.push(`${where}: state text differs\n ours ${ours.state}\n ref  ${ref.state}`);
    });
  });
  return { scenarios: runs.length, steps, problems, patchDiffers };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = crossCheck({ seeds, from, python });
  if (result.skipped) {
    console.log(`crdt cross-check skipped: ${result.skipped}`);
    process.exit(2);
  }
  console.log(`crdt cross-check: ${result.scenarios} scenarios, ${result.steps} steps, ${result.problems.length} disagreements, ${result.patchDiffers} steps whose positional patch differs (informational)`);
  for (const p of result.problems.slice(0, 8)) console.log(p);
  process.exit(result.problems.length ? 1 : 0);
}
