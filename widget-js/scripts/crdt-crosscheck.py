"""Replays CRDT scenarios (JSON on stdin: a list of {spec, initial, replicas, steps}) on the
reference reducer (the compiled core of the Python `transports` package) and prints what every
step produced (ops, effect, value, state text) as JSON, for scripts/crdt-crosscheck.mjs to compare
with the TypeScript reducer. Run with the interpreter that has `transports` installed."""

import json
import sys

from transports.transports import CrdtDocument, normalize_crdt_spec


def replay(scenario):
    spec_json = normalize_crdt_spec(json.dumps(scenario["spec"]))
    docs = {name: CrdtDocument(spec_json, json.dumps(scenario["initial"]), name) for name in scenario["replicas"]}
    results = []
    for step in scenario["steps"]:
        doc = docs[step["replica"]]
        out = {"replica": step["replica"]}
        try:
            if "mutate" in step:
                change = json.loads(doc.mutate(json.dumps(step["mutate"])))
                out["ops"] = change["ops"]
                out["effect"] = change["effect"]
            else:
                out["effect"] = json.loads(doc.apply(json.dumps(step["apply"])))
        except ValueError as error:
            out["error"] = str(error)
        out["value"] = json.loads(doc.value())
        out["state"] = doc.state()
        results.append(out)
    return results


if __name__ == "__main__":
    print(json.dumps([replay(s) for s in json.load(sys.stdin)]))
