package dev.modelregistry.server.artifact;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ArtifactPath;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.VersionRef;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.VersionAccess;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Uploading, listing, reading and sealing a version's artifacts. Bytes go to the blob store first (streamed,
 * outside any transaction, since they may take minutes); the artifact row and its audit entry are written after,
 * in one transaction that re-checks the version is still unsealed.
 */
public final class ArtifactService {
    private final Database database;
    private final ArtifactStore artifacts;
    private final BlobRecordStore blobRecords;
    private final VersionAccess versions;
    private final BlobStore blobs;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxArtifactBytes;

    public ArtifactService(Database database, ArtifactStore artifacts, BlobRecordStore blobRecords, VersionAccess versions,
                           BlobStore blobs, AuditLog audit, Clock clock, long maxArtifactBytes) {
        this.database = database;
        this.artifacts = artifacts;
        this.blobRecords = blobRecords;
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
    public record Upload(ModelName model, VersionRef version, ArtifactPath path, Optional<String> announcedSha256,
                         String mediaType, long declaredLength) {
    }

    public Uploaded upload(Caller caller, Upload upload, InputStream content) {
        if (upload.declaredLength() > maxArtifactBytes) {
            throw tooLarge();
        }
        // An alias (xsmom@latest) is resolved here, once: the bytes are stored outside any transaction, then recorded
        // against the version it named when the upload began, under that version's lock.
        Version version = database.withHandle(handle -> {
            Version found = versions.require(handle, upload.model(), upload.version());
            versions.requireMayChange(handle, caller, found, "upload artifacts");
            if (found.sealed()) {
                throw VersionAccess.sealed(found);
            }
            return found;
        });
        StoredBlob blob = store(upload, content);
        return database.inTransaction(handle -> record(handle, caller, version, upload, blob));
    }

    /** Writes the artifact row for bytes already stored, unless the version was sealed in the meantime. */
    private Uploaded record(Handle handle, Caller caller, Version version, Upload upload, StoredBlob blob) {
        versions.lockUnsealed(handle, version);
        String path = upload.path().value();
        Optional<Artifact> before = artifacts.find(handle, version.rowId(), path);
        if (before.isPresent() && before.get().sha256().equals(blob.sha256())) {
            return new Uploaded(before.get(), Outcome.UNCHANGED);
        }
        Instant now = Times.truncate(clock.instant());
        // Live before the row is written, then still there: a collector that claimed these bytes while they were
        // being stored has either not deleted them (its claim blocks markLive) or already has (then they are gone).
        if (!blobRecords.markLive(handle, blob.sha256(), now) || !stillStored(blob)) {
            throw new RegistryException(ErrorCode.UNAVAILABLE,
                    "the store removed the same content as unreferenced just now; retry the upload");
        }
        Artifact after = new Artifact(path, blob.sha256(), blob.size(), upload.mediaType(), caller.name(), now);
        String chain = AuditLog.modelChain(version.model());
        String subject = "artifact:" + version.modelId() + "/" + path;
        if (before.isPresent()) {
            artifacts.replace(handle, version.rowId(), blob, path, upload.mediaType(), caller.principalRowId(), now);
            audit.append(handle, caller, new AuditEvent(chain, "artifact.replaced", subject, before.get(), after));
            return new Uploaded(after, Outcome.REPLACED);
        }
        artifacts.insert(handle, version.rowId(), blob, path, upload.mediaType(), caller.principalRowId(), now);
        audit.append(handle, caller, AuditEvent.created(chain, "artifact.uploaded", subject, after));
        return new Uploaded(after, Outcome.CREATED);
    }

    private boolean stillStored(StoredBlob blob) {
        try {
            return blobs.size(blob.sha256()).isPresent();
        } catch (IOException e) {
            throw new ArtifactIoException("the artifact store could not be read: " + e.getMessage(), e);
        }
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

    public List<Artifact> list(ModelName model, VersionRef ref) {
        return database.withHandle(handle -> artifacts.list(handle, versions.require(handle, model, ref).rowId()));
    }

    /** The artifacts of a version by path, in the caller's transaction (deployment manifests list them). */
    public List<Artifact> list(Handle handle, long versionRowId) {
        return artifacts.list(handle, versionRowId);
    }

    /** The artifacts of several versions by row id, in the caller's transaction, with one statement. */
    public Map<Long, List<Artifact>> listByVersion(Handle handle, Collection<Long> versionRowIds) {
        return artifacts.listByVersion(handle, versionRowIds);
    }

    public Artifact find(ModelName model, VersionRef ref, ArtifactPath path) {
        return database.withHandle(handle -> {
            Version version = versions.require(handle, model, ref);
            return artifacts.find(handle, version.rowId(), path.value())
                    .orElseThrow(() -> RegistryException.notFound("artifact " + path + " of " + version.modelId()));
        });
    }

    /** Opens the bytes of an artifact, or part of them. */
    public InputStream open(Artifact artifact, long offset, long length) {
        return openBlob(artifact.path(), artifact.sha256(), offset, length);
    }

    /**
     * Reads at most {@code maxBytes + 1} bytes of the blob {@code sha256} (stored as {@code path}): enough for a caller
     * to tell a small document from one that is too big.
     */
    public byte[] readAtMost(String path, String sha256, int maxBytes) {
        try (InputStream in = openBlob(path, sha256, 0, -1)) {
            return in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ArtifactIoException("the artifact store could not be read: " + e.getMessage(), e);
        }
    }

    private InputStream openBlob(String path, String sha256, long offset, long length) {
        try {
            return blobs.open(sha256, offset, length);
        } catch (BlobNotFoundException e) {
            throw new ArtifactIoException("the blob of " + path + " is missing from the store", e);
        } catch (IOException e) {
            throw new ArtifactIoException("the artifact store could not be read: " + e.getMessage(), e);
        }
    }

    /** Freezes the artifacts and sets ready_at; sealing a sealed version changes nothing. */
    public Version seal(Caller caller, ModelName model, VersionRef ref) {
        return database.inTransaction(handle -> {
            Version version = versions.require(handle, model, ref);
            versions.requireMayChange(handle, caller, version, "seal versions");
            Optional<Version> sealed = versions.seal(handle, version, Times.truncate(clock.instant()));
            sealed.ifPresent(after -> audit.append(handle, caller, new AuditEvent(AuditLog.modelChain(model),
                    "version.sealed", "version:" + version.modelId(), version, after)));
            return sealed.orElse(version);
        });
    }

    private RegistryException tooLarge() {
        return new RegistryException(ErrorCode.PAYLOAD_TOO_LARGE, "artifacts are limited to " + maxArtifactBytes + " bytes");
    }
}
