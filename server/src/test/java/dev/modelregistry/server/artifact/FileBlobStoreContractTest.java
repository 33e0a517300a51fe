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
            return files.map(Path::toString).toList();
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
    void recoveringInterruptedWritesRemovesTemporaryFiles() throws IOException {
        Files.writeString(root.resolve("tmp").resolve("interrupted.partial"), "half a body");

        store.recoverInterruptedWrites();

        assertThat(leftovers()).isEmpty();
    }
}
