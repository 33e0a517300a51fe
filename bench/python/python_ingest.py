"""Lineage ingest of signals through the Python client, for PythonIngestBenchmark (see bench/README.md).

Sends either the lines of an NDJSON file (``--file``: the same bytes the Java client sends in the same run) or
``--generate N`` signal dicts made on the fly (how a pipeline sends them), and prints one JSON object: events,
per-status counts, seconds and the process's peak RSS. Every line must be accepted: anything else fails the run.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from typing import Any, Iterator

from modelreg import Registry


def generated(count: int, model_id: str, prefix: str) -> Iterator[dict[str, Any]]:
    """``count`` fresh signals of ``model_id``, shaped like the benchmark's NDJSON lines, one at a time."""
    for i in range(count):
        yield {"signal_id": f"{prefix}-{i:09d}", "model_id": model_id,
               "emitted_at": f"2026-11-{1 + i % 28:02d}T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}.{i % 1000:03d}Z",
               "instrument": f"ES{i % 4}", "side": "buy" if i % 2 == 0 else "sell", "strength": (i % 1000) / 1000.0}


def peak_rss_kib() -> int:
    """This process's peak resident set size. Linux's VmHWM, not getrusage's ru_maxrss: the latter survives exec,
    and a process started from a JVM (vfork, then exec) would report the JVM's peak instead of its own."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", help="an NDJSON file of signals")
    source.add_argument("--generate", type=int, metavar="N", help="N generated signals")
    parser.add_argument("--model-id", help="the version the generated signals name")
    parser.add_argument("--prefix", default="py-gen", help="signal id prefix of the generated signals")
    args = parser.parse_args()

    registry = Registry(args.url, args.token, timeout=600.0)
    started = time.perf_counter()
    if args.file:
        with open(args.file, "rb") as lines:
            summary = registry.ingest_signals(lines)
    else:
        if not args.model_id:
            parser.error("--generate needs --model-id")
        summary = registry.ingest_signals(generated(args.generate, args.model_id, args.prefix))
    seconds = time.perf_counter() - started
    registry.close()
    peak_kib = peak_rss_kib()
    print(json.dumps({"events": summary.lines, "accepted": summary.accepted, "duplicate": summary.duplicate,
                      "conflict": summary.conflict, "rejected": summary.rejected, "seconds": seconds,
                      "peak_rss_kib": peak_kib}))
    if summary.accepted != summary.lines:
        print(f"not every line was accepted: {summary}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
