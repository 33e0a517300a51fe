package dev.modelregistry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Writes a download to a temporary file beside its target while hashing and counting it, and moves it into place
 * only when length and digests all agree. The target therefore holds either its old content or the verified new
 * content, never a partial or corrupt file, even across a crash (the data is fsynced before the rename).
 */
final class ArtifactDownload {
    private static final int BUFFER_BYTES = 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String artifactPath;
    private final Path target;
    private final String expectedSha256;
    private final ProgressListener progress;

    ArtifactDownload(String artifactPath, Path target, String expectedSha256, ProgressListener progress) {
        this.artifactPath = artifactPath;
        this.target = target.toAbsolutePath();
        this.expectedSha256 = expectedSha256 == null ? null : Sha256.requireHex(expectedSha256);
        this.progress = progress;
    }

    DownloadedArtifact save(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw refuse("the registry answered HTTP " + response.statusCode() + " instead of 200 with the bytes");
            }
            long contentLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            String announced = announcedSha256(response);
            if (announced == null && expectedSha256 == null) {
                throw refuse("the registry sent no Repr-Digest and no sha256 was expected: nothing to verify against");
            }
            if (announced != null && expectedSha256 != null && !announced.equals(expectedSha256)) {
                // Known before a byte is read: spare the transfer.
                throw refuse("the registry's Repr-Digest is sha256 " + announced + " but " + expectedSha256
                        + " was expected (from the artifact listing)");
            }
            Path temporary = temporaryFile();
            try {
                Received received = receive(response, body, temporary, contentLength);
                verify(received, contentLength, announced);
                moveIntoPlace(temporary);
                String mediaType = response.headers().firstValue("Content-Type").orElse(null);
                return new DownloadedArtifact(artifactPath, target, received.size(), received.sha256(), mediaType);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(artifactPath + ": cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private record Received(long size, String sha256) {
    }

    private Received receive(HttpResponse<InputStream> response, InputStream body, Path temporary,
                             long contentLength) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        long size = 0;
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            progress.progressed(0, contentLength);
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    throw new RegistryUnreachableException(response.request().method(), response.uri(),
                            new IOException("the transfer broke off after " + size + " of "
                                    + (contentLength < 0 ? "?" : contentLength) + " bytes", e));
                }
                if (n < 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                size += n;
                progress.progressed(size, contentLength);
            }
            out.force(true);
        }
        return new Received(size, HexFormat.of().formatHex(digest.digest()));
    }

    private void verify(Received received, long contentLength, String announced) {
        if (contentLength >= 0 && received.size() != contentLength) {
            throw refuse("received " + received.size() + " bytes but Content-Length said " + contentLength);
        }
        if (announced != null && !announced.equals(received.sha256())) {
            throw refuse("the bytes received hash to sha256 " + received.sha256() + " but the registry's "
                    + "Repr-Digest says " + announced);
        }
        if (expectedSha256 != null && !expectedSha256.equals(received.sha256())) {
            throw refuse("the bytes received hash to sha256 " + received.sha256() + " but " + expectedSha256
                    + " was expected");
        }
    }

    private String announcedSha256(HttpResponse<InputStream> response) {
        Optional<String> field = response.headers().firstValue("Repr-Digest");
        try {
            return field.flatMap(Sha256::fromDigestField).orElse(null);
        } catch (IllegalArgumentException e) {
            throw refuse("unreadable Repr-Digest header: " + e.getMessage());
        }
    }

    private Path temporaryFile() throws IOException {
        Path directory = target.getParent();
        Files.createDirectories(directory);
        // Beside the target, so the final move is a rename within one file system; hidden, so a crash's
        // leftover does not look like an artifact. Not Files.createTempFile: its owner-only permissions would
        // stay with the artifact, where the user expects what any new file of theirs gets (the umask).
        while (true) {
            String suffix = Long.toUnsignedString(RANDOM.nextLong(), 36);
            try {
                return Files.createFile(directory.resolve("." + target.getFileName() + "." + suffix + ".part"));
            } catch (FileAlreadyExistsException e) {
                // Another download picked the same name: draw again.
            }
        }
    }

    private void moveIntoPlace(Path temporary) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.getParent());
    }

    // Makes the rename itself durable. Not every platform can open a directory (Windows cannot): best effort.
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file's own data is already on disk; only the directory entry may lag.
        }
    }

    private ArtifactIntegrityException refuse(String why) {
        return new ArtifactIntegrityException(artifactPath, why + "; " + target + " was left untouched");
    }
}
