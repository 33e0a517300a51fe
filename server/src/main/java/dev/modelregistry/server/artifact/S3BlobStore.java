package dev.modelregistry.server.artifact;

import dev.modelregistry.server.config.ArtifactConfig.S3Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Blobs as objects in an S3-compatible bucket: {@code <prefix>/blobs/<sha256>}. An object appears under its digest
 * only once all its bytes are stored and verified: a single PutObject after hashing a body that fits in one part,
 * or a multipart upload completed only when the digest is right (aborted on any failure). Without an announced
 * digest a large body goes to {@code <prefix>/tmp/<uuid>} and is copied into place server-side once its digest is
 * known. Several registry instances may share the bucket; nothing here relies on local state. {@code <prefix>/store-id}
 * holds the identity {@link BlobStoreIdentity} checks against the database.
 */
public final class S3BlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    /** Younger leftovers may belong to a write still running on another instance. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(24);
    private static final String OCTETS = "application/octet-stream";

    /**
     * Sizes that S3's limits dictate. {@code firstPartSize}: the buffer of one upload; {@code largestSingleCopy}:
     * above it a server-side copy must be multipart (S3: 5 GiB); {@code copyPartSize}: the parts of such a copy.
     */
    record Limits(int firstPartSize, long largestSingleCopy, long copyPartSize) {
        static final Limits S3 = new Limits(8 << 20, 5L << 30, 1L << 30);
    }

    private final S3Client s3;
    private final S3Settings settings;
    private final String bucket;
    private final String base;
    private final Limits limits;
    private final Clock clock;

    public S3BlobStore(S3Settings settings) {
        this(settings, Limits.S3, Clock.systemUTC());
    }

    S3BlobStore(S3Settings settings, Limits limits, Clock clock) {
        this.s3 = client(settings);
        this.settings = settings;
        this.bucket = settings.bucket();
        this.base = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
        this.limits = limits;
        this.clock = clock;
    }

    private static S3Client client(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .region(Region.of(settings.region().isBlank() ? "us-east-1" : settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                // Newer SDKs add CRC32 checksums to every upload and expect them on every download; MinIO, Ceph
                // and S3Proxy do not all understand them. The SHA-256 we compute is the integrity check.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public StoredBlob put(InputStream content, Optional<String> expectedSha256, long maxBytes) throws IOException {
        HashingInput hashing = new HashingInput(content, maxBytes);
        // Only a well-formed announced digest names an object; any other can only end in a mismatch.
        Optional<String> announced = expectedSha256.filter(S3BlobStore::isDigest);
        try {
            if (announced.isPresent() && exists(blobKey(announced.get()))) {
                return verifyWithoutStoring(hashing, announced.get());
            }
            BodyParts parts = new BodyParts(hashing, limits.firstPartSize());
            parts.next();
            if (parts.isLast()) {
                return putSinglePart(hashing, parts, expectedSha256);
            }
            return announced.isPresent()
                    ? putMultipartAnnounced(hashing, parts, announced.get())
                    : putMultipartThroughTemp(hashing, parts, expectedSha256);
        } catch (SdkException e) {
            throw unavailable("storing a blob", e);
        }
    }

    /** The content is already stored: read it all anyway, so the client's bytes are checked and the limit held. */
    private static StoredBlob verifyWithoutStoring(HashingInput hashing, String announced) throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (hashing.read(buffer, 0, buffer.length) >= 0) {
            // hashed and counted on the way through
        }
        String digest = hashing.hexDigest();
        HashingInput.checkExpected(Optional.of(announced), digest);
        return new StoredBlob(digest, hashing.count());
    }

    private StoredBlob putSinglePart(HashingInput hashing, BodyParts parts, Optional<String> expected)
            throws IOException {
        String digest = hashing.hexDigest();
        HashingInput.checkExpected(expected, digest);
        String key = blobKey(digest);
        if (!exists(key)) {
            byte[] bytes = parts.buffer();
            int length = parts.length();
            s3.putObject(b -> b.bucket(bucket).key(key).contentLength((long) length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, OCTETS));
        }
        return new StoredBlob(digest, hashing.count());
    }

    /** Parts go straight to the final key: the object appears only when the upload completes, after the check. */
    private StoredBlob putMultipartAnnounced(HashingInput hashing, BodyParts parts, String announced)
            throws IOException {
        uploadInParts(blobKey(announced), hashing, parts, Optional.of(announced));
        return new StoredBlob(announced, hashing.count());
    }

    private StoredBlob putMultipartThroughTemp(HashingInput hashing, BodyParts parts, Optional<String> expected)
            throws IOException {
        String temp = base + "tmp/" + UUID.randomUUID();
        String digest = uploadInParts(temp, hashing, parts, expected);
        try {
            String key = blobKey(digest);
            if (!exists(key)) {
                copy(temp, key, hashing.count());
            }
        } catch (RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
        deleteQuietly(temp, null);
        return new StoredBlob(digest, hashing.count());
    }

    /** Uploads every part and completes the upload only if the digest is the expected one; else aborts it. */
    private String uploadInParts(String key, HashingInput hashing, BodyParts parts, Optional<String> expected)
            throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(OCTETS)).uploadId();
        try {
            List<CompletedPart> done = new ArrayList<>();
            do {
                done.add(uploadPart(key, uploadId, parts));
            } while (parts.next());
            String digest = hashing.hexDigest();
            HashingInput.checkExpected(expected, digest);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done)));
            return digest;
        } catch (IOException | RuntimeException | Error e) {
            abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    private CompletedPart uploadPart(String key, String uploadId, BodyParts parts) {
        byte[] bytes = parts.buffer();
        int length = parts.length();
        int number = parts.number();
        String etag = s3.uploadPart(
                b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength((long) length),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, OCTETS))
                .eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** A server-side copy: the bytes do not pass through this process again. */
    private void copy(String source, String target, long size) {
        if (size <= limits.largestSingleCopy()) {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(source).destinationBucket(bucket)
                    .destinationKey(target).contentType(OCTETS));
            return;
        }
        long partSize = Math.max(limits.copyPartSize(), Math.ceilDiv(size, BodyParts.MAX_PARTS));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(target).contentType(OCTETS)).uploadId();
        try {
            List<CompletedPart> done = new ArrayList<>();
            for (long from = 0; from < size; from += partSize) {
                int number = done.size() + 1;
                String range = "bytes=" + from + "-" + (Math.min(from + partSize, size) - 1);
                String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(source).destinationBucket(bucket)
                        .destinationKey(target).uploadId(uploadId).partNumber(number).copySourceRange(range))
                        .copyPartResult().eTag();
                done.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(target).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done)));
        } catch (RuntimeException e) {
            abortQuietly(target, uploadId, e);
            throw e;
        }
    }

    private void abortQuietly(String key, String uploadId, Throwable cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            // recoverInterruptedWrites() aborts it later; the original failure is the one to report.
            cause.addSuppressed(e);
        }
    }

    private void deleteQuietly(String key, Throwable cause) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            // recoverInterruptedWrites() removes it later.
            if (cause != null) {
                cause.addSuppressed(e);
            } else {
                LOG.warn("could not remove the temporary object {} from {}: {}", key, bucket, e.toString());
            }
        }
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (isNotFound(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Long> size(String sha256) throws IOException {
        String key = blobKey(sha256);
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (S3Exception e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw unavailable("reading the size of blob " + sha256, e);
        } catch (SdkException e) {
            throw unavailable("reading the size of blob " + sha256, e);
        }
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        String key = blobKey(sha256);
        if (length == 0) {
            // "bytes=n-(n-1)" is no range at all; only the blob's existence is in question.
            if (size(sha256).isEmpty()) {
                throw new BlobNotFoundException(sha256);
            }
            return InputStream.nullInputStream();
        }
        String range = length > 0 ? "bytes=" + offset + "-" + (offset + length - 1)
                : offset > 0 ? "bytes=" + offset + "-" : null;
        try {
            return new S3ObjectStream(s3.getObject(b -> b.bucket(bucket).key(key).range(range)));
        } catch (S3Exception e) {
            if (isNotFound(e)) {
                throw new BlobNotFoundException(sha256);
            }
            if (e.statusCode() == 416) {
                // From past the end: nothing to read, as when a file is positioned past its end.
                return InputStream.nullInputStream();
            }
            throw unavailable("reading blob " + sha256, e);
        } catch (SdkException e) {
            throw unavailable("reading blob " + sha256, e);
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        String key = blobKey(sha256);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw unavailable("removing blob " + sha256, e);
        }
    }

    @Override
    public Optional<String> readIdentity() throws IOException {
        String key = base + "store-id";
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String().strip());
        } catch (S3Exception e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw unavailable("reading the store's identity", e);
        } catch (SdkException e) {
            throw unavailable("reading the store's identity", e);
        }
    }

    @Override
    public void writeIdentity(String storeId) throws IOException {
        String key = base + "store-id";
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromString(storeId + "\n"));
        } catch (SdkException e) {
            throw unavailable("writing the store's identity", e);
        }
    }

    @Override
    public void recoverInterruptedWrites() throws IOException {
        abortStaleWrites(clock.instant().minus(ABANDONED_AFTER));
    }

    @Override
    public void abortStaleWrites(Instant cutoff) throws IOException {
        try {
            new S3Leftovers(s3, bucket, base).removeOlderThan(cutoff);
        } catch (SdkException e) {
            throw unavailable("clearing interrupted writes", e);
        }
    }

    @Override
    public List<Listed> list(String afterSha256, int limit) throws IOException {
        String prefix = base + "blobs/";
        try {
            return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).startAfter(prefix + afterSha256).maxKeys(limit))
                    .contents().stream()
                    .filter(object -> isDigest(object.key().substring(prefix.length())))
                    .map(object -> new Listed(object.key().substring(prefix.length()), object.lastModified()))
                    .toList();
        } catch (SdkException e) {
            throw unavailable("listing blobs", e);
        }
    }

    @Override
    public String describe() {
        return "objects in " + settings; // S3Settings.toString() leaves the credentials out
    }

    @Override
    public void close() {
        s3.close();
    }

    /** The only way a key is built from a digest, and the digest is checked first. */
    String blobKey(String sha256) {
        if (!isDigest(sha256)) {
            throw new IllegalArgumentException("not a sha-256 digest: " + sha256);
        }
        return base + "blobs/" + sha256;
    }

    private static boolean isDigest(String s) {
        return s != null && SHA256.matcher(s).matches();
    }

    private static boolean isNotFound(S3Exception e) {
        return e instanceof NoSuchKeyException || e.statusCode() == 404;
    }

    /** SDK failures (unreachable endpoint, timeouts, refused requests) become I/O errors: storage is unavailable. */
    private IOException unavailable(String action, SdkException e) {
        return new IOException(action + " in " + settings + " failed: " + e.getMessage(), e);
    }
}
