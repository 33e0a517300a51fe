"""The README's two Python examples, run as the scripts under examples/ against the real registry: a training
pipeline registers, uploads and seals; an evaluator signs and submits; the version can then be promoted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from _world import unique
from modelreg import keys

REPO = Path(__file__).resolve().parents[2]


def _run(script: str, args: list[str], url: str, token: str) -> dict:
    env = {**os.environ, "MODELREG_URL": url, "MODELREG_TOKEN": token,
           "PYTHONPATH": str(REPO / "python") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, str(REPO / "examples" / script), *args], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, f"{script} exited {result.returncode}:\n{result.stderr}"
    return json.loads(result.stdout)


def test_the_pipeline_and_evaluator_examples_take_a_version_to_promotable(world, tmp_path):
    model_dir = tmp_path / "model"
    (model_dir / "config").mkdir(parents=True)
    (model_dir / "model.onnx").write_bytes(b"\x08\x01" * 1000)
    (model_dir / "config" / "features.json").write_text('["mom_12_1", "vol_3m"]')
    model = unique("example")
    training = ["--owner", world.team, "--commit", "a13fce0e", "--feature-graph", "8b2e9f01",
                "--window", "2018-01-01", "2026-04-30", "--hyperparams", '{"lr": 0.01}', "--artifacts", str(model_dir)]
    sealed = _run("train_register_upload_seal.py", [model, *training], world.url, world.tokens[world.quant_name])
    assert sealed["created"] and sealed["ready_at"]
    assert sealed["artifacts"] == ["config/features.json", "model.onnx"]
    again = _run("train_register_upload_seal.py", [model, *training], world.url, world.tokens[world.quant_name])
    assert not again["created"] and again["model_id"] == sealed["model_id"]

    key_file = tmp_path / "alpha-bench.pem"
    key_file.write_text(keys.private_key_pem(world.evaluator_key))
    report = _run("evaluate_sign_submit.py",
                  [sealed["model_id"], "--key", str(key_file), "--keyid", world.evaluator_keyid, "--evaluator",
                   world.evaluator, "--report-id", unique("rep"), "--objective", "rank_ic", "--verdict", "pass",
                   "--metric", "rank_ic=0.031", "--metric", "universe=us-large"],
                  world.url, world.tokens[world.quant_name])
    assert report["created"] and report["verdict"] == "pass" and report["model_id"] == sealed["model_id"]

    deployment = world.approver.promote(sealed["model_id"], approver=world.approver_name)
    assert deployment.production.model_id == sealed["model_id"]
