"""Records what the reference reducer (the compiled CrdtDocument of `transports` 0.10.0) does with
string-sequence elements that are not one character: it checks a string's elements when it
materialises them, so such an element is refused only when it would show. Each case applies batches of
remote operations (plain JSON values, as on the wire) to a document holding {"text": "ab"} and records,
per batch, whether it was accepted (and the reference's error when not), then the final text and state;
a `mutate` case records a local edit. Written for the Java and TypeScript tests to replay.

Usage: python string_elements.py OUT.json"""
import json
import sys

from transports import CrdtSpec
from transports.crdt import CrdtDocument

SPEC = {"kind": "map", "fields": {"text": {"kind": "sequence", "materialization": "string"}}}
P = [{"kind": "key", "key": "text"}]


def eid(counter, index):
    return {"dot": {"counter": counter, "replica": "r"}, "index": index}


def insert(counter, values, after=None):
    return {"kind": "sequence_insert", "dot": {"counter": counter, "replica": "r"}, "path": P, "after": after, "values": values}


def delete(counter, ids):
    return {"kind": "sequence_delete", "dot": {"counter": counter, "replica": "r"}, "path": P, "ids": ids}


def write(counter, element, value):
    path = P + [{"kind": "element", "id": element}]
    return {"kind": "register_set", "dot": {"counter": counter, "replica": "r"}, "path": path, "value": value}


CASES = {
    "a multi-character insert whose element was deleted first": [[delete(9, [eid(5, 0)])], [insert(5, ["two"])]],
    "a multi-character insert alone": [[insert(5, ["two"])]],
    "a multi-character insert then its delete, one batch": [[insert(5, ["two"]), delete(6, [eid(5, 0)])]],
    "a delete then the multi-character insert it names, one batch": [[delete(6, [eid(5, 0)]), insert(5, ["two"])]],
    "the second of two values deleted first": [[delete(9, [eid(5, 1)])], [insert(5, ["x", "two"])]],
    "the first of two values deleted first": [[delete(9, [eid(5, 0)])], [insert(5, ["two", "x"])]],
    "a multi-character write of a shown element": [[insert(5, ["x"])], [write(6, eid(5, 0), "two")]],
    "a multi-character write of a deleted element": [[insert(5, ["x"]), delete(6, [eid(5, 0)])], [write(7, eid(5, 0), "two")]],
    "a multi-character write that loses to the element's own dot": [[insert(5, ["x"])], [write(4, eid(5, 0), "two")]],
    "a winning multi-character write before its element is inserted": [[write(7, eid(5, 0), "two")], [insert(5, ["x"])]],
    "a losing multi-character write before its element is inserted": [[write(3, eid(5, 0), "two")], [insert(5, ["x"])]],
    "an empty string whose element was deleted first": [[delete(9, [eid(5, 0)])], [insert(5, [""])]],
    "a number whose element was deleted first": [[delete(9, [eid(5, 0)])], [insert(5, [1])]],
}


def main(out):
    spec = CrdtSpec(SPEC)
    cases = []
    for name, batches in CASES.items():
        doc = CrdtDocument(spec, {"text": "ab"}, "a")
        results = []
        for batch in batches:
            try:
                doc.apply(batch)
                results.append({"accepted": True})
            except Exception as e:  # the reference raises ValueError with its reason
                results.append({"accepted": False, "error": str(e)})
        cases.append({"name": name, "batches": batches, "results": results, "text": doc.value["text"],
                      "state": doc._inner.state()})  # the reducer's own state text
    doc = CrdtDocument(spec, {"text": "ab"}, "a")
    try:
        doc.mutate([{"kind": "sequence_splice", "path": P, "index": 0, "delete_count": 0, "values": ["two"]}])
        mutate = {"accepted": True}
    except Exception as e:
        mutate = {"accepted": False, "error": str(e)}
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"spec": spec.to_dict(), "initial": {"text": "ab"}, "cases": cases,
                   "mutate": {"values": ["two"], "result": mutate}}, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
