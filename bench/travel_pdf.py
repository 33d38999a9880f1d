"""Render one SPPD sheet I N times in-process and report p50/p95 in milliseconds.

No stack, database or network: this measures ``travel.documents.render`` alone (layout, QR
encoding, PDF writing). Each round uses a different verify URL, so nothing can be cached.
Run: ``.venv/bin/python bench/travel_pdf.py [-n 200] [--kind sppd1]``.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace

TARGET_P50_MS = 150.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--rounds", type=int, default=200, help="renders to time (default 200)")
    parser.add_argument("--kind", default="sppd1", help="letter kind (default sppd1)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed renders first (default 5)")
    args = parser.parse_args(argv)

    from travel.documents import render, samples

    base = samples.sample(args.kind)
    url = base.verify_url
    for _ in range(args.warmup):
        render(args.kind, base)
    times, size = [], 0
    for i in range(args.rounds):
        data = replace(base, verify_url=f"{url}-{i:06d}")
        start = time.perf_counter()
        pdf = render(args.kind, data)
        times.append((time.perf_counter() - start) * 1000)
        size = len(pdf)
    result = {
        "kind": args.kind, "rounds": args.rounds, "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 95), 2), "max_ms": round(max(times), 2),
        "mean_ms": round(statistics.fmean(times), 2), "pdf_bytes": size, "target_p50_ms": TARGET_P50_MS,
    }
    result["target_met"] = result["p50_ms"] <= TARGET_P50_MS
    print(f"travel PDF ({args.kind}), {args.rounds} renders in one process, {os.cpu_count()} cores: "
          f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, max {result['max_ms']:.1f} ms, "
          f"{size} bytes; target p50 <= {TARGET_P50_MS:.0f} ms: {'met' if result['target_met'] else 'NOT met'}")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
