"""Runs spec/values.json and spec/frames.json through the Python reference (the `transports`
package) and reports every case where its verdict (accept or refuse) differs from the vector's.
Exit status 1 when any differs. Used by spec/check_python_reference.sh."""
import json
import os
import sys

import transports

HERE = os.path.dirname(os.path.abspath(__file__))
CODECS = {"json": "application/json", "msgpack": "application/msgpack", "cbor": "application/cbor"}


def verdict(run):
    try:
        run()
        return "accepts"
    except Exception as e:  # the reference raises ValueError; any refusal counts
        return "refuses (%s)" % str(e)[:80]


def main():
    differ = 0
    total = 0
    with open(os.path.join(HERE, "values.json"), encoding="utf-8") as f:
        values = json.load(f)
    for case in values:
        frame = '{"t":"snapshot","id":1,"type":"T","rev":0,"value":%s}' % case["input"]
        got = verdict(lambda: transports.normalize_message(frame))
        want = "accepts" if "canonical" in case else "refuses"
        total += 1
        if not got.startswith(want):
            differ += 1
            print("values.json: %s: the reference %s, the vector %s" % (case["name"], got, want))
    with open(os.path.join(HERE, "frames.json"), encoding="utf-8") as f:
        frames = json.load(f)
    for case in frames:
        data = bytes.fromhex(case["hex"])
        got = verdict(lambda: transports.decode_message(data, CODECS[case["codec"]]))
        want = "accepts" if "message" in case else "refuses"
        total += 1
        if not got.startswith(want):
            differ += 1
            print("frames.json: %s: the reference %s, the vector %s" % (case["name"], got, want))
    print("%d of %d cases agree with the Python reference %s" % (total - differ, total, transports.__version__
          if hasattr(transports, "__version__") else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
