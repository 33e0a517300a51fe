package dev.modelregistry.core.identity;

import dev.modelregistry.core.error.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"weights.bin", "tokenizer/vocab.json", "a/b/c/d.e_f-g", "training_distribution.json", "..a", "a.."})
    void relativeSafePathsAreAccepted(String path) {
        assertThat(new ArtifactPath(path).value()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../secret", "a/../../b", "a/./b", ".", "..", "a//b", "a/", "a\\b",
            "C:\\x", "a b", "a\u0000b", "a\nb", "ümlaut", "a/%2e%2e/b", "~/x", "a;rm -rf"})
    void hostilePathsAreRefused(String path) {
        assertThatThrownBy(() -> new ArtifactPath(path)).isInstanceOf(RegistryException.class);
    }

    @Test
    void pathsAreLimitedTo255Bytes() {
        assertThat(new ArtifactPath("a".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> new ArtifactPath("a".repeat(256))).isInstanceOf(RegistryException.class);
    }
}
