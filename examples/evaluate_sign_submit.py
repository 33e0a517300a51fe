#!/usr/bin/env python3
"""An evaluator's report: build the statement about a version, sign it with the evaluator's key, submit it.

    MODELREG_URL=http://registry:8080 MODELREG_TOKEN=<any token> \
        python3 examples/evaluate_sign_submit.py xsmom@2026.05.15-r3 --key alpha-bench.pem --keyid k1 \
        --evaluator alpha-bench --report-id rep-4f2 --objective rank_ic --verdict pass --metric rank_ic=0.031

Prints the stored report as one JSON line. A statement the registry would refuse is refused here, before signing.
Needs the cryptography package (Debian: python3-cryptography).
"""

import argparse
import json
from pathlib import Path

from modelreg import Registry, Statement, sign_report


def metric(text: str) -> tuple[str, float | str]:
    name, _, value = text.partition("=")
    try:
        return name, float(value)
    except ValueError:
        return name, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_id")
    parser.add_argument("--key", required=True, help="the evaluator's Ed25519 private key (PEM, PKCS#8)")
    parser.add_argument("--keyid", required=True, help="the keyid its public key is registered under")
    parser.add_argument("--evaluator", required=True)
    parser.add_argument("--report-id", required=True)
    parser.add_argument("--objective", required=True)
    parser.add_argument("--verdict", required=True, choices=["pass", "fail"])
    parser.add_argument("--metric", action="append", default=[], type=metric, metavar="NAME=VALUE")
    args = parser.parse_args()

    registry = Registry()  # MODELREG_URL, MODELREG_TOKEN
    version = registry.version(args.model_id)  # the report is bound to its lineage hash
    statement = Statement.for_version(version, report_id=args.report_id, objective=args.objective,
                                      verdict=args.verdict, evaluator=args.evaluator, metrics=dict(args.metric))
    envelope = sign_report(statement, Path(args.key).read_text(), args.keyid)
    report = registry.submit_evaluation(envelope)
    print(json.dumps({"report_id": report.report_id, "model_id": report.model_id, "verdict": report.verdict,
                      "evaluator": report.evaluator, "created": report.created}))


if __name__ == "__main__":
    main()
