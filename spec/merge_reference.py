"""Merge-strategy vectors from the Python reference (transports 0.10.0): feeds seeded random write
sequences to its LwwMapCrdt and DeepLwwCrdt and records, for each sequence, the value and the clock
the reference ends with, in spec/merge.json. The Java core replays the same writes through its LwwMap
and DeepLww (core MergeReferenceVectorsTest) and must end with the same value and clock.

  python merge_reference.py          # check: the reference still gives exactly spec/merge.json
  python merge_reference.py --write  # regenerate spec/merge.json from the reference

The DeepLww sequences write leaf fields only (no write's path is an ancestor of another's), where
the reference's exact-path rule and ours agree; docs/protocol.md ("Merge strategies") says where
they differ and why. Origins include text that orders differently by UTF-16 unit and by code point.
Exit status 1 when the reference disagrees with the file."""
import json
import os
import random
import sys

from transports import DeepLwwCrdt, LwwMapCrdt

HERE = os.path.dirname(os.path.abspath(__file__))
FILE = os.path.join(HERE, "merge.json")
ORIGINS = ["A", "B", "a", "<host>", "\u00e9", "\U0001F600", "\uFF21"]


def Int(n):
    return {"Int": n}


def key_path(*keys):
    return [{"Key": k} for k in keys]


def lww_case(r, n):
    start = {"Map": {"k0": Int(0), "k1": Int(0), "k2": Int(0), "n": {"Map": {"x": Int(0)}}}}
    writes = []
    for _ in range(n):
        ops = []
        for _ in range(r.randint(1, 3)):
            pick = r.randrange(6)
            if pick == 0:
                ops.append({"Remove": {"path": key_path("k%d" % r.randrange(3))}})
            elif pick == 1:  # nested under the key n, stamped by n
                ops.append({"Set": {"path": key_path("n", r.choice("xy")), "value": Int(r.randrange(10))}})
            elif pick == 2:
                ops.append({"Set": {"path": key_path("n"), "value": {"Map": {"x": Int(r.randrange(10))}}}})
            else:
                ops.append({"Set": {"path": key_path("k%d" % r.randrange(3)), "value": Int(r.randrange(10))}})
        writes.append({"origin": r.choice(ORIGINS), "patch": {"rev": r.randrange(4), "ops": ops}})
    return start, writes


def deep_case(r, n):
    start = {"Map": {"a": {"Map": {"b": Int(0), "c": Int(0), "d": {"Map": {"e": Int(0)}}}}, "z": Int(0)}}
    leaves = [("a", "b"), ("a", "c"), ("a", "d", "e"), ("z",)]
    writes = []
    for _ in range(n):
        ops = []
        for _ in range(r.randint(1, 2)):
            leaf = r.choice(leaves)
            if r.randrange(4) == 0:
                ops.append({"Remove": {"path": key_path(*leaf)}})
            else:
                ops.append({"Set": {"path": key_path(*leaf), "value": Int(r.randrange(10))}})
        writes.append({"origin": r.choice(ORIGINS), "patch": {"rev": r.randrange(4), "ops": ops}})
    return start, writes


def run(strategy, start, writes):
    s = strategy()
    v = start
    for w in writes:
        v = s.merge(v, w["patch"], w["origin"])
    return v, s.state()


def cases():
    r = random.Random(20261130)
    out = []
    for i in range(20):
        start, writes = lww_case(r, r.randint(1, 8))
        value, state = run(LwwMapCrdt, start, writes)
        out.append({"name": "lww-map-%d" % i, "strategy": "LwwMap", "start": start, "writes": writes, "value": value, "state": state})
    for i in range(20):
        start, writes = deep_case(r, r.randint(1, 8))
        value, state = run(DeepLwwCrdt, start, writes)
        out.append({"name": "deep-lww-%d" % i, "strategy": "DeepLww", "start": start, "writes": writes, "value": value, "state": state})
    return out


def main():
    got = cases()
    text = "[\n" + ",\n".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in got) + "\n]\n"  # a case a line
    if "--write" in sys.argv:
        with open(FILE, "w", encoding="utf-8") as f:
            f.write(text)
        print("wrote %d merge cases to %s" % (len(got), FILE))
        return 0
    with open(FILE, encoding="utf-8") as f:
        want = json.load(f)
    differ = [g["name"] for g, w in zip(got, want) if g != w]
    if len(got) != len(want):
        differ.append("count %d != %d" % (len(got), len(want)))
    for name in differ:
        print("merge vector differs from the reference:", name)
    print("merge vectors: %d cases, %d differ from the reference" % (len(got), len(differ)))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
