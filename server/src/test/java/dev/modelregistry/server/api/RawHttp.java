package dev.modelregistry.server.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests the JDK client refuses to send (malformed percent-encoding, bad Content-Length, NUL or a bare line feed in
 * a header), written byte for byte on a socket. Only the status line and Content-Type of the answer are read.
 */
final class RawHttp {
    record Answer(int status, String contentType) {
    }

    private RawHttp() {
    }

    static Answer send(int port, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(readHead(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            return new Answer(-1, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes up to the blank line that ends the response head (or what came before the server closed). */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n") || head.size() > 64 * 1024) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static Answer parse(String head) {
        if (!head.startsWith("HTTP/")) {
            // The server closed the connection without an answer: a refusal, never a 5xx.
            return new Answer(0, "");
        }
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String type = "";
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                type = line.substring("content-type:".length()).trim();
            }
        }
        return new Answer(status, type);
    }
}
