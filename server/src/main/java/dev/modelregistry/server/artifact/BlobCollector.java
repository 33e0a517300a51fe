package dev.modelregistry.server.artifact;

import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.jobs.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Removes bytes no artifact row names: blobs of uploads that were refused or failed after their bytes were stored
 * (the version sealed meanwhile, the database down), blobs replaced by other content, and writes abandoned midway
 * (partial files, multipart uploads a killed process left). It never removes a blob a committed row names: it
 * claims a blob in {@code blobs} and re-checks the artifact rows in the same transaction, and an upload marks its
 * blob live in the transaction that writes its row, so whichever of the two commits second sees the other. Any
 * number of instances may collect at once; the claim decides. Blobs younger than the grace period are left alone,
 * so an upload between its bytes and its row is not refused for nothing.
 */
public final class BlobCollector implements AutoCloseable {
    public static final Duration GRACE = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);
    private static final int PAGE = 500;

    private final Database database;
    private final BlobRecordStore records;
    private final BlobStore blobs;
    private final Clock clock;
    private PeriodicJob job;

    public BlobCollector(Database database, BlobRecordStore records, BlobStore blobs, Clock clock) {
        this.database = database;
        this.records = records;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** What one pass removed. */
    public record Pass(int blobsRemoved, int blobsKept) {
    }

    public void start(Duration interval) {
        job = PeriodicJob.start("blob-collector", interval, this::collectAndLog);
    }

    private void collectAndLog() throws IOException {
        Pass pass = collectOnce(GRACE);
        if (pass.blobsRemoved() > 0) {
            LOG.info("removed {} unreferenced blob(s) from {}", pass.blobsRemoved(), blobs.describe());
        }
    }

    /**
     * One pass over the store: blobs untouched for {@code grace} that no row names are removed, and writes silent
     * for {@link #GRACE}.
     */
    public Pass collectOnce(Duration grace) throws IOException {
        Instant cutoff = clock.instant().minus(grace);
        int removed = 0;
        int kept = 0;
        for (String sha : database.withHandle(records::deleting)) {
            removeClaimed(sha);
            removed++;
        }
        String after = "";
        for (List<BlobStore.Listed> page = blobs.list(after, PAGE); !page.isEmpty(); page = blobs.list(after, PAGE)) {
            for (BlobStore.Listed blob : page) {
                if (blob.lastModified().isBefore(cutoff) && claim(blob.sha256(), cutoff)) {
                    removeClaimed(blob.sha256());
                    removed++;
                } else {
                    kept++;
                }
            }
            after = page.getLast().sha256();
        }
        // Writes in progress touch their partial file or add parts all the time; only a write silent for the whole
        // grace period is abandoned, whatever grace the blobs themselves were given.
        blobs.abortStaleWrites(clock.instant().minus(GRACE));
        return new Pass(removed, kept);
    }

    /** True when this pass may delete the bytes: claimed, and still named by no artifact row. */
    private boolean claim(String sha256, Instant cutoff) {
        return database.inTransaction(handle -> {
            if (records.isReferenced(handle, sha256)) {
                return false;
            }
            Instant now = Times.truncate(clock.instant());
            if (!records.claimForDeletion(handle, sha256, cutoff, now)) {
                return false;
            }
            // Again, now that the claim holds the blob's row: an upload that committed meanwhile is visible here.
            if (records.isReferenced(handle, sha256)) {
                records.revive(handle, sha256, now);
                return false;
            }
            return true;
        });
    }

    private void removeClaimed(String sha256) throws IOException {
        blobs.delete(sha256);
        database.inTransaction(handle -> {
            records.forget(handle, sha256);
            return null;
        });
    }

    @Override
    public void close() {
        if (job != null) {
            job.close();
        }
    }
}
