#!/usr/bin/env python3
"""Whole-process photo benchmark: ncre-photo fix against ImageMagick convert (without and with the jpeg:size hint),
vipsthumbnail, and the floor djpeg -scale 1/8 (decode only), on the same 12 MP EXIF-rotated phone JPEG, in one run.
Each command runs 9 times, interleaved; wall time and peak RSS (GNU time's %M) are reported as medians.
Usage: photo.py BUILD_DIR OUT.json"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd):
    # Peak RSS through /usr/bin/time: the child's own ru_maxrss would include the Python process it was forked from.
    with tempfile.NamedTemporaryFile("r") as rss:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] + cmd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"photo bench: {' '.join(cmd)} exited {done.returncode}")
        return elapsed, int(rss.read().split()[-1])  # seconds, KiB


def main():
    build, out = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as d:
        phone = os.path.join(d, "phone.jpg")
        subprocess.run([os.path.join(build, "bench", "ncre-bench-photo-fixture"), phone], check=True)
        bare = os.path.join(d, "phone-no-thumbnail.jpg")
        subprocess.run([os.path.join(build, "bench", "ncre-bench-photo-fixture"), bare, "--no-thumbnail"], check=True)
        o = lambda name: os.path.join(d, name)
        # Every peer does the comparable job: read, apply the EXIF orientation, shrink to the ID photo's size,
        # write a JPEG. Only ncre-photo also finds the face and crops to the composition rules.
        commands = {
            "ncre-photo fix": [os.path.join(build, "bin", "ncre-photo"), "fix", phone, "-o", o("ncre.jpg")],
            "ncre-photo fix, same photo without its EXIF thumbnail": [os.path.join(build, "bin", "ncre-photo"),
                                                                      "fix", bare, "-o", o("ncre-bare.jpg")],
            "ImageMagick convert": ["/usr/bin/convert", phone, "-auto-orient", "-resize", "345x480", o("im.jpg")],
            "ImageMagick convert, jpeg:size hint": ["/usr/bin/convert", "-define", "jpeg:size=690x960", phone,
                                                    "-auto-orient", "-thumbnail", "345x480", o("im2.jpg")],
            "vipsthumbnail": ["vipsthumbnail", phone, "-s", "345x480", "-o", o("vips.jpg")],
            "djpeg -scale 1/8 (floor: decode only)": ["djpeg", "-scale", "1/8", "-outfile", os.devnull, phone],
        }
        samples = {k: [] for k in commands}
        for _ in range(9):
            for name, cmd in commands.items():
                samples[name].append(run(cmd))
        result = {"bytes": os.path.getsize(phone), "runs": 9, "commands": {}}
        for name, s in samples.items():
            result["commands"][name] = {
                "seconds": statistics.median(t for t, _ in s),
                "maxrssKiB": statistics.median(r for _, r in s),
            }
    with open(out, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
