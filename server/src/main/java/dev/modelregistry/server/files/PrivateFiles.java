package dev.modelregistry.server.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

/**
 * Creates what the server keeps on disk (the data directory, the SQLite database, blobs, spools) readable by the
 * server's own user only: directories 0700, files 0600, whatever the umask would allow. On a file system without
 * POSIX permissions they are created with its defaults. What already exists keeps the mode an operator gave it.
 */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] DIRECTORY = attributes("rwx------");
    private static final FileAttribute<?>[] FILE = attributes("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code directory} and its missing parents, each new one 0700; returns it. */
    public static Path directories(Path directory) throws IOException {
        return Files.createDirectories(directory, DIRECTORY);
    }

    /** Creates an empty file 0600 (and missing parent directories 0700) unless it exists. */
    public static void fileIfAbsent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            directories(parent);
        }
        try {
            Files.createFile(file, FILE);
        } catch (FileAlreadyExistsException e) {
            // Created before (or by another instance just now): its mode is whoever created it's.
        }
    }

    /** Opens a new file 0600 for writing; fails if it exists. */
    public static FileChannel newFile(Path file, OpenOption... more) throws IOException {
        Set<OpenOption> options = new HashSet<>(Set.of(more));
        options.add(StandardOpenOption.CREATE_NEW);
        options.add(StandardOpenOption.WRITE);
        return FileChannel.open(file, options, FILE);
    }

    /**
     * Writes {@code content} to {@code file} (0600) unless the file exists, so that it is never seen half-written:
     * into a temporary file beside it first, then a hard link, which fails when the name exists, so two instances
     * creating the same file at once cannot both win. Answers false when the file already existed.
     */
    public static boolean createOnce(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        directories(parent);
        Path partial = parent.resolve(file.getFileName() + "." + java.util.UUID.randomUUID() + ".partial");
        try (FileChannel channel = newFile(partial)) {
            channel.write(java.nio.ByteBuffer.wrap(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            channel.force(true);
        }
        try {
            Files.createLink(file, partial);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static FileAttribute<?>[] attributes(String permissions) {
        return POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
