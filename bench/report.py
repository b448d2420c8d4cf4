#!/usr/bin/env python3
"""Turns QBENCHMARK CSV results into docs/benchmarks.md. Each benchmark file declares its comparisons below:
(benchmark, function, compared with, what the ratio means)."""
import csv
import datetime
import glob
import json
import os
import platform
import statistics
import subprocess
import sys

COMPARISONS = {
    "BenchDraftAutosave": {
        "title": "Draft autosave (app/store)",
        "floor": "floorRawUpsert",
        "floor_label": "a raw prepared SQLite upsert of the same row, same pragmas",
        "rows": [
            ("saveDraft", "LocalStore::saveDraft: seal (secretbox) + upsert, per edit (mean)"),
            ("saveDraftMedian", "saveDraft, median of 2000 edits (× the raw upsert's median)", "floorMedian"),
            ("saveDraftP99", "saveDraft, p99 of 2000 edits (× the raw upsert's p99)", "floorP99"),
        ],
    },
    "BenchRetryJitter": {
        "title": "Retry spread under a 503 storm (app/net Backoff)",
        "unit": "count",
        "floor": "floorNoJitter",
        "floor_label": "10 000 clients told Retry-After: 10 retrying exactly then (all in one second)",
        "rows": [
            ("withBackoff", "Clients in the busiest second with Backoff (spread over 10-20 s)"),
        ],
    },
    "BenchRegistrationTraffic": {
        "title": "Traffic of one complete registration (app/workflow against ncre-server)",
        "unit": "count",
        "column": "count",
        "floor": "floorNeededRequests",
        "floor_label": "one request per resource the candidate's actions need (no retries, refreshes or re-reads)",
        "rows": [
            ("requests", "HTTP requests, account creation to admission ticket"),
            ("bytes", "HTTP bytes both ways (× the payload: the JPEG up, the two PDFs down)", "floorPayloadBytes"),
            ("unchangedPollBytes", "Bytes of an unchanged poll, 304 (× a full 200 GET of the registration)",
             "peerFullPollBytes"),
        ],
    },
    "BenchPhotoPipeline": {
        "title": "Photo pipeline in process (app/photo, 12 MP EXIF-rotated phone JPEG, ~4.3 MB)",
        "floor": "floorDecodeEighth",
        "floor_label": "decoding the same file at 1/8 scale with libjpeg (QImageReader scaled decode), nothing else",
        "rows": [
            ("fix", "PhotoFixer::fix, whole (header, detect, decode, crop/scale, encode, re-check)"),
            ("stageHeader", "— header, EXIF and its thumbnail read"),
            ("stageDetect", "— face found on the EXIF thumbnail, then placed precisely in the decoded region"),
            ("stageDecode", "— decode of the head's region only (rows after it never read), at 1/2"),
            ("stageCropScale", "— crop and scale"),
            ("stageEncode", "— encode to the byte range (quality search)"),
            ("stageVerify", "— re-check of the written JPEG"),
            ("fixWithoutThumbnail", "PhotoFixer::fix of the same photo without an EXIF thumbnail (whole photo "
                                    "decoded at 1/4, face found on it)"),
            ("costJpegStructure", "JPEG marker walk over the whole file (truncation, coding, data after EOI)"),
            ("costMeasureHead", "Head measured and background sampled on a 300×417 ID photo (face known)"),
            ("costDetectFace", "— for scale: finding the face on the same 300×417 photo"),
        ],
    },
    "BenchDeskDocuments": {
        "title": "Opening the admission ticket in ncre-desk (documents page)",
        "floor": "floorRenderFirstPage",
        "floor_label": "Poppler opening the same PDF and rendering its first page at the same resolution, nothing else",
        "rows": [
            ("openTicket", "From «open» to the first page shown in the viewer (render off the GUI thread)"),
        ],
    },
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
                    value = float(row[3])
                    if row[2] == "WalltimeNanoseconds":
                        value /= 1e6  # everything in milliseconds, like QBENCHMARK's walltime
                    values.setdefault(row[0], []).append(value)
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
        count = spec.get("unit") == "count"
        show = (lambda v: f"{v:.0f}") if count else (lambda v: f"{v:.1f} ms" if v >= 1 else f"{v * 1000:.2f} µs")
        lines += [f"## {spec['title']}", "",
                  f"Floor: {spec['floor_label']} — {show(floor)}.", "",
                  f"| what | {spec.get('column', 'clients') if count else 'time'} | × floor |", "|---|---:|---:|"]
        for row in spec["rows"]:
            function, label = row[0], row[1]
            base = m.get(row[2], floor) if len(row) > 2 else floor
            if function in m:
                lines.append(f"| {label} | {show(m[function])} | {m[function] / base:.2f} |")
        lines.append("")
    server = os.path.join(results_dir, "server.json")
    if os.path.exists(server):
        with open(server) as f:
            d = json.load(f)
        p, su = d["polls"], d["surge"]
        lines += [
            "## ncre-server (loopback, wrk and ncre-bench-surge)",
            "",
            f"Unchanged polls: `GET /registrations/current` with a bearer token and `If-None-Match`, answered 304 "
            f"({p['bytes304']} bytes of headers), wrk 1 thread × 32 connections × {p['seconds']} s. Floor: bare "
            "QtHttpServer answering 304 (`ncre-bench-minimal-server`), same wrk load.",
            "",
            "| server | 304 polls/s | p99 | × floor throughput |",
            "|---|---:|---:|---:|",
            f"| bare QtHttpServer (floor) | {p['floor']['rps']:.0f} | {p['floor']['p99']} | 1.00 |",
            f"| ncre-server | {p['ncre']['rps']:.0f} | {p['ncre']['p99']} | {p['ncre']['rps'] / p['floor']['rps']:.2f} |",
            "",
            f"Registration surge: {su['candidates']} candidates over {su['connections']} connections all ask, at "
            f"once, for a subject with {su['seats']} seats (`PUT /registrations/current/subjects`). Floor: the same "
            "number of `GET /meta` (the cheapest route) at the same concurrency.",
            "",
            "| phase | requests/s | p50 | p99 |",
            "|---|---:|---:|---:|",
            f"| floor: GET /meta | {su['floorMeta']['throughput']:.0f} | {su['floorMeta']['p50Ms']:.1f} ms | "
            f"{su['floorMeta']['p99Ms']:.1f} ms |",
            f"| surge: seat requests | {su['surge']['throughput']:.0f} | {su['surge']['p50Ms']:.1f} ms | "
            f"{su['surge']['p99Ms']:.1f} ms |",
            "",
            f"Seats sold: {su['sold']} of {su['seats']} (never more); refused as full: {su['refusedFull']}; "
            f"other errors: {su['errors']}. Surge throughput is "
            f"{su['surge']['throughput'] / su['floorMeta']['throughput']:.2f} × the floor.",
            "",
        ]
    scaling = os.path.join(results_dir, "surge.json")
    if os.path.exists(scaling):
        with open(scaling) as f:
            runs = json.load(f)["runs"]
        base = next((r for r in runs if r["backend"] == "sqlite"), runs[0])
        first = runs[0]
        lines += [
            "## Several instances behind HAProxy (bench/surge.sh bench, issue 17)",
            "",
            f"{first['candidates']} candidates for {first['seats']} seats over {first['subjects']} subjects of as many "
            f"sites, {first['connections']} connections through HAProxy (packaging/server/haproxy.cfg) onto N "
            "ncre-server instances: each candidate asks for the subject they chose, and submits once a seat is "
            "theirs. Every run checks itself (seats sold, refusals, no error but 429/503 retried, every acknowledged "
            "write read back, the database's seat counts). CPU: seconds each process used during the surge. "
            "Baseline: one instance on SQLite, through the same proxy.",
            "",
            "| backend | instances | surge requests/s | × SQLite, 1 instance | p50 | p99 | CPU s: ncre-server (each) | "
            "CPU s: PostgreSQL | CPU s: HAProxy | retried | checks |",
            "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|",
        ]
        for r in runs:
            cpu = r.get("cpuSeconds", {})
            instances = ", ".join(f"{cpu[k]:.1f}" for k in sorted(cpu) if k.startswith("ncre"))
            retried = sum(r.get("retried", {}).values())
            lines.append(
                f"| {r['backend']} | {r['instances']} | {r['surge']['throughput']:.0f} | "
                f"{r['surge']['throughput'] / base['surge']['throughput']:.2f} | {r['surge']['p50Ms']:.0f} ms | "
                f"{r['surge']['p99Ms']:.0f} ms | {instances} | {cpu.get('postgres', 0):.1f} | "
                f"{cpu.get('haproxy', 0):.1f} | {retried} | {'pass' if r['pass'] else 'FAIL'} |")
        lines.append("")
    photo = os.path.join(results_dir, "photo.json")
    if os.path.exists(photo):
        with open(photo) as f:
            d = json.load(f)
        cmds = d["commands"]
        floor = next(v for k, v in cmds.items() if k.startswith("djpeg"))
        ours = cmds["ncre-photo fix"]
        lines += [
            "## Photo fix as a whole process (ncre-photo against ImageMagick, libvips, djpeg)",
            "",
            f"The same {d['bytes'] / 1e6:.1f} MB, 12 MP, EXIF-rotated phone JPEG; each command {d['runs']} times, "
            "interleaved, medians (`bench/photo.py`, GNU time for peak RSS). Every peer reads, applies the EXIF "
            "orientation, shrinks to 345×480 and writes a JPEG; only ncre-photo also finds the face, crops to the "
            "composition rules, meets the byte range and re-checks its output.",
            "",
            "| command | time | × djpeg floor | × ncre-photo | peak RSS |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, v in cmds.items():
            lines.append(f"| {name} | {v['seconds'] * 1000:.0f} ms | {v['seconds'] / floor['seconds']:.2f} | "
                         f"{v['seconds'] / ours['seconds']:.2f} | {v['maxrssKiB'] / 1024:.1f} MiB |")
        lines.append("")
        pipeline = medians(results_dir, "BenchPhotoPipeline")
        if "fix" in pipeline and "floorDecodeEighth" in pipeline:
            fix_ms = pipeline["fix"]
            lines += [
                f"The in-process pipeline (`PhotoFixer::fix`, {fix_ms:.1f} ms, table above) against the floors of this "
                f"run: {fix_ms / (floor['seconds'] * 1000):.2f} × `djpeg -scale 1/8` as a process "
                f"({floor['seconds'] * 1000:.0f} ms), {fix_ms / pipeline['floorDecodeEighth']:.2f} × the same decode "
                f"inside the process ({pipeline['floorDecodeEighth']:.1f} ms, the stricter floor).",
                "",
            ]
    head = os.path.join(results_dir, "head.json")
    if os.path.exists(head):
        with open(head) as f:
            d = json.load(f)
        lines += [
            "## Head geometry on the hand-measured set",
            "",
            "The astronaut portrait Debian ships (python3-skimage), framed in the ways candidates frame themselves; the "
            "true hair-top and chin lines come from the hand measurement on the original (hair from y 15.5, chin at "
            "y 177.5 of 512, `tests/photo/PhotoFixtureSet.h`). Errors are measured − true, in % of the photo's height "
            "(goal: within ±3 %), from `PhotoInspector::inspect` on the JPEG (`ncre-bench-head-geometry`); the old "
            "estimate from the face box's proportions alone is shown for comparison.",
            "",
            "| framing | size | hair top | chin | head (% of height) true / measured | face-box estimate: hair top, chin |",
            "|---|---|---:|---:|---|---:|",
        ]
        for r in d["framings"]:
            lines.append(f"| {r['name']} | {r['width']}×{r['height']} | {r['topError'] * 100:+.1f} % | "
                         f"{r['chinError'] * 100:+.1f} % | {r['trueHead'] * 100:.0f} / {r['measuredHead'] * 100:.0f} | "
                         f"{r['priorTopError'] * 100:+.1f} %, {r['priorChinError'] * 100:+.1f} % |")
        worst = max(max(abs(r['topError']), abs(r['chinError'])) for r in d["framings"])
        worst_prior = max(max(abs(r['priorTopError']), abs(r['priorChinError'])) for r in d["framings"])
        lines += ["", f"Largest error: {worst * 100:.1f} % measured, {worst_prior * 100:.1f} % estimated from the face box.", ""]
    desk = os.path.join(results_dir, "desk.json")
    if os.path.exists(desk):
        with open(desk) as f:
            d = json.load(f)
        cmds = d["commands"]
        floor = cmds["bare QMainWindow (floor)"]
        lines += [
            "## ncre-desk start-up (to the painted login window)",
            "",
            f"Whole process, offscreen, quitting at the window's first paint; {d['runs']} runs each, interleaved, "
            "medians (`bench/desk.py`). Floor: a bare Qt Widgets `QMainWindow` with a label, built in the same tree.",
            "",
            "| program | time | × floor | peak RSS | × floor |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, v in cmds.items():
            lines.append(f"| {name} | {v['seconds'] * 1000:.1f} ms | {v['seconds'] / floor['seconds']:.2f} | "
                         f"{v['maxrssKiB'] / 1024:.1f} MiB | {v['maxrssKiB'] / floor['maxrssKiB']:.2f} |")
        lines.append("")
        wipe = d.get("kioskWipe")
        if wipe:
            cold = cmds["ncre-desk login window"]["seconds"] * 1000
            lines += ["### Kiosk: from the idle countdown's end to a fresh welcome screen", "",
                      f"Server-side logout over loopback, pages and flow torn down, the store's rows deleted and its file "
                      f"removed, the connection dropped, the clipboard cleared, and a downloaded form, a camera capture and "
                      f"a print spool file overwritten and removed (`ncre-bench-kiosk-wipe`, {wipe['rounds']} rounds, "
                      f"median): **{wipe['wipeMs']:.1f} ms**, {wipe['wipeMs'] / cold:.2f} × a cold start of ncre-desk "
                      f"to its login window ({cold:.1f} ms) in the same run. The next candidate never waits for a restart.",
                      ""]
        flow = medians(results_dir, "BenchDeskDocuments").get("peakRssAfterFlowKiB")
        if flow:
            lines += [f"After a whole registration with every page opened (BenchDeskDocuments, in process with its test "
                      f"client), peak RSS is {flow / 1024:.1f} MiB ({flow / floor['maxrssKiB']:.1f} × the bare window).", ""]
    extra = os.path.join(os.path.dirname(os.path.abspath(target)), "benchmarks-notes.md")
    if os.path.exists(extra):
        with open(extra) as f:
            lines += [f.read().rstrip(), ""]
    with open(target, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
