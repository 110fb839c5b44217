"""Adds up the surefire reports of every module and prints one line: 'N passed, N failed, N skipped'."""
import glob
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
tests = failures = errors = skipped = 0
for path in glob.glob(f"{root}/*/target/surefire-reports/TEST-*.xml"):
    suite = ET.parse(path).getroot()
    tests += int(suite.get("tests", 0))
    failures += int(suite.get("failures", 0))
    errors += int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(f"{tests - failures - errors - skipped} passed, {failures + errors} failed, {skipped} skipped")
