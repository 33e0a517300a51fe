package dev.modelregistry.core.identity;

import dev.modelregistry.core.error.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionRefTest {
    @Test
    void aModelIdIsAReferenceToItself() {
        VersionRef ref = VersionRef.parse("xsmom@2026.05.15-r3");
        assertThat(ref).isEqualTo(ModelId.parse("xsmom@2026.05.15-r3"));
        assertThat(ref.model()).isEqualTo(new ModelName("xsmom"));
    }

    @Test
    void theThreeAliasesParseWithTheirModel() {
        assertThat(VersionRef.parse("xsmom@production")).isEqualTo(
                new VersionAlias(new ModelName("xsmom"), VersionAlias.Kind.PRODUCTION));
        assertThat(VersionRef.parse("mid.freq_v2@canary")).isEqualTo(
                new VersionAlias(new ModelName("mid.freq_v2"), VersionAlias.Kind.CANARY));
        VersionRef latest = VersionRef.parse("xsmom@latest");
        assertThat(latest.model().value()).isEqualTo("xsmom");
        assertThat(latest.toString()).isEqualTo("xsmom@latest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xsmom", "xsmom@", "xsmom@staging", "xsmom@Production", "xsmom@production ", "@production",
            "X@production", "a/b@canary", "xsmom@2026.13.01-r1"})
    void anythingElseIsAValidationErrorOnModelId(String text) {
        assertThatThrownBy(() -> VersionRef.parse(text)).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.errors()).extracting("field").containsExactly("model_id"));
    }
}
