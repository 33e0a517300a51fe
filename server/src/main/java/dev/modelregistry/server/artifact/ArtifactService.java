package dev.modelregistry.server.artifact;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ArtifactPath;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.auth.Caller;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.VersionAccess;
import dev.modelregistry.server.model.VersionStore;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Uploading, listing, reading and sealing a version's artifacts. Bytes go to the blob store first (streamed,
 * outside any transaction, since they may take minutes); the artifact row and its audit entry are written after,
 * in one transaction that re-checks the version is still unsealed.
 */
public final class ArtifactService {
    private final Database database;
    private final ArtifactStore artifacts;
    private final VersionAccess access;
    private final VersionStore versions;
    private final BlobStore blobs;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxArtifactBytes;

    public ArtifactService(Database database, ArtifactStore artifacts, VersionAccess access, VersionStore versions,
                           BlobStore blobs, AuditLog audit, Clock clock, long maxArtifactBytes) {
        this.database = database;
        this.artifacts = artifacts;
        this.access = access;
        this.versions = versions;
        this.blobs = blobs;
        this.audit = audit;
        this.clock = clock;
        this.maxArtifactBytes = maxArtifactBytes;
    }

    /** What an upload did: created a new path, replaced other content, or found the same content already there. */
    public enum Outcome { CREATED, REPLACED, UNCHANGED }

    /** The artifact after an upload and what the upload did. */
    public record Uploaded(Artifact artifact, Outcome outcome) {
    }

    /** An upload request: where it goes and what the client said about it. */
    public record Upload(String model, String versionId, ArtifactPath path, Optional<String> announcedSha256,
                         String mediaType, long declaredLength) {
    }

    public Uploaded upload(Caller caller, Upload upload, InputStream content) {
        if (upload.declaredLength() > maxArtifactBytes) {
            throw tooLarge();
        }
        Version version = database.withHandle(handle -> {
            Version found = access.require(handle, upload.model(), upload.versionId());
            access.requireOwnerMember(handle, caller, found);
            if (found.readyAt() != null) {
                throw VersionAccess.sealed(found);
            }
            return found;
        });
        StoredBlob blob = store(upload, content);
        return database.inTransaction(handle -> {
            access.lockUnsealed(handle, version);
            String path = upload.path().value();
            Optional<Artifact> before = artifacts.find(handle, version.id(), path);
            if (before.isPresent() && before.get().sha256().equals(blob.sha256())) {
                return new Uploaded(before.get(), Outcome.UNCHANGED);
            }
            Instant now = Times.truncate(clock.instant());
            Artifact after = new Artifact(path, blob.sha256(), blob.size(), upload.mediaType(), caller.name(), now);
            String subject = "artifact:" + version.modelId() + "/" + path;
            if (before.isPresent()) {
                artifacts.replace(handle, version.id(), blob, path, upload.mediaType(), caller.principalId(), now);
                audit.append(handle, caller, AuditLog.modelChain(version.model()), "artifact.replaced", subject,
                        before.get().toJson(), after.toJson());
                return new Uploaded(after, Outcome.REPLACED);
            }
            artifacts.insert(handle, version.id(), blob, path, upload.mediaType(), caller.principalId(), now);
            audit.append(handle, caller, AuditLog.modelChain(version.model()), "artifact.uploaded", subject,
                    null, after.toJson());
            return new Uploaded(after, Outcome.CREATED);
        });
    }

    private StoredBlob store(Upload upload, InputStream content) {
        try {
            return blobs.put(content, upload.announcedSha256(), maxArtifactBytes);
        } catch (BlobDigestMismatchException e) {
            throw new RegistryException(ErrorCode.DIGEST_MISMATCH, e.getMessage());
        } catch (BlobTooLargeException e) {
            throw tooLarge();
        } catch (IOException e) {
            throw new ArtifactIoException("the upload failed before all bytes were stored: " + e.getMessage(), e);
        }
    }

    public List<Artifact> list(String model, String versionId) {
        return database.withHandle(handle -> artifacts.list(handle, access.require(handle, model, versionId).id()));
    }

    public Artifact find(String model, String versionId, ArtifactPath path) {
        return database.withHandle(handle -> {
            Version version = access.require(handle, model, versionId);
            return artifacts.find(handle, version.id(), path.value())
                    .orElseThrow(() -> RegistryException.notFound("artifact " + path + " of " + versionId));
        });
    }

    /** Opens the bytes of an artifact, or part of them. */
    public InputStream open(Artifact artifact, long offset, long length) {
        try {
            return blobs.open(artifact.sha256(), offset, length);
        } catch (BlobNotFoundException e) {
            throw new ArtifactIoException("the blob of " + artifact.path() + " is missing from the store", e);
        } catch (IOException e) {
            throw new ArtifactIoException("the artifact store could not be read: " + e.getMessage(), e);
        }
    }

    /** Freezes the artifacts and sets ready_at; sealing a sealed version changes nothing. */
    public Version seal(Caller caller, String model, String versionId) {
        return database.inTransaction(handle -> {
            Version version = access.require(handle, model, versionId);
            access.requireOwnerMember(handle, caller, version);
            Instant now = Times.truncate(clock.instant());
            if (access.seal(handle, version, now)) {
                Version sealed = versions.findByVersionId(handle, versionId).orElseThrow();
                audit.append(handle, caller, AuditLog.modelChain(model), "version.sealed", "version:" + versionId,
                        version.toJson(), sealed.toJson());
                return sealed;
            }
            return version;
        });
    }

    private RegistryException tooLarge() {
        return new RegistryException(ErrorCode.PAYLOAD_TOO_LARGE, "artifacts are limited to " + maxArtifactBytes + " bytes");
    }
}
