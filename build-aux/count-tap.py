#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts the individual TAP test cases of a meson test run.

Reads meson's testlog.json and prints "N passed, N failed" (and skipped
ones when there are any). A test program that failed without reporting a
failing case (a crash, a bail-out, a timeout) counts as one failure.
Exits 1 when anything failed or nothing ran.
"""
import json
import re
import sys

passed = failed = skipped = 0
try:
    with open(sys.argv[1], encoding="utf-8") as log:
        runs = [json.loads(line) for line in log if line.strip()]
except OSError as error:
    print(f"no test log: {error}", file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)

for run in runs:
    out = run.get("stdout") or ""
    run_failed = 0
    for line in out.splitlines():
        if re.match(r"^not ok\b", line):
            if re.search(r"#\s*TODO", line, re.I):
                continue
            run_failed += 1
        elif re.match(r"^ok\b", line):
            if re.search(r"#\s*SKIP", line, re.I):
                skipped += 1
            else:
                passed += 1
    if run.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and run_failed == 0:
        print(f"{run.get('name')}: {run.get('result')} without a failing case", file=sys.stderr)
        run_failed = 1
    failed += run_failed

summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
sys.exit(1 if failed or passed == 0 else 0)
