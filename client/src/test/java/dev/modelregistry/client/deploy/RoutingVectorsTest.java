package dev.modelregistry.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canary routing vectors shared with the Python guard's tests ({@code testdata/canary-vectors.json}): every key
 * falls in the file's bucket, and a snapshot with a canary of that share sends it to the file's side, so a Java and a
 * Python serving process split the same traffic the same way.
 */
class RoutingVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Surefire runs in the module's directory.
    private static final Path VECTORS = Path.of("..", "testdata", "canary-vectors.json");

    @TestFactory
    Stream<DynamicTest> everyKeyFallsInItsBucketAndGoesToItsSide() throws IOException {
        JsonNode vectors = JSON.readTree(VECTORS.toFile()).get("vectors");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors) {
            String key = vector.get("key").textValue();
            int pct = vector.get("canary_pct").intValue();
            tests.add(DynamicTest.dynamicTest(printable(key) + " at " + pct + "%", () -> {
                int bucket = Routing.bucket(key);
                assertThat(bucket).isEqualTo(vector.get("bucket").intValue());
                String side = Routing.toCanary(bucket, pct) ? "canary" : "production";
                assertThat(side).isEqualTo(vector.get("side").textValue());
                assertThat(snapshotWithCanaryAt(pct).pick(key).role().wire()).isEqualTo(side);
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(100);
        assertThat(vectors.findValuesAsText("side")).contains("canary", "production");
        return tests.stream();
    }

    private static DeploymentSnapshot snapshotWithCanaryAt(int pct) {
        LoadedVersion production = new LoadedVersion("m@2026.05.15-r1", "a".repeat(64), Manifest.Role.PRODUCTION,
                100 - pct, Map.of());
        LoadedVersion canary = new LoadedVersion("m@2026.05.15-r2", "b".repeat(64), Manifest.Role.CANARY, pct, Map.of());
        Instant now = Instant.now();
        return new DeploymentSnapshot("m", 1, now, now.plusSeconds(600), production, Optional.of(canary));
    }

    private static String printable(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().limit(40).forEach(c -> out.append(c < 0x20 || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return "'" + out + (key.length() > 40 ? "…" : "") + "'";
    }
}
