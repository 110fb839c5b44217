"""The same CRDT work as scripts/bench-crdt.mjs, on the reference reducer (the compiled core of the
Python transports package), for numbers side by side. Reads the work (JSON written by
bench-crdt.mjs --reference) from the file named on the command line; prints numbers, tests nothing."""

import json
import sys
import time

from transports.transports import CrdtDocument, normalize_crdt_spec


def ms(start):
    return (time.perf_counter() - start) * 1000


def main(path):
    work = json.load(open(path))
    spec = normalize_crdt_spec(json.dumps({"root": {"kind": "sequence", "materialization": "string"}}))
    ops = work["merge_ops"]
    doc = CrdtDocument(spec, json.dumps({"Str": ""}), "merger")
    start = time.perf_counter()
    doc.apply(json.dumps(ops))
    batch = ms(start)
    print(f"reference: merge {len(ops):,} sequence ops as 1 batch: {len(ops) / (batch / 1000):,.0f} ops/s ({batch:,.0f} ms); state {len(doc.state()) / 1e6:.2f} MB")

    text = work["text"]
    start = time.perf_counter()
    first = CrdtDocument(spec, json.dumps({"Str": text}), "w0")
    create = ms(start)
    start = time.perf_counter()
    state = first.state()
    write = ms(start)
    writers = work["writers"]
    start = time.perf_counter()
    docs = [first] + [CrdtDocument.from_state(spec, state, f"w{i}") for i in range(1, writers)]
    restore = ms(start) / (writers - 1)
    logs = []
    start = time.perf_counter()
    local = 0
    for i, mutations in enumerate(work["edits"]):
        made = []
        for mutation in mutations:
            made.extend(json.loads(docs[i].mutate(json.dumps([mutation])))["ops"])
        local += len(mutations)
        logs.append(made)
    local_ms = ms(start)
    start = time.perf_counter()
    merged = 0
    for i, doc in enumerate(docs):
        others = [op for j, log in enumerate(logs) if j != i for op in log]
        merged += len(others)
        doc.apply(json.dumps(others))
    merge_ms = ms(start)
    states = [d.state() for d in docs]
    print(f"reference: {len(text):,}-character text, {writers} writers, {local:,} local edits:")
    print(f"  create from the text: {create:,.0f} ms; state JSON write: {write:,.0f} ms; restore from state: {restore:,.0f} ms per writer")
    print(f"  local edits: {local / (local_ms / 1000):,.0f} ops/s ({local_ms / local:.2f} ms per edit)")
    print(f"  merging the others' edits: {merged / (merge_ms / 1000):,.0f} ops/s ({merged:,} ops, {merge_ms:,.0f} ms)")
    print(f"  state: {len(states[0]) / 1e6:.2f} MB; all writers converged: {all(s == states[0] for s in states)}; same state as ours: {states[0] == work.get('our_state')}")


if __name__ == "__main__":
    main(sys.argv[1])
