// CPU time per operation (process.cpuUsage, so a loaded machine distorts it less than wall time) of
// edits on one long text: random local edits, another replica's edits merged one by one and in a
// batch, local edits after merging (ids no longer in insertion order), and typing at one caret with
// the keys merged by another replica. Prints numbers; not a test. Run `npm run build` first, then
//   node scripts/bench-crdt-edits.mjs [CHARS]      (default 100000)
const { crdt } = await import("../dist/client.js");
const spec = crdt.CrdtSpec.of({ kind: "sequence", materialization: "string" });
let seed = 3; const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const N = Number(process.argv[2] ?? 100000);
const text = Array.from({ length: N }, (_, i) => "abcdefghij"[i % 10]).join("");
const a = crdt.CrdtDocument.create(spec, { Str: text }, "a");
const b = crdt.CrdtDocument.fromState(spec, a.stateJson(), "b");
const edit = (w) => { const len = w.value().Str.length; return w.mutate([rnd(5) === 0 ? crdt.deleteText([], rnd(len), 1) : crdt.insertText([], rnd(len + 1), "x")]).ops; };
a.value(); b.value();
let t = cpu(); const aOps = []; for (let i = 0; i < 200; i++) aOps.push(...edit(a)); const localA = (cpu() - t) / 200;
const bOps = []; for (let i = 0; i < 200; i++) bOps.push(...edit(b));
t = cpu(); for (const op of bOps) a.apply([op]); const remote = (cpu() - t) / bOps.length;
t = cpu(); for (let i = 0; i < 200; i++) aOps.push(...edit(a)); const localAfter = (cpu() - t) / 200;
const c = crdt.CrdtDocument.fromState(spec, b.stateJson(), "c"); c.value();
t = cpu(); c.apply(aOps.slice(0, 200)); const batch = (cpu() - t) / 200;
let caret = Math.floor(N / 2); t = cpu(); for (let i = 0; i < 200; i++) { aOps.push(...a.mutate([crdt.insertText([], caret, "t")]).ops); caret++; } const typing = (cpu() - t) / 200;
c.apply(aOps.slice(400)); t = cpu(); for (let i = 0; i < 200; i++) { const ops = a.mutate([crdt.insertText([], caret, "u")]).ops; caret++; c.apply(ops); } const typingRemote = (cpu() - t) / 200;
console.log(`${N} chars: typing at one caret ${typing.toFixed(2)} ms per key; the same keys merged by another replica (+ typing) ${typingRemote.toFixed(2)} ms;`);
console.log(`${N} chars: local edit ${localA.toFixed(2)} ms; remote op one by one ${remote.toFixed(2)} ms; local edit after merging ${localAfter.toFixed(2)} ms; remote op in a batch of ${aOps.length} ${batch.toFixed(2)} ms (CPU time per op)`);
