#!/usr/bin/env python3
"""A training pipeline's last step: register the version it trained, upload its artifacts, seal it.

    MODELREG_URL=http://registry:8080 MODELREG_TOKEN=<a team member's token> \
        python3 examples/train_register_upload_seal.py xsmom --owner mid-freq-equities \
        --commit "$(git rev-parse HEAD)" --feature-graph 8b2e9f01 --window 2018-01-01 2026-04-30 \
        --hyperparams '{"lr": 0.01}' --artifacts ./model

Prints the sealed version as one JSON line. Registering is idempotent: running it again for the same lineage
answers the version already registered, and a version sealed by an earlier run is left as it is.
"""

import argparse
import json

from modelreg import Registry, lineage_hash


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--owner", required=True, help="the owning team (needed for a model's first version)")
    parser.add_argument("--commit", required=True, help="the code commit, lower-case hex")
    parser.add_argument("--feature-graph", required=True, help="the feature graph's hash, lower-case hex")
    parser.add_argument("--window", nargs=2, required=True, metavar=("START", "END"), help="the training data window")
    parser.add_argument("--hyperparams", default="{}", help="a JSON object")
    parser.add_argument("--artifacts", required=True, help="the directory the pipeline wrote the model to")
    args = parser.parse_args()
    hyperparams = json.loads(args.hyperparams)

    # The identity is known before registering (to skip training what is registered already, say).
    identity = lineage_hash(args.commit, args.feature_graph, args.window, hyperparams)
    registry = Registry()  # MODELREG_URL, MODELREG_TOKEN
    version = registry.register(args.model, code_commit=args.commit, feature_graph_hash=args.feature_graph,
                                data_window=args.window, hyperparams=hyperparams, owner=args.owner)
    if version.lineage_hash != identity:
        raise SystemExit(f"the registry hashed the lineage as {version.lineage_hash}, not {identity}")
    if not version.sealed:
        registry.upload_dir(version.model_id, args.artifacts)
    sealed = registry.seal(version.model_id)  # sealing a sealed version answers it unchanged
    print(json.dumps({"model_id": sealed.model_id, "lineage_hash": sealed.lineage_hash, "ready_at": sealed.ready_at,
                      "created": version.created, "artifacts": [a.path for a in registry.artifacts(sealed.model_id)]}))


if __name__ == "__main__":
    main()
