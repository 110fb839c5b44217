"""Merges per second of the Python reference's merge strategies (transports 0.10.0) on the workload
of bench MergeBench: 10,000 writes from 10 origins, each against a revision up to 5 behind; a map of
100 keys with one key set per write (LastWriteWins, LwwMapCrdt), or 10 groups of 10 fields with one
nested field set per write (DeepLwwCrdt). Prints one line per strategy; numbers only, never a test.
Usage: python bench/python/merge_rate.py (with the reference installed, as compare_python.sh does)."""
import random
import time

from transports import DeepLwwCrdt, LastWriteWins, LwwMapCrdt

WRITES, ORIGINS, MAX_LAG = 10_000, 10, 5


def writes(nested, r):
    out, rev = [], 0
    for i in range(WRITES):
        base = max(0, rev - r.randint(0, MAX_LAG))
        if nested:
            path = [{"Key": "g%d" % r.randrange(10)}, {"Key": "f%d" % r.randrange(10)}]
        else:
            path = [{"Key": "k%d" % r.randrange(100)}]
        out.append(({"rev": base, "ops": [{"Set": {"path": path, "value": {"Int": i}}}]}, "origin-%d" % r.randrange(ORIGINS)))
        rev += 1  # every write here sets a new value, so each makes a revision
    return out


def main():
    flat = {"Map": {"k%d" % k: {"Int": 0} for k in range(100)}}
    nested = {"Map": {"g%d" % g: {"Map": {"f%d" % f: {"Int": 0} for f in range(10)}} for g in range(10)}}
    for name, strategy, start, is_nested in (("LastWriteWins", LastWriteWins, flat, False), ("LwwMap", LwwMapCrdt, flat, False),
                                             ("DeepLww", DeepLwwCrdt, nested, True)):
        ws = writes(is_nested, random.Random(42))
        best = 0.0
        for _ in range(3):
            s, v = strategy(), start
            t0 = time.perf_counter()
            for patch, origin in ws:
                v = s.merge(v, patch, origin)
            best = max(best, WRITES / (time.perf_counter() - t0))
        print("%s: %.0f merges/s (best of 3 runs of %d writes)" % (name, best, WRITES))


if __name__ == "__main__":
    main()
