package dev.modelregistry.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * What {@code modelreg upload} will send, worked out before anything is hashed or sent: one artifact per file,
 * named by its file name (or --as) or by its path below a directory given, sorted by artifact path. Every
 * problem (a name the registry would refuse, a link out of a directory, two files for one name: usage errors; a file
 * that cannot be read: a local file error) is found here, so an upload never stops half-way over something that was
 * knowable up front.
 */
final class UploadPlan {
    /** One file to upload and the artifact path it goes to. */
    record Item(String path, Path file, long size) {
    }

    private final CommandLine verb;

    private UploadPlan(CommandLine verb) {
        this.verb = verb;
    }

    static List<Item> of(CommandLine verb, List<Path> paths, String as) {
        return new UploadPlan(verb).plan(paths, as);
    }

    private List<Item> plan(List<Path> paths, String as) {
        if (as != null && (paths.size() != 1 || Files.isDirectory(paths.getFirst()))) {
            throw new ParameterException(verb, "--as names one file: give exactly one PATH, and not a directory");
        }
        List<Item> items = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                items.addAll(directory(path));
            } else if (Files.isRegularFile(path)) {
                items.add(item(as != null ? as : path.getFileName().toString(), path, path));
            } else {
                throw InputFiles.unreadable("PATH", path, Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                        ? new IOException("neither a regular file nor a directory, or a broken link")
                        : new NoSuchFileException(path.toString()));
            }
        }
        items.sort(Comparator.comparing(Item::path));
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i).path().equals(items.get(i - 1).path())) {
                throw new ParameterException(verb, "two files would upload as '" + items.get(i).path() + "': "
                        + items.get(i - 1).file() + " and " + items.get(i).file());
            }
        }
        return List.copyOf(items);
    }

    /** Every file below {@code root}, links followed as long as they stay inside it. */
    private List<Item> directory(Path root) {
        FilesBelow visitor = new FilesBelow(root, realPath(root, root));
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, visitor);
        } catch (IOException e) {
            throw InputFiles.unreadable("PATH", root, e);
        }
        if (visitor.items.isEmpty()) {
            throw new ParameterException(verb, root + " holds no files");
        }
        return visitor.items;
    }

    /** Collects the files of a directory walk, refusing whatever lies outside the directory or is not a file. */
    private final class FilesBelow extends SimpleFileVisitor<Path> {
        private final Path root;
        private final Path realRoot;
        private final List<Item> items = new ArrayList<>();

        FilesBelow(Path root, Path realRoot) {
            this.root = root;
            this.realRoot = realRoot;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            requireInside(realRoot, root, dir);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isSymbolicLink()) {
                // Only a link whose target is missing is reported as a link when following links.
                throw InputFiles.unreadable("PATH", file, new IOException("a broken symbolic link"));
            }
            requireInside(realRoot, root, file);
            if (!attributes.isRegularFile()) {
                throw new ParameterException(verb, file + " is not a regular file");
            }
            items.add(item(ArtifactPaths.relative(root, file), file, root));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException failure) {
            throw InputFiles.unreadable("PATH", file, failure instanceof FileSystemLoopException
                    ? new IOException("a symbolic link that loops back into its own directory") : failure);
        }
    }

    private void requireInside(Path realRoot, Path root, Path entry) {
        if (!realPath(entry, root).startsWith(realRoot)) {
            throw new ParameterException(verb, entry + " is a symbolic link (or lies below one) leading outside "
                    + root + "; refusing to upload what it points at");
        }
    }

    private Item item(String artifactPath, Path file, Path given) {
        String problem = ArtifactPaths.problem(artifactPath);
        if (problem != null) {
            throw new ParameterException(verb, "cannot upload " + file + " as '" + artifactPath + "': not a valid artifact "
                    + "path (" + problem + ")" + (given.equals(file) ? " (name it with --as)" : ""));
        }
        try {
            return new Item(artifactPath, file, Files.size(file));
        } catch (IOException e) {
            throw InputFiles.unreadable("PATH", file, e);
        }
    }

    private Path realPath(Path path, Path root) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw InputFiles.unreadable("PATH", path, e);
        }
    }
}
