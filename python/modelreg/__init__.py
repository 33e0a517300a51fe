"""modelreg: the Python client of model-registry.

Standard library only; signing evaluation reports needs ``cryptography`` (imported only then).
"""

from . import errors
from .errors import ArtifactIntegrityError, ProblemError, RegistryError, RegistryUnreachable

__version__ = "0.1.0"

__all__ = [
    "errors",
    "ArtifactIntegrityError",
    "ProblemError",
    "RegistryError",
    "RegistryUnreachable",
    "__version__",
]
