#!/usr/bin/env bash
# Runs the webhook delivery benchmark: commit-to-webhook p50/p99 at an offered event rate, next to a bare HTTP POST
# round trip to the same receiver. Arguments go to the benchmark, e.g.:
#   bench/run-webhooks.sh --rate 100 --seconds 30 --sqlite
# MVN_FLAGS=-o builds offline; BENCH_JAVA_OPTS adds JVM options.
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" WebhookBenchmark "$@"
