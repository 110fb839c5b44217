"""The CRDT text workloads of docs/benchmarks.md for the Python transports package (its compiled
reducer): the operations CrdtTimer.java made and wrote to a file, applied to a fresh replica once as
one batch and once one operation per call, timed by CPU time (time.process_time). Prints lines in CrdtTimer's form. Usage: crdt_timer.py OPS_FILE [MAX_SINGLE]
(MAX_SINGLE caps the one-per-call run, which is slow on long texts; the rate is over the operations run)."""
import json
import sys
import time

from transports import CrdtSpec
from transports.transports import CrdtDocument as Raw

SPEC = CrdtSpec({"kind": "sequence", "materialization": "string"}).to_json()


def main():
    workloads = json.load(open(sys.argv[1], encoding="utf-8"))
    cap = int(sys.argv[2]) if len(sys.argv) > 2 else 10**9
    for name, w in workloads.items():
        initial = json.dumps(w["initial"])
        ops = w["ops"]
        doc = Raw(SPEC, initial, "z")
        text = json.dumps(ops)
        t0 = time.process_time()
        doc.apply(text)
        doc.value()
        batch = time.process_time() - t0
        print("%s merge-batch ops=%d ms=%.1f ops_per_s=%.0f" % (name, len(ops), batch * 1e3, len(ops) / batch))
        single = Raw(SPEC, initial, "y")
        run = ops[:cap]
        encoded = [json.dumps([op]) for op in run]
        t0 = time.process_time()
        for one in encoded:
            single.apply(one)
        single.value()
        elapsed = time.process_time() - t0
        print("%s merge-one-per-call ops=%d ms=%.1f ops_per_s=%.0f" % (name, len(run), elapsed * 1e3, len(run) / elapsed))
        state = doc.state()
        value = json.loads(doc.value())["Str"]
        print("%s state_bytes=%d text_chars=%d" % (name, len(state.encode()), len(value)))


if __name__ == "__main__":
    main()
