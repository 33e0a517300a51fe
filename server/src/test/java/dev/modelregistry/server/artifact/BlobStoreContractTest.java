package dev.modelregistry.server.artifact;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every blob store promises, run against each backend by a tiny subclass: bytes and digests round-trip, ranges
 * read the right bytes, identical content is stored once, and a refused or failed write leaves nothing behind.
 */
abstract class BlobStoreContractTest {
    /** The S3 store's part size: bodies around it take the single-request and the multipart paths. */
    static final int PART = 8 << 20;
    static final long NO_LIMIT = Long.MAX_VALUE;

    protected BlobStore store;

    /** A new, empty store. */
    protected abstract BlobStore newStore() throws Exception;

    /** The digests of the blobs the backend holds, looked up behind the store's back. */
    protected abstract List<String> blobsOnStorage() throws Exception;

    /** Whatever unfinished writes left in the backend: temporary files or objects, open multipart uploads. */
    protected abstract List<String> leftovers() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, PART - 1, PART, PART + 1, 40 << 20})
    void contentRoundTripsUnderItsSha256(int size) throws Exception {
        byte[] bytes = randomBytes(size, size);

        StoredBlob stored = store.put(new ByteArrayInputStream(bytes), Optional.empty(), NO_LIMIT);

        assertThat(stored).isEqualTo(new StoredBlob(sha256(bytes), size));
        assertThat(store.size(stored.sha256())).contains((long) size);
        assertThat(readAll(stored.sha256(), 0, -1)).isEqualTo(bytes);
        assertThat(blobsOnStorage()).containsExactly(stored.sha256());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void rangesReadExactlyTheRequestedBytes() throws Exception {
        byte[] bytes = randomBytes(PART + 1000, 7);
        String digest = store.put(new ByteArrayInputStream(bytes), Optional.empty(), NO_LIMIT).sha256();

        assertThat(readAll(digest, 10, 20)).isEqualTo(slice(bytes, 10, 20));
        assertThat(readAll(digest, PART - 10, 20)).isEqualTo(slice(bytes, PART - 10, 20));
        assertThat(readAll(digest, PART, -1)).isEqualTo(slice(bytes, PART, 1000));
        assertThat(readAll(digest, bytes.length - 5, 5)).isEqualTo(slice(bytes, bytes.length - 5, 5));
        assertThat(readAll(digest, 0, 1)).isEqualTo(slice(bytes, 0, 1));
        assertThat(readAll(digest, 17, 0)).isEmpty();
    }

    @Test
    void aStreamClosedBeforeItsEndLeavesTheStoreUsable() throws Exception {
        byte[] bytes = randomBytes(PART + 1, 8);
        String digest = store.put(new ByteArrayInputStream(bytes), Optional.empty(), NO_LIMIT).sha256();

        for (int i = 0; i < 3; i++) {
            try (InputStream in = store.open(digest, 0, -1)) {
                assertThat(in.readNBytes(100)).isEqualTo(slice(bytes, 0, 100));
            }
        }
        assertThat(readAll(digest, 0, -1)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, PART + 1})
    void contentMatchingTheAnnouncedDigestIsStored(int size) throws Exception {
        byte[] bytes = randomBytes(size, 11);

        StoredBlob stored = store.put(new ByteArrayInputStream(bytes), Optional.of(sha256(bytes)), NO_LIMIT);

        assertThat(stored).isEqualTo(new StoredBlob(sha256(bytes), size));
        assertThat(readAll(stored.sha256(), 0, -1)).isEqualTo(bytes);
        assertThat(blobsOnStorage()).containsExactly(sha256(bytes));
        assertThat(leftovers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1000, PART + 1})
    void contentNotMatchingTheAnnouncedDigestLeavesNothing(int size) throws Exception {
        byte[] bytes = randomBytes(size, 12);
        String announced = sha256(randomBytes(size + 1, 13));

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(bytes), Optional.of(announced), NO_LIMIT))
                .isInstanceOfSatisfying(BlobDigestMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(announced);
                    assertThat(e.actual()).isEqualTo(sha256(bytes));
                });

        assertThat(store.size(announced)).isEmpty();
        assertThat(store.size(sha256(bytes))).isEmpty();
        assertThat(blobsOnStorage()).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-digest", "../../etc/passwd"})
    void aMalformedAnnouncedDigestIsAMismatchAndLeavesNothing(String announced) throws Exception {
        byte[] bytes = randomBytes(PART + 1, 14);

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(bytes), Optional.of(announced), NO_LIMIT))
                .isInstanceOf(BlobDigestMismatchException.class);

        assertThat(blobsOnStorage()).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void storedContentAnnouncedAgainIsCheckedNotTrusted() throws Exception {
        byte[] original = randomBytes(1000, 15);
        String digest = store.put(new ByteArrayInputStream(original), Optional.empty(), NO_LIMIT).sha256();

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(randomBytes(1000, 16)), Optional.of(digest),
                NO_LIMIT)).isInstanceOf(BlobDigestMismatchException.class);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(original), Optional.of(digest), 999))
                .isInstanceOf(BlobTooLargeException.class);

        assertThat(readAll(digest, 0, -1)).isEqualTo(original);
        assertThat(blobsOnStorage()).containsExactly(digest);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 2 * PART + 5})
    void contentOverTheLimitIsRefusedAndLeavesNothing(int size) throws Exception {
        byte[] bytes = randomBytes(size, 17);

        // The last byte is one too many: every part before it has been written by then.
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(bytes), Optional.empty(), size - 1))
                .isInstanceOf(BlobTooLargeException.class);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(bytes), Optional.of(sha256(bytes)), size - 1))
                .isInstanceOf(BlobTooLargeException.class);

        assertThat(store.size(sha256(bytes))).isEmpty();
        assertThat(blobsOnStorage()).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void contentExactlyAtTheLimitIsStored() throws Exception {
        byte[] bytes = randomBytes(1000, 18);

        assertThat(store.put(new ByteArrayInputStream(bytes), Optional.empty(), 1000).size()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 2 * PART + 5})
    void aBodyThatBreaksOffLeavesNothing(int size) throws Exception {
        byte[] bytes = randomBytes(size, 19);

        assertThatThrownBy(() -> store.put(breakingOffAfter(bytes, size / 2 + PART / 2), Optional.empty(), NO_LIMIT))
                .isInstanceOf(IOException.class).hasMessage("client went away");
        assertThatThrownBy(() -> store.put(breakingOffAfter(bytes, size - 1), Optional.of(sha256(bytes)), NO_LIMIT))
                .isInstanceOf(IOException.class).hasMessage("client went away");

        assertThat(store.size(sha256(bytes))).isEmpty();
        assertThat(blobsOnStorage()).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, PART + 1})
    void identicalContentIsStoredOnce(int size) throws Exception {
        byte[] bytes = randomBytes(size, 20);

        StoredBlob first = store.put(new ByteArrayInputStream(bytes), Optional.empty(), NO_LIMIT);
        StoredBlob second = store.put(new ByteArrayInputStream(bytes), Optional.empty(), NO_LIMIT);
        StoredBlob announced = store.put(new ByteArrayInputStream(bytes), Optional.of(sha256(bytes)), NO_LIMIT);

        assertThat(List.of(second, announced)).containsOnly(first);
        assertThat(blobsOnStorage()).containsExactly(first.sha256());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void concurrentPutsOfTheSameContentAllSucceedAndStoreItOnce() throws Exception {
        byte[] bytes = randomBytes(PART + 1, 21);
        int writers = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<StoredBlob>> puts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Optional<String> announced = i % 2 == 0 ? Optional.empty() : Optional.of(sha256(bytes));
            puts.add(() -> {
                start.await();
                return store.put(new ByteArrayInputStream(bytes), announced, NO_LIMIT);
            });
        }
        List<StoredBlob> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<StoredBlob>> futures = puts.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<StoredBlob> future : futures) {
                results.add(future.get());
            }
        }

        assertThat(results).containsOnly(new StoredBlob(sha256(bytes), bytes.length)).hasSize(writers);
        assertThat(blobsOnStorage()).containsExactly(sha256(bytes));
        assertThat(readAll(sha256(bytes), 0, -1)).isEqualTo(bytes);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anUnknownDigestIsNotFound() throws Exception {
        String unknown = sha256(new byte[]{42});

        assertThat(store.size(unknown)).isEmpty();
        assertThatThrownBy(() -> store.open(unknown, 0, -1)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.open(unknown, 0, 0)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void deleteRemovesTheBlobAndRemovingItAgainIsNoError() throws Exception {
        String digest = store.put(new ByteArrayInputStream(randomBytes(1000, 22)), Optional.empty(), NO_LIMIT).sha256();

        store.delete(digest);
        store.delete(digest);

        assertThat(store.size(digest)).isEmpty();
        assertThatThrownBy(() -> store.open(digest, 0, -1)).isInstanceOf(BlobNotFoundException.class);
        assertThat(blobsOnStorage()).isEmpty();
    }

    @Test
    void aNewStoreCarriesNoIdentityAndKeepsTheOneWrittenWithoutListingItAsABlob() throws Exception {
        assertThat(store.readIdentity()).isEmpty();

        store.writeIdentity("7f0c1b6e-2d1a-4a53-9d43-0b0c6f5e8a11");

        assertThat(store.readIdentity()).contains("7f0c1b6e-2d1a-4a53-9d43-0b0c6f5e8a11");
        assertThat(store.list("", 10)).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void recoveringInterruptedWritesKeepsStoredBlobs() throws Exception {
        byte[] bytes = randomBytes(1000, 23);
        String digest = store.put(new ByteArrayInputStream(bytes), Optional.empty(), NO_LIMIT).sha256();

        store.recoverInterruptedWrites();

        assertThat(readAll(digest, 0, -1)).isEqualTo(bytes);
    }

    @Test
    void listingPagesThroughEveryBlobInDigestOrder() throws Exception {
        List<String> stored = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stored.add(store.put(new ByteArrayInputStream(randomBytes(100, 40 + i)), Optional.empty(), NO_LIMIT).sha256());
        }
        List<BlobStore.Listed> first = store.list("", 3);
        List<BlobStore.Listed> rest = store.list(first.getLast().sha256(), 3);

        assertThat(first).hasSize(3);
        assertThat(java.util.stream.Stream.concat(first.stream(), rest.stream()).map(BlobStore.Listed::sha256))
                .containsExactlyElementsOf(stored.stream().sorted().toList());
        assertThat(first).allSatisfy(blob -> assertThat(blob.lastModified()).isNotNull());
        assertThat(store.list(stored.stream().max(String::compareTo).orElseThrow(), 3)).isEmpty();
    }

    @Test
    void abortingStaleWritesKeepsStoredBlobs() throws Exception {
        byte[] bytes = randomBytes(1000, 24);
        String digest = store.put(new ByteArrayInputStream(bytes), Optional.empty(), NO_LIMIT).sha256();

        store.abortStaleWrites(java.time.Instant.now().plusSeconds(3600));

        assertThat(readAll(digest, 0, -1)).isEqualTo(bytes);
    }

    @Test
    void describeNamesTheStore() {
        assertThat(store.describe()).isNotBlank();
    }

    byte[] readAll(String digest, long offset, long length) throws IOException {
        try (InputStream in = store.open(digest, offset, length)) {
            return in.readAllBytes();
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] part = new byte[length];
        System.arraycopy(bytes, from, part, 0, length);
        return part;
    }

    /** A request body whose client disconnects after {@code count} bytes. */
    private static InputStream breakingOffAfter(byte[] bytes, int count) {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(bytes, 0, Math.min(count, bytes.length)), broken);
    }
}
