package dev.modelregistry.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal HTTP/1.1 client connection that sends a request body and reads the response at the same time (full
 * duplex). A server that answers each batch of NDJSON lines as it commits, while the client is still sending, and
 * stops reading the request when nobody reads its answers, needs such a client for large requests: the JDK
 * {@code java.net.http.HttpClient} hands an HTTP/1.1 response over only after it has sent the whole body, and with
 * it a 100,000-line request against the streaming version of the ingest route stalled until Jetty's idle timeout
 * (bench/README.md, *Lineage ingest*). This class writes the body from its own thread while the caller reads.
 * <p>
 * Scope: only what the benchmark needs — POST with a chunked body from an {@link InputStream}; responses with a
 * chunked or a Content-Length body; keep-alive (reconnects when the server closes). Every read is bounded by the
 * socket timeout; {@link #abort()} closes the socket, which ends a blocked write.
 */
final class DuplexHttpConnection implements AutoCloseable {
    private final String host;
    private final int port;
    private final Duration readTimeout;
    private volatile Socket socket;
    private BufferedInputStream in;
    private OutputStream out;

    /** A response whose body is being read while the request body may still be being written. */
    final class Response {
        final int status;
        final Map<String, String> headers;
        final InputStream body;
        private final Thread writer;
        private final AtomicReference<Throwable> writeFailure;

        private Response(int status, Map<String, String> headers, InputStream body, Thread writer,
                         AtomicReference<Throwable> writeFailure) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.writer = writer;
            this.writeFailure = writeFailure;
        }

        /**
         * After the body was read to its end: waits for the request body to be sent (the server answered the last
         * line, so it has read everything) and fails if sending failed; closes the connection if the server said so.
         */
        void finish() throws IOException, InterruptedException {
            if (!writer.join(readTimeout)) {
                abort();
                throw new IOException("the request body was still being sent after the response ended");
            }
            Throwable failed = writeFailure.get();
            if (failed != null) {
                throw new IOException("sending the request body failed: " + failed, failed);
            }
            if ("close".equalsIgnoreCase(headers.get("connection"))) {
                closeSocket();
            }
        }

        /** Ends the exchange early (a refusal): the connection cannot be reused, since the body was not all sent. */
        void abandon() {
            closeSocket();
        }
    }

    DuplexHttpConnection(String host, int port, Duration readTimeout) {
        this.host = host;
        this.port = port;
        this.readTimeout = readTimeout;
    }

    /** Starts sending the request (headers, then the body from its own thread) and reads the response headers. */
    Response post(String path, Map<String, String> headers, InputStream body) throws IOException {
        connectIfNeeded();
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Transfer-Encoding: chunked\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        AtomicReference<Throwable> writeFailure = new AtomicReference<>();
        Thread writer = startWriter(out, head.toString(), body, writeFailure);
        try {
            return readResponse(writer, writeFailure);
        } catch (IOException | RuntimeException e) {
            closeSocket();
            throw e;
        }
    }

    /** Writes the request head and then the body, chunked, on a thread of its own; a failure is kept for later. */
    private static Thread startWriter(OutputStream target, String head, InputStream body,
                                      AtomicReference<Throwable> writeFailure) {
        return Thread.ofPlatform().daemon().name("duplex-writer").start(() -> {
            try (InputStream source = body) {
                target.write(head.getBytes(StandardCharsets.ISO_8859_1));
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = source.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                    target.write(Integer.toHexString(n).getBytes(StandardCharsets.ISO_8859_1));
                    target.write('\r');
                    target.write('\n');
                    target.write(buffer, 0, n);
                    target.write('\r');
                    target.write('\n');
                }
                target.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                target.flush();
            } catch (Throwable e) {
                writeFailure.set(e);
            }
        });
    }

    /** The status line and headers; the body is left to be read through the answer. */
    private Response readResponse(Thread writer, AtomicReference<Throwable> writeFailure) throws IOException {
        String statusLine = readLine();
        if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> responseHeaders = new HashMap<>();
        for (String line; (line = readLine()) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                responseHeaders.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        InputStream responseBody;
        if ("chunked".equalsIgnoreCase(responseHeaders.get("transfer-encoding"))) {
            responseBody = new ChunkedBody();
        } else if (responseHeaders.containsKey("content-length")) {
            responseBody = new LimitedBody(Long.parseLong(responseHeaders.get("content-length")));
        } else {
            responseHeaders.put("connection", "close");
            responseBody = in;
        }
        return new Response(status, responseHeaders, responseBody, writer, writeFailure);
    }

    /** Closes the socket: a blocked read or write ends with an exception. */
    void abort() {
        closeSocket();
    }

    @Override
    public void close() {
        closeSocket();
    }

    private void connectIfNeeded() throws IOException {
        Socket current = socket;
        if (current != null && !current.isClosed()) {
            return;
        }
        Socket fresh = new Socket();
        fresh.setTcpNoDelay(true);
        fresh.connect(new InetSocketAddress(host, port), (int) Duration.ofSeconds(30).toMillis());
        fresh.setSoTimeout((int) readTimeout.toMillis());
        in = new BufferedInputStream(fresh.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(fresh.getOutputStream(), 64 * 1024);
        socket = fresh;
    }

    private void closeSocket() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** One CRLF-ended header or chunk-size line (at most 8 KiB), without its terminator; null at the end. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= 8 * 1024) {
                throw new IOException("response line longer than 8 KiB");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A chunked response body; at its end the trailers are consumed, so the connection can carry the next request. */
    private final class ChunkedBody extends InputStream {
        private long remaining;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (remaining == 0) {
                String size = readLine();
                if (size == null) {
                    throw new IOException("the connection closed inside a chunked response");
                }
                int extension = size.indexOf(';');
                remaining = Long.parseLong((extension >= 0 ? size.substring(0, extension) : size).trim(), 16);
                if (remaining == 0) {
                    for (String trailer; (trailer = readLine()) != null && !trailer.isEmpty(); ) {
                        // trailers are not used
                    }
                    ended = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new IOException("the connection closed inside a chunk");
            }
            remaining -= n;
            if (remaining == 0 && !"".equals(readLine())) {
                throw new IOException("a chunk did not end with CRLF");
            }
            return n;
        }
    }

    private final class LimitedBody extends InputStream {
        private long remaining;

        LimitedBody(long length) {
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
