"""Generates random CRDT edit streams with the reference reducer of the Python `transports` package
(0.10.0, its compiled CrdtDocument) and writes what it did and what it reached, for the Java tests to
replay: per stream a spec, an initial value, and for each of three writing replicas its events in order
(a local mutation with the operations the reference made for it, or a delivery of other replicas'
operations), each replica's final value and state text; then a receiver that gets every operation in a
shuffled order with duplicates, in random batches, and its value and state, before and after compacting
at the frontier of everything. Values and operations are in the reducer's tagged form.

Usage: python python_streams.py SEED COUNT OUT.json   (spec/crdt/check_python_crdt.sh runs it)"""
import json
import random
import sys

from transports.transports import CrdtDocument as Raw
from transports import CrdtSpec

TEXT = {"kind": "sequence", "materialization": "string"}
RECORD = {"kind": "map", "fields": {"id": {"kind": "register"}, "title": {"kind": "register"}}}
SPECS = [
    {"root": TEXT},
    {"root": {"kind": "map", "fields": {
        "text": TEXT,
        "title": {"kind": "register"},
        "tags": {"kind": "set"},
        "rows": {"kind": "set", "keys": [["id"]], "element": RECORD},
        "items": {"kind": "sequence", "element": {"kind": "register"}},
    }, "values": {"kind": "register"}}},
]
CHARS = "abcxyz λé😀 \n\""


def tag(v):
    if v is None:
        return "Null"
    if isinstance(v, bool):
        return {"Bool": v}
    if isinstance(v, int):
        return {"Int": v}
    if isinstance(v, float):
        return {"Float": v}
    if isinstance(v, str):
        return {"Str": v}
    if isinstance(v, list):
        return {"List": [tag(x) for x in v]}
    return {"Map": {k: tag(x) for k, x in v.items()}}


def untag(v):
    if v == "Null":
        return None
    ((t, x),) = v.items()
    if t == "List":
        return [untag(y) for y in x]
    if t == "Map":
        return {k: untag(y) for k, y in x.items()}
    return x


def scalar(rng):
    # floats with few digits: the reference parses JSON numbers through serde_json without its
    # float_roundtrip feature, which can land 1 ulp off for 17-digit decimals (it changes the value
    # it was given), so long random doubles would test that quirk instead of the reducer
    return rng.choice([rng.randint(-5, 5), round(rng.random() * 1e6, 3), rng.choice([1e-7, 1e20, 0.1, -0.0, 2.0]),
                       "".join(rng.choice(CHARS) for _ in range(rng.randint(0, 3))), True, None,
                       [1, "two", 3.5], {"k": "v", "n": 1}])


def text_splice(rng, path, text):
    n = len(text)
    index = rng.randint(0, n)
    delete = rng.randint(0, min(3, n - index)) if rng.random() < 0.4 else 0
    values = [{"Str": rng.choice(CHARS)} for _ in range(rng.randint(0 if delete else 1, 4))]
    return {"kind": "sequence_splice", "path": path, "index": index, "delete_count": delete, "values": values}


def mutation(rng, spec_index, doc):
    value = untag(json.loads(doc.value()))
    if spec_index == 0:
        return text_splice(rng, [], value)
    key = lambda k: {"kind": "key", "key": k}
    choice = rng.randrange(9)
    if choice <= 2 and "text" in value:
        return text_splice(rng, [key("text")], value["text"])
    if choice == 3:
        return {"kind": "register_set", "path": [key("title")], "value": tag(scalar(rng))}
    if choice == 4:
        if rng.random() < 0.5 and value.get("tags"):
            member = rng.choice(value["tags"])
            k = doc.member_key(json.dumps([key("tags")]), json.dumps(tag(member)))
            return {"kind": "set_remove", "path": [key("tags")], "key": k}
        return {"kind": "set_add", "path": [key("tags")], "value": tag(rng.choice(["red", "green", "blue", 7]))}
    if choice == 5:
        rows = value.get("rows") or []
        if rows and rng.random() < 0.6:
            row = rng.choice(rows)
            k = doc.member_key(json.dumps([key("rows")]), json.dumps(tag(row)))
            if rng.random() < 0.5:
                return {"kind": "register_set", "path": [key("rows"), {"kind": "member", "key": k}, key("title")], "value": tag(scalar(rng))}
            return {"kind": "set_remove", "path": [key("rows")], "key": k}
        return {"kind": "set_add", "path": [key("rows")], "value": tag({"id": rng.randint(1, 4), "title": "t%d" % rng.randint(0, 9)})}
    if choice == 6 and "items" in value:
        items = value["items"]
        index = rng.randint(0, len(items))
        delete = rng.randint(0, min(2, len(items) - index))
        return {"kind": "sequence_splice", "path": [key("items")], "index": index, "delete_count": delete,
                "values": [tag(scalar(rng)) for _ in range(rng.randint(0, 2))]}
    if choice == 7:
        extra = [k for k in value if k.startswith("x")]
        if extra and rng.random() < 0.5:
            return {"kind": "map_remove", "path": [], "key": rng.choice(extra + ["title", "tags"])}
        return {"kind": "map_set", "path": [], "key": rng.choice(["x1", "x2", "title"]), "value": tag(scalar(rng))}
    return {"kind": "map_set", "path": [], "key": rng.choice(["x1", "x2"]), "value": tag(scalar(rng))}


