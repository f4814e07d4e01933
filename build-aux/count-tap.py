#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts the individual TAP test cases of one or more meson test runs.

Reads meson's testlog.json of each run given (build-aux/test.sh gives the
default build's and the sanitizer build's) and prints one line
"N passed, N failed" (and skipped ones when there are any) over all of
them. A test program that failed without reporting a failing case (a
crash, a bail-out, a timeout) counts as one failure; so does a log that
is missing, because its build or its run never got that far.
Exits 1 when anything failed or nothing ran.
"""
import json
import re
import sys

passed = failed = skipped = 0

for path in sys.argv[1:] or ["_build/meson-logs/testlog.json"]:
    try:
        with open(path, encoding="utf-8") as log:
            runs = [json.loads(line) for line in log if line.strip()]
    except (OSError, ValueError) as error:
        print(f"no test log: {error}", file=sys.stderr)
        failed += 1
        continue

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
            print(f"{path}: {run.get('name')}: {run.get('result')} without a failing case",
                  file=sys.stderr)
            run_failed = 1
        failed += run_failed

summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
sys.exit(1 if failed or passed == 0 else 0)
