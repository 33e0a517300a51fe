#!/usr/bin/env bash
# Runs the search benchmark: every filter of GET /models, a model's versions and GET /versions with 100,000 models and
# 1,000,000 versions on PostgreSQL, each next to the primary-key read of a version in the same run. Arguments go to
# the benchmark, e.g.:
#   bench/run-search.sh --models 100000 --versions-per-model 10 --requests 400
#   bench/run-search.sh --models 10000 --only versions --keep-schema     # a subset, schema kept for EXPLAIN
# MVN_FLAGS=-o builds offline; BENCH_JAVA_OPTS adds JVM options.
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" SearchBenchmark "$@"
