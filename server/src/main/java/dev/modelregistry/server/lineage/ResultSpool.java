package dev.modelregistry.server.lineage;

import dev.modelregistry.server.files.PrivateFiles;

import dev.modelregistry.server.json.Json;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Per-line results written to a temporary file while the request body is still arriving, then sent once the body
 * has been read. Many HTTP clients (the JDK's among them) read no response before they finished sending; writing
 * results straight to the response would stall both sides once the socket buffers fill. A file keeps memory flat
 * whatever the size of the upload.
 */
final class ResultSpool implements AutoCloseable {
    private final Path file;
    private final OutputStream out;

    ResultSpool(Path directory) throws IOException {
        PrivateFiles.directories(directory);
        this.file = Files.createTempFile(directory, "ingest-", ".ndjson");
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }

    /** Removes spools a killed process left behind; called once at start. */
    static void removeLeftovers(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var leftovers = Files.newDirectoryStream(directory, "ingest-*.ndjson")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    void write(List<IngestResult> results) throws IOException {
        for (IngestResult result : results) {
            out.write(Json.write(LineageJson.result(result)).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
    }

    /** Sends everything written so far to {@code target}. */
    void sendTo(OutputStream target) throws IOException {
        out.flush();
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(target);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
