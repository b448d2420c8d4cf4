#!/usr/bin/env python3
"""Whole-process start-up of ncre-desk's login window against a bare Qt Widgets QMainWindow, both quitting at
their first paint, offscreen, 15 runs each interleaved; medians of wall time and peak RSS (GNU time).
Usage: desk.py BUILD_DIR OUT.json"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.NamedTemporaryFile("r") as rss:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] + cmd, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"desk bench: {' '.join(cmd)} exited {done.returncode}")
        return elapsed, int(rss.read().split()[-1])


def main():
    build, out = sys.argv[1], sys.argv[2]
    commands = {
        "ncre-desk login window": [os.path.join(build, "bench", "ncre-bench-desk-startup")],
        "bare QMainWindow (floor)": [os.path.join(build, "bench", "ncre-bench-minimal-widgets")],
    }
    samples = {k: [] for k in commands}
    for _ in range(15):
        for name, cmd in commands.items():
            samples[name].append(run(cmd))
    result = {"runs": 15, "commands": {k: {"seconds": statistics.median(t for t, _ in s),
                                           "maxrssKiB": statistics.median(r for _, r in s)} for k, s in samples.items()}}
    # The kiosk's hand-over between candidates (idle end to a fresh welcome, wipe included), 15 rounds in one
    # process against a real server: compared with the cold start above.
    with tempfile.NamedTemporaryFile("r", suffix=".json") as wipe:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   NCRE_MODULE_DIR=os.path.join(build, "lib", "ncre-desk", "modules"))
        subprocess.run([os.path.join(build, "bench", "ncre-bench-kiosk-wipe"), wipe.name, "15"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        result["kioskWipe"] = json.load(open(wipe.name))
    with open(out, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
