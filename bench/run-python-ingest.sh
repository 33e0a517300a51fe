#!/usr/bin/env bash
# Runs the Python client's lineage ingest (1,000,000 signals) vs the Java client's, with the Python process's peak RSS.
# Arguments go to the benchmark, e.g.:
#   bench/run-python-ingest.sh --events 1000000 [--pg-url 'jdbc:postgresql://127.0.0.1:5432/bench?user=postgres']
# Needs python3 (the client in python/ is used from the checkout). MVN_FLAGS=-o builds offline.
exec "$(dirname "${BASH_SOURCE[0]}")/run-main.sh" PythonIngestBenchmark "$@"
