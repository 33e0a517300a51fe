#!/usr/bin/env bash
# Cold start: time from `bin/modelreg serve` on a new data directory until /readyz answers 200,
# next to the time the same JVM and jar take to print the CLI's help and exit (the raw baseline).
# Usage: bench/run-coldstart.sh [RUNS]   (default 5; prints medians and the ratio)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
port=18181
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/bin/modelreg" --help >/dev/null   # builds the jar and the CLI's class-data archive if missing
# The first serve writes the server's class-data archive when it exits; like any deployment's first start,
# it is not counted.
(cd "$work" && exec "$root/bin/modelreg" serve --port "$port" >"$work/first.log" 2>&1) &
first=$!
for _ in $(seq 1 1500); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.01; done
kill "$first"; wait "$first" 2>/dev/null || true

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2))}'; }

serve_times=() help_times=()
for i in $(seq 1 "$runs"); do
  start=$(now_ms)
  "$root/bin/modelreg" --help >/dev/null
  help_times+=($(( $(now_ms) - start )))

  dir="$work/run-$i"
  mkdir -p "$dir"
  start=$(now_ms)
  (cd "$dir" && exec "$root/bin/modelreg" serve --port "$port" >"$dir/out.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 1500); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; then break; fi
    sleep 0.01
  done
  serve_times+=($(( $(now_ms) - start )))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

serve=$(printf '%s\n' "${serve_times[@]}" | median)
help=$(printf '%s\n' "${help_times[@]}" | median)
echo "cold start to /readyz: median ${serve} ms over ${runs} runs (${serve_times[*]})"
echo "raw JVM + jar (modelreg --help): median ${help} ms (${help_times[*]})"
awk -v s="$serve" -v h="$help" 'BEGIN {printf "ratio: cold start / raw JVM = %.2f\n", s / h}'
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$("$root/bin/jdk")/bin/java" -version 2>&1 | head -1)"
