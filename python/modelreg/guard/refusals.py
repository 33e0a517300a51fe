"""Why a deploy guard refused a deployment: one exception type with a :class:`Reason`, the same reasons as the Java
guard's ``DeployRefusedException.Reason``, and the mapping of the transport's errors onto them."""

from __future__ import annotations

import enum

from .. import errors

__all__ = ["Reason", "DeployRefused", "from_registry_error"]


class Reason(str, enum.Enum):
    """Which check failed. The names are the Java guard's, so logs and alerts read the same for both."""

    #: No usable DSSE envelope of the manifest payload type came with the deployment.
    UNSIGNED = "UNSIGNED"
    #: The manifest's signature does not verify with any pinned registry key.
    WRONG_KEY = "WRONG_KEY"
    #: The signed payload is not a manifest of the expected shape.
    MALFORMED_MANIFEST = "MALFORMED_MANIFEST"
    #: The manifest is for another model than the one this guard loads.
    MODEL_MISMATCH = "MODEL_MISMATCH"
    #: The manifest's ``expires_at`` has passed (beyond the allowed clock skew).
    EXPIRED = "EXPIRED"
    #: The manifest's revision is lower than the highest this guard ever accepted.
    REVISION_WENT_BACKWARDS = "REVISION_WENT_BACKWARDS"
    #: The model has no production version: unregistered, never promoted, or nothing loaded yet.
    NOT_DEPLOYED = "NOT_DEPLOYED"
    #: An artifact's bytes differ from the manifest in length or SHA-256.
    ARTIFACT_TAMPERED = "ARTIFACT_TAMPERED"
    #: The registry could not be reached, or failed (5xx), or a transfer broke off.
    UNREACHABLE = "UNREACHABLE"
    #: The registry refused the guard's request (bad token, no access).
    REGISTRY_REFUSED = "REGISTRY_REFUSED"
    #: The local cache or state file could not be read or written.
    LOCAL_IO = "LOCAL_IO"

    @property
    def is_transient(self) -> bool:
        """True for failures on the way (network, registry, local disk) rather than for what the registry sent:
        asking again may help."""
        return self in (Reason.UNREACHABLE, Reason.REGISTRY_REFUSED, Reason.LOCAL_IO)


class DeployRefused(errors.RegistryError):
    """The deploy guard refused to load (or to keep serving) a deployment. ``reason`` says which check failed, the
    message what was seen. Whatever was loaded before stays loaded, and the remembered revision is unchanged."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.detail = message


def from_registry_error(failure: errors.RegistryError, doing: str) -> DeployRefused:
    """The refusal for a failed call to the registry: no answer or a 5xx is UNREACHABLE, a 404 NOT_DEPLOYED, any
    other 4xx REGISTRY_REFUSED."""
    if isinstance(failure, DeployRefused):
        return failure
    if isinstance(failure, errors.ProblemError):
        if failure.status == 404:
            return DeployRefused(Reason.NOT_DEPLOYED, f"{doing}: the registry answered {failure.status} "
                                                      f"{failure.detail}")
        reason = Reason.REGISTRY_REFUSED if failure.is_client_error else Reason.UNREACHABLE
        return DeployRefused(reason, f"{doing}: the registry answered {failure.status} {failure.title}: "
                                     f"{failure.detail}")
    return DeployRefused(Reason.UNREACHABLE, f"{doing}: {failure}")
