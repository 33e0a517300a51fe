#!/usr/bin/env bash
# Runs the registration benchmark (32 clients, PostgreSQL) vs raw INSERT transactions.
# Arguments go to the benchmark, e.g.:
#   bench/run-registration.sh --pg-url 'jdbc:postgresql://127.0.0.1:5432/modelreg_bench?user=postgres' --seconds 20
# MVN_FLAGS=-o builds offline; BENCH_JAVA_OPTS adds JVM options.
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" RegistrationBenchmark "$@"
