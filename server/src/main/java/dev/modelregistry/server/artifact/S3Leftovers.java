package dev.modelregistry.server.artifact;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.List;

/**
 * What interrupted writes leave in a bucket: multipart uploads never completed or aborted (a process killed
 * mid-upload; their parts are billed until aborted) and temporary objects of uploads without an announced digest.
 * An upload counts as abandoned only when no part arrived since the cutoff, so a slow upload of a large artifact
 * is never cut off however long it runs.
 */
final class S3Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(S3Leftovers.class);

    private final S3Client s3;
    private final String bucket;
    private final String base;

    S3Leftovers(S3Client s3, String bucket, String base) {
        this.s3 = s3;
        this.bucket = bucket;
        this.base = base;
    }

    void removeOlderThan(Instant cutoff) {
        for (String area : List.of("blobs/", "tmp/")) {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(base + area))
                    .uploads()) {
                Instant lastActivity = lastActivity(upload);
                if (lastActivity.isBefore(cutoff)) {
                    LOG.info("aborting the abandoned upload of {} (no part since {})", upload.key(), lastActivity);
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                }
            }
        }
        for (S3Object leftover : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(base + "tmp/")).contents()) {
            if (leftover.lastModified().isBefore(cutoff)) {
                LOG.info("removing the abandoned temporary object {}", leftover.key());
                s3.deleteObject(b -> b.bucket(bucket).key(leftover.key()));
            }
        }
    }

    /** When the upload last made progress: its newest part, or its start when it has none. */
    private Instant lastActivity(MultipartUpload upload) {
        Instant latest = upload.initiated() != null ? upload.initiated() : Instant.EPOCH;
        for (Part part : s3.listPartsPaginator(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))
                .parts()) {
            if (part.lastModified() != null && part.lastModified().isAfter(latest)) {
                latest = part.lastModified();
            }
        }
        return latest;
    }
}
