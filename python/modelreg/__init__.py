"""modelreg: the Python client of model-registry.

``Registry`` talks to the registry (register, upload, seal, evaluate, promote, watch, ingest, trace, audit,
webhooks); ``lineage_hash`` computes a version's identity client-side exactly as the registry does; ``Statement`` and
``sign_report`` build and sign evaluation reports; ``verify_webhook`` checks a webhook delivery on the receiving side.
Standard library only; signing and verifying reports need ``cryptography``, imported only then.
"""

from . import errors
from .client import Registry
from .errors import ArtifactIntegrityError, ProblemError, RegistryError, RegistryUnreachable
from .lineage import lineage_hash
from .records import (Artifact, AuditCheck, Deployment, DownloadedArtifact, Evaluation, IngestResult, IngestSummary,
                      Page, Split, Version)
from .signing import sign_report
from .statement import InvalidStatement, Statement
from .webhooks import WebhookVerificationError, verify_webhook

__version__ = "0.1.0"

__all__ = [
    "Registry",
    "lineage_hash",
    "sign_report",
    "Statement",
    "InvalidStatement",
    "errors",
    "ArtifactIntegrityError",
    "ProblemError",
    "RegistryError",
    "RegistryUnreachable",
    "Artifact",
    "AuditCheck",
    "Deployment",
    "DownloadedArtifact",
    "Evaluation",
    "IngestResult",
    "IngestSummary",
    "Page",
    "Split",
    "Version",
    "verify_webhook",
    "WebhookVerificationError",
    "__version__",
]
