package dev.modelregistry.client.deploy;

import dev.modelregistry.client.ProblemException;
import dev.modelregistry.client.deploy.DeployRefusedException.Reason;
import dev.modelregistry.core.error.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A content-addressed local store of artifacts ({@code <dir>/blobs/<sha256>}) checked against a signed manifest.
 * A download goes to {@code <dir>/tmp/}, is hashed and counted while it streams (and cut off as soon as it is longer
 * than the manifest says), and is renamed into place only when size and SHA-256 match. A file already in the cache
 * is hashed again the first time this cache (guard) uses it, and its size is checked every time, so a file altered on
 * disk is fetched again instead of trusted. Versions once loaded stay here: switching back to one is free.
 */
public final class ArtifactCache {
    private static final int BUFFER_BYTES = 1024 * 1024;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Where the bytes of an artifact come from: the registry, in the guard. */
    @FunctionalInterface
    public interface Source {
        InputStream open(String modelId, String artifactPath) throws IOException;
    }

    private final Path blobs;
    private final Path tmp;
    private final Set<String> verifiedHere = ConcurrentHashMap.newKeySet();
    private final AtomicLong downloads = new AtomicLong();

    public ArtifactCache(Path directory) {
        Path root = directory.toAbsolutePath();
        this.blobs = root.resolve("blobs");
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new DeployRefusedException(Reason.LOCAL_IO, "cannot create the artifact cache under " + root
                    + ": " + e.getMessage(), e);
        }
    }

    /** Where the artifact with this digest lives once cached. */
    public Path pathOf(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha-256 digest: " + sha256);
        }
        return blobs.resolve(sha256);
    }

    /** How many artifacts were downloaded (not found usable in the cache) since this cache was opened. */
    public long downloads() {
        return downloads.get();
    }

    /** The cached file of {@code artifact}, verified; downloaded from {@code source} when missing or altered. */
    public Path ensure(String modelId, Manifest.ArtifactRef artifact, Source source) {
        Path target = pathOf(artifact.sha256());
        try {
            if (isIntact(target, artifact)) {
                return target;
            }
            download(modelId, artifact, source, target);
            verifiedHere.add(artifact.sha256());
            return target;
        } catch (IOException e) {
            throw new DeployRefusedException(Reason.LOCAL_IO, "cannot use the artifact cache for " + modelId + "/"
                    + artifact.path() + " (" + target + "): " + e.getMessage(), e);
        }
    }

    private boolean isIntact(Path target, Manifest.ArtifactRef artifact) throws IOException {
        long size;
        try {
            size = Files.size(target);
        } catch (NoSuchFileException e) {
            return false;
        }
        boolean intact = size == artifact.size()
                && (verifiedHere.contains(artifact.sha256()) || artifact.sha256().equals(sha256Of(target)));
        if (intact) {
            verifiedHere.add(artifact.sha256());
        } else {
            // Altered on disk since it was verified: not trusted, fetched again.
            verifiedHere.remove(artifact.sha256());
            Files.deleteIfExists(target);
        }
        return intact;
    }

    private void download(String modelId, Manifest.ArtifactRef artifact, Source source, Path target)
            throws IOException {
        Path partial = Files.createTempFile(tmp, artifact.sha256() + ".", ".part");
        try {
            String sha256 = receive(modelId, artifact, source, partial);
            if (!sha256.equals(artifact.sha256())) {
                throw tampered(modelId + "/" + artifact.path(), "the bytes hash to sha256 " + sha256
                        + " but the signed manifest names " + artifact.sha256());
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(blobs);
            downloads.incrementAndGet();
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Streams the artifact into {@code partial}, hashing and counting it on the way, and answers its SHA-256. A
     * body longer than the manifest says is cut off at once, not after it has filled the disk.
     */
    private static String receive(String modelId, Manifest.ArtifactRef artifact, Source source, Path partial)
            throws IOException {
        String name = modelId + "/" + artifact.path();
        MessageDigest digest = newDigest();
        long received = 0;
        try (InputStream in = open(source, modelId, artifact);
             FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n; (n = read(in, buffer, name, received, artifact.size())) >= 0; ) {
                received += n;
                if (received > artifact.size()) {
                    throw tampered(name, "the registry sent more than the " + artifact.size()
                            + " bytes the signed manifest names");
                }
                digest.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            out.force(true);
        }
        if (received != artifact.size()) {
            throw tampered(name, "received " + received + " bytes but the signed manifest names " + artifact.size());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static InputStream open(Source source, String modelId, Manifest.ArtifactRef artifact) throws IOException {
        String doing = "downloading " + modelId + "/" + artifact.path();
        try {
            return source.open(modelId, artifact.path());
        } catch (ProblemException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw tampered(modelId + "/" + artifact.path(),
                        "the registry does not serve an artifact its signed manifest names: " + e.detail());
            }
            throw RegistryFailures.translate(e, doing);
        } catch (RuntimeException e) {
            throw RegistryFailures.translate(e, doing);
        }
    }

    private static int read(InputStream in, byte[] buffer, String name, long received, long expected) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new DeployRefusedException(Reason.UNREACHABLE, "downloading " + name + ": the transfer broke off after "
                    + received + " of " + expected + " bytes: " + e.getMessage(), e);
        }
    }

    private static DeployRefusedException tampered(String name, String why) {
        return new DeployRefusedException(Reason.ARTIFACT_TAMPERED, name + ": " + why + "; nothing was loaded");
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Makes a rename durable; not every platform can open a directory, so best effort. */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file's data is on disk already; only the directory entry may lag.
        }
    }
}
