package dev.modelregistry.client;

/**
 * Told how far a transfer or a hash has got, for progress display. Called often (every buffer), possibly from
 * an HTTP client thread, so implementations must be cheap and thread-safe.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Listens to nothing. */
    ProgressListener NONE = (bytesSoFar, totalBytes) -> {
    };

    /**
     * @param bytesSoFar bytes read, sent or received so far
     * @param totalBytes the whole size, or -1 when it is not known in advance
     */
    void progressed(long bytesSoFar, long totalBytes);
}
