package dev.modelregistry.server.artifact;

import dev.modelregistry.server.files.PrivateFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blobs as files under a directory: {@code blobs/ab/cd/abcd…} by digest. A write goes to {@code tmp/}, is fsynced,
 * then atomically renamed into place (and the directory fsynced), so a blob file is either complete or absent,
 * even if the process is killed in the middle. Partial files of a writer that is gone are removed on start, and
 * those of a write silent for too long by the collector.
 * {@code store-id} holds the identity {@link BlobStoreIdentity} checks against the database.
 */
public final class FileBlobStore implements BlobStore {
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final int BUFFER = 1 << 20;

    private static final String PARTIAL = ".partial";
    private static final String LOCK = ".lock";

    private final Path blobs;
    private final Path tmp;
    private final Path identityFile;
    /** Names this store's partial files, {@code <writer>.<uuid>.partial}, and its lock file {@code <writer>.lock}. */
    private final String writer = UUID.randomUUID().toString();
    private final FileChannel lockChannel;
    private final FileLock writerLock;

    /**
     * Opens the store and holds a lock on a file of its own in {@code tmp/} for as long as it is open: another
     * instance sharing the directory can then tell a dead writer's partial files (lock free) from a live one's.
     */
    public FileBlobStore(Path root) throws IOException {
        this.blobs = PrivateFiles.directories(root.resolve("blobs"));
        this.tmp = PrivateFiles.directories(root.resolve("tmp"));
        this.identityFile = root.resolve("store-id");
        this.lockChannel = PrivateFiles.newFile(tmp.resolve(writer + LOCK));
        this.writerLock = lockChannel.lock();
    }

    private Path newPartial() {
        return tmp.resolve(writer + "." + UUID.randomUUID() + PARTIAL);
    }

    @Override
    public StoredBlob put(InputStream content, Optional<String> expectedSha256, long maxBytes) throws IOException {
        Path partial = newPartial();
        try {
            HashingInput hashing = new HashingInput(content, maxBytes);
            try (FileChannel out = PrivateFiles.newFile(partial)) {
                byte[] buffer = new byte[BUFFER];
                var sink = Channels.newOutputStream(out);
                for (int n; (n = hashing.read(buffer, 0, buffer.length)) >= 0; ) {
                    sink.write(buffer, 0, n);
                }
                out.force(true);
            }
            String digest = hashing.hexDigest();
            HashingInput.checkExpected(expectedSha256, digest);
            Path target = pathOf(digest);
            // Already there: written again just now, so the collector leaves it alone while its upload is recorded.
            // Gone between the check and the touch (the collector removed it): this write puts it back.
            if (!touched(target)) {
                PrivateFiles.directories(target.getParent());
                moveIntoPlace(partial, target);
                fsyncDirectory(target.getParent());
            }
            return new StoredBlob(digest, hashing.count());
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Sets the blob's modification time to now; false when there is no such blob. */
    private static boolean touched(Path blob) throws IOException {
        try {
            Files.setLastModifiedTime(blob, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // The same content arrived concurrently and is already in place: identical bytes, nothing to do.
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the blob directory must be on one file system with its tmp directory", e);
        }
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for sync; the rename itself is still atomic there.
        }
    }

    @Override
    public Optional<Long> size(String sha256) throws IOException {
        Path path = pathOf(sha256);
        try {
            return Optional.of(Files.size(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(pathOf(sha256), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(sha256);
        }
        channel.position(offset);
        InputStream whole = Channels.newInputStream(channel);
        return length < 0 ? whole : new BoundedInput(whole, length);
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(pathOf(sha256));
    }

    @Override
    public Optional<String> readIdentity() throws IOException {
        try {
            return Optional.of(Files.readString(identityFile).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void writeIdentity(String storeId) throws IOException {
        Path partial = newPartial();
        try {
            try (FileChannel out = PrivateFiles.newFile(partial)) {
                Channels.newOutputStream(out).write((storeId + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.force(true);
            }
            moveIntoPlace(partial, identityFile);
            fsyncDirectory(identityFile.getParent());
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Removes the partial files of writers that are gone: those whose lock file is missing or no longer locked (the
     * process that held it ended, however it ended). A live instance sharing the directory holds its lock, so its
     * uploads in progress are left alone.
     */
    @Override
    public void recoverInterruptedWrites() throws IOException {
        // Each writer's lock is probed once, however many partial files it left.
        Map<String, Boolean> gone = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp, "*" + PARTIAL)) {
            for (Path partial : files) {
                if (isGone(partial.getFileName().toString().split("\\.", 2)[0], gone)) {
                    Files.deleteIfExists(partial);
                }
            }
        }
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(tmp, "*" + LOCK)) {
            for (Path lock : locks) {
                if (isGone(lock.getFileName().toString().replace(LOCK, ""), gone)) {
                    Files.deleteIfExists(lock);
                }
            }
        }
    }

    /** Whether {@code owner} is another writer that no longer holds its lock; remembered in {@code gone}. */
    private boolean isGone(String owner, Map<String, Boolean> gone) throws IOException {
        if (owner.equals(writer)) {
            return false;
        }
        Boolean known = gone.get(owner);
        if (known == null) {
            known = !isAlive(owner);
            gone.put(owner, known);
        }
        return known;
    }

    /** Whether the writer named {@code owner} still holds its lock file's lock. */
    private boolean isAlive(String owner) throws IOException {
        Path lock = tmp.resolve(owner + LOCK);
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true; // another process holds it
            }
            probe.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by another store in this JVM
        }
    }

    @Override
    public List<Listed> list(String afterSha256, int limit) throws IOException {
        try (Stream<Path> files = Files.find(blobs, 3, (path, attributes) -> attributes.isRegularFile()
                && SHA256.matcher(path.getFileName().toString()).matches()
                && path.getFileName().toString().compareTo(afterSha256) > 0)) {
            List<Path> found = files.sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .limit(limit).toList();
            List<Listed> listed = new ArrayList<>();
            for (Path path : found) {
                listed.add(new Listed(path.getFileName().toString(), Files.getLastModifiedTime(path).toInstant()));
            }
            return listed;
        } catch (UncheckedIOException e) {
            throw e.getCause(); // e.g. a directory removed while it was walked: the next pass lists again
        }
    }

    @Override
    public void abortStaleWrites(Instant cutoff) throws IOException {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(tmp, "*" + PARTIAL)) {
            for (Path partial : partials) {
                try {
                    if (Files.getLastModifiedTime(partial).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(partial);
                    }
                } catch (NoSuchFileException e) {
                    // its write finished meanwhile
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            writerLock.release();
            lockChannel.close();
            Files.deleteIfExists(tmp.resolve(writer + LOCK));
        } catch (IOException e) {
            // A lock file left behind is unlocked now: the next start removes it.
        }
    }

    @Override
    public String describe() {
        return "files under " + blobs.getParent().toAbsolutePath();
    }

    /** The only way a path is built from a digest, and the digest is checked first: nothing can escape the store. */
    Path pathOf(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha-256 digest: " + sha256);
        }
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }
}
