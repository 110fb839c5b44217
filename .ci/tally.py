"""Reads the logs of the test steps and prints one line per step and a grand total:
'N passed, N failed, N skipped'. Usage: tally.py ROOT label=logfile ... (surefire reports are read from ROOT)."""
import glob
import re
import sys
import xml.etree.ElementTree as ET


def surefire(root):
    p = f = s = 0
    for path in glob.glob(f"{root}/*/target/surefire-reports/TEST-*.xml"):
        suite = ET.parse(path).getroot()
        tests, fails = int(suite.get("tests", 0)), int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped = int(suite.get("skipped", 0))
        p, f, s = p + tests - fails - skipped, f + fails, s + skipped
    return p, f, s


def from_log(text):
    def last(pattern):
        found = re.findall(pattern, text, re.M)
        return int(found[-1]) if found else 0
    # node's test runner (TAP '# pass N' or spec 'ℹ pass N'), pytest ('N passed'), and 'N passed, N failed' lines
    p = last(r"^(?:#|ℹ) pass (\d+)") or last(r"(\d+) passed")
    f = last(r"^(?:#|ℹ) fail (\d+)") or last(r"(\d+) failed")
    s = last(r"^(?:#|ℹ) skipped (\d+)") or last(r"(\d+) skipped")
    return p, f, s


root = sys.argv[1]
total = [0, 0, 0]
rows = [("java", surefire(root))]
for arg in sys.argv[2:]:
    label, path = arg.split("=", 1)
    try:
        rows.append((label, from_log(open(path, encoding="utf-8", errors="replace").read())))
    except FileNotFoundError:
        continue
for label, (p, f, s) in rows:
    print(f"{label}: {p} passed, {f} failed, {s} skipped")
    total = [total[0] + p, total[1] + f, total[2] + s]
print(f"total: {total[0]} passed, {total[1]} failed, {total[2]} skipped")
