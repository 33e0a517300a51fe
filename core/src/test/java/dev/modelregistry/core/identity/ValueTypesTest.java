package dev.modelregistry.core.identity;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "Xsmom", "-abc", ".abc", "a/b", "a b", "../etc", "a;drop table models", "ab\u0000c",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl"})
    void modelNamesOutsideTheSlugRuleAreRefused(String name) {
        assertThatThrownBy(() -> new ModelName(name))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "xsmom", "mid-freq.equities_v2", "0abc"})
    void slugModelNamesAreAccepted(String name) {
        assertThat(new ModelName(name).value()).isEqualTo(name);
    }

    @Test
    void modelIdRoundTrips() {
        ModelId id = ModelId.parse("xsmom@2026.05.15-r3");
        assertThat(id.model().value()).isEqualTo("xsmom");
        assertThat(id.day()).isEqualTo(LocalDate.of(2026, 5, 15));
        assertThat(id.revision()).isEqualTo(3);
        assertThat(id.toString()).isEqualTo("xsmom@2026.05.15-r3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xsmom", "xsmom@2026.13.01-r1", "xsmom@2026.05.15-r0", "xsmom@2026-05-15-r1", "X@2026.05.15-r1"})
    void malformedModelIdsAreRefused(String text) {
        assertThatThrownBy(() -> ModelId.parse(text)).isInstanceOf(RegistryException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A13FCE0", "a13fc", "g13fce0", " a13fce0"})
    void codeCommitMustBeLowerCaseHexOf7To64(String commit) {
        assertThatThrownBy(() -> Hex.require("code_commit", commit, 7, 64))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errors()).extracting("field").containsExactly("code_commit"));
    }

    @Test
    void dataWindowStartAfterEndIsRefused() {
        assertThatThrownBy(() -> new DataWindow("2026-05-01", "2026-04-30"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errors()).extracting("field").containsExactly("data_window"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2026/01/01", "2026-01-01T00:00:00", "yesterday", "2026-01-01T25:00:00Z"})
    void dataWindowBoundsMustBeRealDatesOrTimestampsWithOffset(String bound) {
        assertThatThrownBy(() -> new DataWindow(bound, "2027-01-01")).isInstanceOf(RegistryException.class);
    }

    @Test
    void mixedDateAndTimestampWindowsCompareAsInstants() {
        DataWindow window = new DataWindow("2026-01-01", "2026-01-01T10:00:00+02:00");
        assertThat(window.start()).isEqualTo("2026-01-01");
    }
}
