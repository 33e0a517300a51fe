package dev.modelregistry.server.artifact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileBlobStoreContractTest extends BlobStoreContractTest {
    @TempDir
    Path root;

    @Override
    protected BlobStore newStore() throws IOException {
        return new FileBlobStore(root);
    }

    @Override
    protected List<String> blobsOnStorage() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).toList();
        }
    }

    @Override
    protected List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.map(Path::toString).filter(name -> name.endsWith(".partial")).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "",
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
            "../../../../../../../../../../../../../../../../../../../../../etc",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85\n"})
    void noPathIsBuiltFromAnythingButALowerCaseSha256(String notADigest) {
        FileBlobStore files = (FileBlobStore) store;

        assertThatThrownBy(() -> files.pathOf(notADigest)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.size(notADigest)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.open(notADigest, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.delete(notADigest)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDigestPathStaysInsideTheStore() {
        Path path = ((FileBlobStore) store).pathOf(sha256(new byte[0]));

        assertThat(path.normalize()).startsWithRaw(root.resolve("blobs"));
    }

    @Test
    void recoveringInterruptedWritesRemovesWhatGoneWritersLeftButNotALiveWritersUploadInProgress() throws IOException {
        Path tmp = root.resolve("tmp");
        Files.writeString(tmp.resolve("0b9d6f1e.3c2a.partial"), "half a body of a writer without a lock file");
        Files.writeString(tmp.resolve("5e1f2a3b.lock"), "");
        Files.writeString(tmp.resolve("5e1f2a3b.9f8e.partial"), "half a body of a writer whose lock is free");
        List<String> before = lockOwners();
        try (FileBlobStore live = new FileBlobStore(root)) {
            String liveWriter = lockOwners().stream().filter(owner -> !before.contains(owner)).findFirst().orElseThrow();
            Path inProgress = Files.writeString(tmp.resolve(liveWriter + ".7d6c.partial"), "still arriving");

            store.recoverInterruptedWrites();

            assertThat(leftovers()).containsExactly(inProgress.toString());
        }
    }

    @Test
    void closingTheStoreRemovesItsLockFile() throws IOException {
        FileBlobStore other = new FileBlobStore(root);
        assertThat(lockOwners()).hasSize(2);

        other.close();

        assertThat(lockOwners()).hasSize(1);
    }

    /** The writers whose lock files are in the store's tmp directory. */
    private List<String> lockOwners() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".lock"))
                    .map(name -> name.substring(0, name.length() - ".lock".length())).toList();
        }
    }
}
