#!/usr/bin/env bash
# Runs the full audit verify benchmark (1,000,000 signed entries on SQLite) vs sha256sum of the same bytes.
# Arguments go to the benchmark, e.g.:
#   bench/run-audit-verify.sh --entries 1000000 --chains 100
# MVN_FLAGS=-o builds offline; BENCH_JAVA_OPTS adds JVM options.
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" AuditVerifyBenchmark "$@"
