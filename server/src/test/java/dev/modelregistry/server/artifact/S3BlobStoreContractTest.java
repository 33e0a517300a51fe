package dev.modelregistry.server.artifact;

import dev.modelregistry.server.config.ArtifactConfig.S3Settings;
import dev.modelregistry.server.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3BlobStoreContractTest extends BlobStoreContractTest {
    /** Copies above 16 MiB go in 8 MiB parts here, so the 40 MiB round trip takes the multipart-copy path too. */
    private static final S3BlobStore.Limits SMALL_COPIES = new S3BlobStore.Limits(PART, 16 << 20, 8 << 20);

    private static S3ProxyServer proxy;
    private static S3Client bucket;
    private String prefix;

    @BeforeAll
    static void startProxy() {
        proxy = S3ProxyServer.start();
        bucket = proxy.client();
    }

    @AfterAll
    static void stopProxy() {
        if (bucket != null) {
            bucket.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Override
    protected BlobStore newStore() {
        prefix = "contract/" + UUID.randomUUID();
        return new S3BlobStore(proxy.settings(prefix), SMALL_COPIES, Clock.systemUTC());
    }

    @Override
    protected List<String> blobsOnStorage() {
        return objectsUnder(prefix + "/blobs/").map(key -> key.substring((prefix + "/blobs/").length())).toList();
    }

    @Override
    protected List<String> leftovers() {
        Stream<String> uploads = bucket.listMultipartUploadsPaginator(b -> b.bucket(proxy.bucket()).prefix(prefix + "/"))
                .uploads().stream().map(upload -> "upload of " + upload.key());
        return Stream.concat(objectsUnder(prefix + "/tmp/"), uploads).toList();
    }

    private Stream<String> objectsUnder(String keyPrefix) {
        return bucket.listObjectsV2Paginator(b -> b.bucket(proxy.bucket()).prefix(keyPrefix)).contents().stream()
                .map(S3Object::key);
    }

    @Test
    void recoveringInterruptedWritesRemovesOnlyWhatADayHasPassedOver() throws IOException {
        String orphanUpload = prefix + "/blobs/" + sha256(new byte[]{1});
        bucket.createMultipartUpload(b -> b.bucket(proxy.bucket()).key(orphanUpload));
        bucket.putObject(b -> b.bucket(proxy.bucket()).key(prefix + "/tmp/orphan"), RequestBody.fromString("half"));
        String kept = store.put(new ByteArrayInputStream(randomBytes(1000, 1)), Optional.empty(), NO_LIMIT).sha256();

        store.recoverInterruptedWrites();
        assertThat(leftovers()).containsExactlyInAnyOrder(prefix + "/tmp/orphan", "upload of " + orphanUpload);

        Clock aDayLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(25));
        try (S3BlobStore later = new S3BlobStore(proxy.settings(prefix), SMALL_COPIES, aDayLater)) {
            later.recoverInterruptedWrites();
        }
        assertThat(leftovers()).isEmpty();
        assertThat(blobsOnStorage()).containsExactly(kept);
    }

    @Test
    void anUploadIsAbandonedWhenNoPartArrivedSinceTheCutoffNotWhenItStarted() throws IOException {
        String key = prefix + "/blobs/" + sha256(new byte[]{2});
        String uploadId = bucket.createMultipartUpload(b -> b.bucket(proxy.bucket()).key(key)).uploadId();
        bucket.uploadPart(b -> b.bucket(proxy.bucket()).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(randomBytes(1000, 3)));

        store.abortStaleWrites(java.time.Instant.now().minusSeconds(60));
        assertThat(leftovers()).as("a part arrived within the last minute").containsExactly("upload of " + key);

        store.abortStaleWrites(java.time.Instant.now().plusSeconds(60));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anUnreachableEndpointIsAnIoError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Settings unreachable = new S3Settings(proxy.bucket(), "x", Optional.of(URI.create("http://127.0.0.1:" + closedPort)),
                "us-east-1", true, Optional.of(proxy.accessKey()), Optional.of(proxy.secretKey()));
        try (S3BlobStore down = new S3BlobStore(unreachable)) {
            String digest = sha256(new byte[0]);
            assertThatThrownBy(() -> down.size(digest)).isExactlyInstanceOf(IOException.class);
            assertThatThrownBy(() -> down.open(digest, 0, -1)).isExactlyInstanceOf(IOException.class);
            assertThatThrownBy(() -> down.put(new ByteArrayInputStream(new byte[10]), Optional.empty(), NO_LIMIT))
                    .isExactlyInstanceOf(IOException.class);
        }
    }

    @Test
    void theDescriptionNamesTheBucketButNoSecret() {
        assertThat(store.describe()).contains(proxy.bucket(), prefix).doesNotContain(proxy.secretKey());
    }

    @Test
    void keysAreOnlyBuiltFromLowerCaseDigests() {
        S3BlobStore s3 = (S3BlobStore) store;

        assertThatThrownBy(() -> s3.blobKey("../tmp/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s3.size("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s3.blobKey(sha256(new byte[0]))).isEqualTo(prefix + "/blobs/" + sha256(new byte[0]));
    }
}
