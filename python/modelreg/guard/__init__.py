"""The deploy guard for Python serving, with the Java guard's contract (``dev.modelregistry.client.deploy``).

A serving process loads a model only through :class:`DeployGuard`: the deployment's manifest must verify with a
pinned registry key, must not be expired, must not go back below the highest revision ever accepted (persisted in a
state directory), and every artifact is streamed into a content-addressed cache with its length and SHA-256
checked. Any failure is a :class:`DeployRefused` with a :class:`Reason`, and the version loaded before keeps
serving (fail closed). :meth:`DeployGuard.pick` routes a key to canary or production with the same stable hash as
the Java guard; :meth:`DeployGuard.watch` follows promotions and rollbacks by long-poll::

    guard = DeployGuard(url, token, "xsmom", pinned_keys=open("registry-key.pem").read(),
                        cache_dir="/var/cache/models", state_dir="/var/lib/models")
    guard.load()
    watcher = guard.watch_in_background(on_refusal=log.warning)
    version = guard.pick(account_id)          # LoadedVersion: model_id, artifacts -> local paths

Verification needs ``cryptography`` (Debian: python3-cryptography); it is imported when the guard is built.
"""

from .cache import ArtifactCache
from .deploy import Clock, DeployGuard
from .envelope import PinnedKey, load_pinned_key, pae
from .manifest import PAYLOAD_TYPE, ArtifactRef, Entry, Manifest, ManifestVerifier, Role
from .refusals import DeployRefused, Reason
from .revisions import RevisionStore
from .routing import bucket, to_canary
from .snapshot import DeploymentSnapshot, LoadedVersion
from .watch import Refused, Switched, Watcher, WatchEvent, follow

__all__ = [
    "PAYLOAD_TYPE",
    "ArtifactCache",
    "ArtifactRef",
    "Clock",
    "DeployGuard",
    "DeployRefused",
    "DeploymentSnapshot",
    "Entry",
    "LoadedVersion",
    "Manifest",
    "ManifestVerifier",
    "PinnedKey",
    "Reason",
    "Refused",
    "RevisionStore",
    "Role",
    "Switched",
    "WatchEvent",
    "Watcher",
    "bucket",
    "follow",
    "load_pinned_key",
    "pae",
    "to_canary",
]
