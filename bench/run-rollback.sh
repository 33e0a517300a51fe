#!/usr/bin/env bash
# Runs the rollback propagation benchmark (100 DeployGuards) vs plain HTTP round trips.
# Arguments go to the benchmark, e.g.:
#   bench/run-rollback.sh --guards 100 --rollbacks 30 --sqlite
# MVN_FLAGS=-o builds offline; BENCH_JAVA_OPTS adds JVM options.
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" RollbackBenchmark "$@"
