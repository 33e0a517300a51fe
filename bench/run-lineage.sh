#!/usr/bin/env bash
# Runs the lineage ingest and query benchmark (10M signals + 10M fills) vs raw COPY and PK SELECT.
# Arguments go to the benchmark, e.g.:
#   bench/run-lineage.sh --signals 200000 --fills 200000
# MVN_FLAGS=-o builds offline; BENCH_JAVA_OPTS adds JVM options.
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" LineageBenchmark "$@"
