#!/usr/bin/env python3
"""Turns QBENCHMARK CSV results into docs/benchmarks.md. Each benchmark file declares its comparisons below:
(benchmark, function, compared with, what the ratio means)."""
import csv
import datetime
import glob
import os
import platform
import statistics
import subprocess
import sys

COMPARISONS = {
    "BenchDomainCodecs": {
        "title": "Domain codecs (app/domain)",
        "floor": "floorParseOnly",
        "floor_label": "QJsonDocument::fromJson of the same bytes",
        "rows": [
            ("parseAndDecodeRegistration", "Parse + strict decode of a full registration (the polled resource)"),
            ("validateWholeProfile", "Validate every field of a profile (what one keystroke may trigger)"),
        ],
    },
}


def medians(results_dir, bench):
    values = {}
    for path in glob.glob(os.path.join(results_dir, f"{bench}.*.csv")):
        with open(path, newline="") as f:
            for row in csv.reader(f):
                if len(row) >= 4:
                    values.setdefault(row[0], []).append(float(row[3]))
    return {k: statistics.median(v) for k, v in values.items()}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    results_dir, target = sys.argv[1], sys.argv[2]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=os.path.dirname(os.path.abspath(target))).stdout.strip()
    lines = [
        "# Benchmarks",
        "",
        "Written by `scripts/bench` (RelWithDebInfo build, median of 5 runs). Times are wall-clock on a noisy",
        "machine; read the ratios, which compare against a floor or a peer measured in the same run.",
        "",
        f"Last run: {datetime.date.today().isoformat()}, commit `{commit}`, {os.cpu_count()} cores, {cpu_model()}.",
        "",
    ]
    for bench, spec in COMPARISONS.items():
        m = medians(results_dir, bench)
        if spec["floor"] not in m:
            continue
        floor = m[spec["floor"]]
        lines += [f"## {spec['title']}", "",
                  f"Floor: {spec['floor_label']} — {floor * 1000:.2f} µs.", "",
                  "| what | time | × floor |", "|---|---:|---:|"]
        for function, label in spec["rows"]:
            if function in m:
                lines.append(f"| {label} | {m[function] * 1000:.2f} µs | {m[function] / floor:.1f} |")
        lines.append("")
    extra = os.path.join(os.path.dirname(os.path.abspath(target)), "benchmarks-notes.md")
    if os.path.exists(extra):
        with open(extra) as f:
            lines += [f.read().rstrip(), ""]
    with open(target, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
