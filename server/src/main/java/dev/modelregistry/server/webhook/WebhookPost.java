package dev.modelregistry.server.webhook;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 POST of a delivery, to an address the caller resolved and checked: the connection goes to exactly
 * that address (TLS still verifies the certificate against the URL's host name, sent as SNI), so no second DNS
 * lookup can send it elsewhere. Redirects are never followed (a 3xx is a failed attempt), one deadline bounds the
 * whole attempt, and only the status line of the answer is read.
 */
final class WebhookPost {
    private static final int MAX_LINE = 8192;

    private final SSLSocketFactory tls;

    /** With the JDK's default trust: the certificates of the default trust store. */
    WebhookPost() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    WebhookPost(SSLSocketFactory tls) {
        this.tls = tls;
    }

    /** What came of one attempt: the status when an answer came, how long it took, and what went wrong if anything. */
    record Outcome(Optional<Integer> status, long latencyMillis, Optional<String> error) {
        boolean delivered() {
            return status.isPresent() && status.get() >= 200 && status.get() < 300;
        }
    }

    Outcome post(WebhookUrl url, InetAddress address, Map<String, String> headers, byte[] body, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, url.port()), millisLeft(deadline));
            Socket channel = url.https() ? tls(socket, url, deadline) : socket;
            channel.setSoTimeout(millisLeft(deadline));
            OutputStream out = channel.getOutputStream();
            out.write(head(url, headers, body.length));
            out.write(body);
            out.flush();
            int status = status(new BufferedInputStream(channel.getInputStream()), channel, deadline);
            Optional<String> error = status >= 200 && status < 300 ? Optional.empty()
                    : Optional.of("answered HTTP " + status);
            return new Outcome(Optional.of(status), elapsed(start), error);
        } catch (SocketTimeoutException e) {
            return new Outcome(Optional.empty(), elapsed(start),
                    Optional.of("no answer within " + timeout.toMillis() + " ms"));
        } catch (IOException e) {
            return new Outcome(Optional.empty(), elapsed(start), Optional.of(describe(e)));
        }
    }

    private Socket tls(Socket socket, WebhookUrl url, long deadline) throws IOException {
        SSLSocket tls = (SSLSocket) this.tls.createSocket(socket, url.hostName(), url.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        // The certificate must name the URL's host, although we connected to an address.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!IpRange.isLiteral(url.hostName())) {
            parameters.setServerNames(List.of(new SNIHostName(url.hostName())));
        }
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(millisLeft(deadline));
        tls.startHandshake();
        return tls;
    }

    private static byte[] head(WebhookUrl url, Map<String, String> headers, int length) {
        StringBuilder head = new StringBuilder("POST ").append(url.pathAndQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.hostHeader()).append("\r\n")
                .append("Content-Length: ").append(length).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The final status code: interim 1xx answers are skipped with their headers. */
    private static int status(InputStream in, Socket socket, long deadline) throws IOException {
        while (true) {
            socket.setSoTimeout(millisLeft(deadline));
            String line = line(in);
            String[] parts = line.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                throw new IOException("the answer is not HTTP/1.x: " + printable(line));
            }
            int status = Integer.parseInt(parts[1]);
            if (status >= 200) {
                return status;
            }
            while (!line(in).isEmpty()) {
                socket.setSoTimeout(millisLeft(deadline));
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed before an answer");
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("the answer's first line is longer than " + MAX_LINE + " bytes");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : ": " + printable(e.getMessage());
        return e.getClass().getSimpleName() + message;
    }

    private static String printable(String text) {
        String visible = text.replaceAll("\\p{Cntrl}", "?");
        return visible.length() > 200 ? visible.substring(0, 200) + "…" : visible;
    }
}
