#!/usr/bin/env bash
# Runs the web console benchmark: its pages with 100,000 models and 1,000,000 versions on PostgreSQL, next to the
# JSON API's answers for the same data. Arguments go to the benchmark, e.g.:
#   bench/run-console.sh --models 100000 --versions-per-model 10 --requests 400
# MVN_FLAGS=-o builds offline; BENCH_JAVA_OPTS adds JVM options.
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" ConsoleBenchmark "$@"
