#!/usr/bin/env python3
"""cfn-lint over templates in every region where SageMaker runs (issue 21, class 5).

Reads src/SecureSageMaker/Data/region-support.json: an error is accepted only where that table says the
feature does not deploy (E3006, 'Resource type ... does not exist in <region>', for one of the feature's
types in one of its unsupported regions); in those regions the stack carries a CloudFormation rule that
stops the deploy first. Any other error fails, and so does a region the table marks unsupported for a type
cfn-lint knows there (the table is then stale and stops deploys that would work).

Usage: python3 tools/lint-regions.py cdk.out/A.template.json [...]
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = json.load(open(os.path.join(ROOT, "src", "SecureSageMaker", "Data", "region-support.json")))
REGIONS = TABLE["sageMakerRegions"]
UNSUPPORTED = {t: set(f["unsupportedRegions"]) for f in TABLE["features"].values() for t in f["resourceTypes"]}
MISSING = re.compile(r"Resource type '([^']+)' does not exist in '([^']+)'")


def main(templates):
    if not templates:
        print("usage: lint-regions.py TEMPLATE...", file=sys.stderr)
        return 2
    run = subprocess.run(["cfn-lint", "--format", "parseable", "--regions", *REGIONS, "--", *templates], capture_output=True, text=True)
    errors, excused, seen = [], 0, set()
    for line in run.stdout.splitlines():
        parts = line.split(":", 6)
        if len(parts) < 7 or not parts[5].startswith("E"):
            continue
        found = MISSING.search(line)
        if parts[5] == "E3006" and found:
            seen.add((found.group(1), found.group(2)))
            if found.group(2) in UNSUPPORTED.get(found.group(1), set()):
                excused += 1
                continue
        errors.append(line)
    present = {r.get("Type") for p in templates for r in json.load(open(p)).get("Resources", {}).values()}
    stale = sorted((name, r) for name, f in TABLE["features"].items() for r in f["unsupportedRegions"]
                   if any(t in present for t in f["resourceTypes"]) and not any((t, r) in seen for t in f["resourceTypes"]))
    print(f"cfn-lint {len(REGIONS)} regions x {len(templates)} templates: {len(errors)} errors, {excused} accepted by the region table")
    for line in errors:
        print("  " + line)
    for name, r in stale:
        print(f"  stale region table: feature {name} is marked unsupported in {r}, but cfn-lint knows each of its types there")
    if run.returncode not in (0, 2, 4, 6, 8, 10, 12, 14) or run.stderr.strip():
        print(run.stderr, file=sys.stderr)
        return 1
    return 1 if errors or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
