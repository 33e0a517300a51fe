package dev.modelregistry.server.artifact;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.FilterInputStream;
import java.io.IOException;

/**
 * An S3 object being read ({@link S3BlobStore#open}). Closing it before its end aborts the connection instead of
 * letting the HTTP client drain what may be gigabytes just to reuse the connection.
 */
final class S3ObjectStream extends FilterInputStream {
    private final ResponseInputStream<GetObjectResponse> response;
    private final long expected;
    private long read;

    S3ObjectStream(ResponseInputStream<GetObjectResponse> response) {
        super(response);
        this.response = response;
        Long length = response.response().contentLength();
        this.expected = length == null ? -1 : length;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            read++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            read += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (read != expected) {
            response.abort();
        }
        response.close();
    }
}
