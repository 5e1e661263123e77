#!/usr/bin/env python3
"""How the coach does on the blind corpus, as `flagdraft check` sees each text.

Run from the repository: `python3 tests/corpus/blind/measure.py [--split measure|tune|all]`.
For each flaw label: the texts where the coach finds anything at warning or error level.
For good texts: those given an error other than the length limit (the texts are not
cut to a field; length is measured apart).
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("FLAGDRAFT_BIN", "target/debug/flagdraft")


def findings(path, output):
    out = subprocess.run(
        [BIN, "check", "--json", "--as", output, path], capture_output=True, text=True
    )
    data = json.loads(out.stdout)
    return data if isinstance(data, list) else data.get("findings", [])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="measure", choices=["measure", "tune", "all"])
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit(f"build first: cargo build ({BIN} not found)")
    rows = list(csv.DictReader(open(os.path.join(HERE, "texts.tsv")), delimiter="\t"))
    per = collections.defaultdict(lambda: [0, 0])
    good = [0, 0]
    for r in rows:
        if args.split != "all" and r["split"] != args.split:
            continue
        output = "interview" if r["label"] == "filler" else "eras"
        fs = findings(os.path.join(HERE, "texts", r["file"]), output)
        if r["label"] == "good":
            good[1] += 1
            good[0] += any(f["level"] == "error" and f["rule"] != "over_limit" for f in fs)
        else:
            per[r["label"]][1] += 1
            per[r["label"]][0] += any(f["level"] in ("warning", "error") for f in fs)
    found = sum(v[0] for v in per.values())
    total = sum(v[1] for v in per.values())
    print(f"split: {args.split}")
    print(f"{'label':<18}found")
    for label, (hit, n) in sorted(per.items()):
        print(f"{label:<18}{hit}/{n}")
    print(f"flawed texts with the flaw found: {found}/{total} ({100 * found / max(total, 1):.0f}%)")
    print(f"good texts with an error: {good[0]}/{good[1]} ({100 * good[0] / max(good[1], 1):.0f}%)")


if __name__ == "__main__":
    main()
