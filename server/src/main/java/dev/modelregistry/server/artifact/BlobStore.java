package dev.modelregistry.server.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Content-addressed storage of artifact bytes, keyed by SHA-256. Writes stream (the content is never held in
 * memory) and are all-or-nothing: after a failed or refused {@link #put} nothing of it remains, and a blob is
 * visible under its digest only once all its bytes are durably stored. Identical content is stored once.
 */
public interface BlobStore extends AutoCloseable {
    /**
     * Streams {@code content} into the store while hashing it.
     *
     * @param expectedSha256 the digest the client announced; on a mismatch nothing is kept and
     *                       {@link BlobDigestMismatchException} is thrown
     * @param maxBytes       more bytes than this and nothing is kept; {@link BlobTooLargeException} is thrown
     */
    StoredBlob put(InputStream content, Optional<String> expectedSha256, long maxBytes) throws IOException;

    /** The blob's size, or empty when no blob has this digest. */
    Optional<Long> size(String sha256) throws IOException;

    /**
     * Reads {@code length} bytes of the blob from {@code offset} ({@code length} -1: to the end).
     *
     * @throws BlobNotFoundException when no blob has this digest
     */
    InputStream open(String sha256, long offset, long length) throws IOException;

    /** Removes a blob; removing an absent one is not an error. */
    void delete(String sha256) throws IOException;

    /** The id written into the store at the registry's first start, or empty when it carries none. */
    Optional<String> readIdentity() throws IOException;

    /** Writes the store's id (only ever once, at the registry's first start; see {@link BlobStoreIdentity}). */
    void writeIdentity(String storeId) throws IOException;

    /**
     * Clears what interrupted writes left behind: partial files of a process that is gone, multipart uploads no part
     * reached for a day. Never a write in progress on another instance sharing the store.
     */
    void recoverInterruptedWrites() throws IOException;

    /** A blob in the store and when its bytes were last written. */
    record Listed(String sha256, Instant lastModified) {
    }

    /** Up to {@code limit} blobs whose digests sort after {@code afterSha256} ("" for the first), in digest order. */
    List<Listed> list(String afterSha256, int limit) throws IOException;

    /**
     * Removes writes that made no progress since {@code cutoff}: partial files, multipart uploads without a part
     * since, temporary objects. A write still sending bytes is left alone, however long it has been running.
     */
    void abortStaleWrites(Instant cutoff) throws IOException;

    /** A short description for logs, e.g. the directory or bucket. */
    String describe();

    @Override
    default void close() {
    }
}