def initial(spec_index):
    if spec_index == 0:
        return tag("seed😀")
    return tag({"text": "ab", "title": "draft", "tags": ["red"], "rows": [{"id": 1, "title": "one"}], "items": [1, 2]})


def stream(seed):
    rng = random.Random(seed)
    spec_index = seed % len(SPECS)
    spec = CrdtSpec.from_dict(SPECS[spec_index]).to_json()
    init = initial(spec_index)
    names = ["a", "b", "c"]
    docs = {n: Raw(spec, json.dumps(init), n) for n in names}
    events = {n: [] for n in names}
    ops = []  # every op made, in order of making
    delivered = {n: 0 for n in names}
    for _ in range(rng.randint(5, 40)):
        n = rng.choice(names)
        if rng.random() < 0.25 and len(ops) > delivered[n]:
            upto = rng.randint(delivered[n] + 1, len(ops))
            picked = [i for i in range(delivered[n], upto) if ops[i]["dot"]["replica"] != n]
            rng.shuffle(picked)
            docs[n].apply(json.dumps([ops[i] for i in picked]))
            events[n].append({"apply": picked})
            delivered[n] = upto
            continue
        m = [mutation(rng, spec_index, docs[n]) for _ in range(rng.choice([1, 1, 1, 2]))]
        try:
            change = json.loads(docs[n].mutate(json.dumps(m)))
        except Exception as error:  # a refused edit is part of the stream too: the document must not change
            events[n].append({"mutate": m, "error": str(error)})
            continue
        events[n].append({"mutate": m, "ops": change["ops"]})
        ops.extend(change["ops"])
    replicas = {n: {"events": events[n], "value": json.loads(docs[n].value()), "state": docs[n].state()} for n in names}
    order = list(range(len(ops))) + [rng.randrange(len(ops)) for _ in range(len(ops) // 3)] if ops else []
    rng.shuffle(order)
    batches = []
    while order:
        k = rng.randint(1, 5)
        batches.append(order[:k])
        order = order[k:]
    z = Raw(spec, json.dumps(init), "z")
    for b in batches:
        z.apply(json.dumps([ops[i] for i in b]))
    # the frontier a replica can vouch for: per writer, the counters seen without a gap from 1
    # (counters are shared Lamport clocks, so a writer's own dots have gaps and compaction stops there)
    frontier = {}
    for op in sorted(ops, key=lambda op: op["dot"]["counter"]):
        r = op["dot"]["replica"]
        if op["dot"]["counter"] == frontier.get(r, 0) + 1:
            frontier[r] = op["dot"]["counter"]
    receiver = {"batches": batches, "value": json.loads(z.value()), "state": z.state(), "frontier": frontier}
    receiver["compacted"] = z.compact(json.dumps(frontier))
    receiver["compacted_state"] = z.state()
    receiver["compacted_value"] = json.loads(z.value())
    return {"seed": seed, "spec": json.loads(spec), "initial": init, "ops": ops, "replicas": replicas, "receiver": receiver}


def main():
    seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    streams = [stream(seed + i) for i in range(count)]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(streams, f, ensure_ascii=False, separators=(",", ":"))
    print("wrote %d streams with %d operations to %s" % (count, sum(len(s["ops"]) for s in streams), out))


if __name__ == "__main__":
    main()
