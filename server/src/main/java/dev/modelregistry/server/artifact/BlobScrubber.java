package dev.modelregistry.server.artifact;

import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.jobs.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Re-reads every blob an artifact row names and checks its SHA-256 and size, so bytes altered or lost in the store
 * are found by the registry, not first by a deploy guard refusing them. Run by {@code modelreg admin
 * scrub-artifacts} and, on every instance, once a day.
 */
public final class BlobScrubber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlobScrubber.class);
    private static final int PAGE = 500;

    private final Database database;
    private final ArtifactStore artifacts;
    private final BlobStore blobs;
    private PeriodicJob job;

    public BlobScrubber(Database database, ArtifactStore artifacts, BlobStore blobs) {
        this.database = database;
        this.artifacts = artifacts;
        this.blobs = blobs;
    }

    /** A blob whose bytes are not what its rows say: missing, or with another digest or size. */
    public record Finding(String sha256, long expectedSize, String problem) {
    }

    /** How many blobs a scrub read and what it found. */
    public record Report(int checked, List<Finding> findings) {
    }

    public void start(Duration interval) {
        job = PeriodicJob.start("blob-scrubber", interval, this::scrubAll);
    }

    /** Reads every named blob once; each finding is also logged at WARN. */
    public Report scrubAll() {
        List<Finding> findings = new ArrayList<>();
        int checked = 0;
        String after = "";
        for (List<StoredBlob> page = page(after); !page.isEmpty(); page = page(after)) {
            for (StoredBlob named : page) {
                check(named).ifPresent(finding -> {
                    LOG.warn("artifact store: blob {} {}", finding.sha256(), finding.problem());
                    findings.add(finding);
                });
                checked++;
            }
            after = page.getLast().sha256();
        }
        return new Report(checked, List.copyOf(findings));
    }

    private List<StoredBlob> page(String after) {
        return database.withHandle(handle -> artifacts.namedBlobs(handle, after, PAGE));
    }

    private Optional<Finding> check(StoredBlob named) {
        try (InputStream in = blobs.open(named.sha256(), 0, -1)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = new DigestInputStream(in, sha).transferTo(OutputStream.nullOutputStream());
            String actual = HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(named.sha256()) || size != named.size()) {
                return Optional.of(new Finding(named.sha256(), named.size(),
                        "holds " + size + " bytes with SHA-256 " + actual + " instead of " + named.size() + " bytes"));
            }
            return Optional.empty();
        } catch (BlobNotFoundException e) {
            return Optional.of(new Finding(named.sha256(), named.size(), "is missing from the store"));
        } catch (IOException e) {
            return Optional.of(new Finding(named.sha256(), named.size(), "could not be read: " + e.getMessage()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (job != null) {
            job.close();
        }
    }
}
