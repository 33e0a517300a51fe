package dev.modelregistry.core.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python client's {@code python/modelreg/error_codes.json} is generated from {@link ErrorCode}, so that the two
 * clients share one list of problem types instead of a second hand-written copy. This test fails when the committed
 * file differs from the enum, and rewrites it when run with {@code -Dmodelreg.regenerateErrorCodes=true}.
 */
class ErrorCodesFileTest {
    // Surefire runs in the module's directory.
    static final Path FILE = Path.of("..", "python", "modelreg", "error_codes.json");
    private static final String REGENERATE = "modelreg.regenerateErrorCodes";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePythonClientsErrorCodesAreTheEnumsCodes() throws IOException {
        String expected = render();
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .withFailMessage("%s differs from the ErrorCode enum; regenerate it with%n"
                        + "  ./mvnw -q -o -pl core test -Dtest=ErrorCodesFileTest -D%s=true%n"
                        + "and commit the result.", FILE.toAbsolutePath().normalize(), REGENERATE)
                .isEqualTo(expected);
    }

    /** One code per line, in enum order, so that a change to the enum is a readable one-line diff. */
    static String render() throws IOException {
        StringJoiner codes = new StringJoiner(",\n", "", "\n");
        for (ErrorCode code : ErrorCode.values()) {
            ObjectNode line = JSON.createObjectNode()
                    .put("name", code.name())
                    .put("status", code.status())
                    .put("type", code.type())
                    .put("title", code.title());
            codes.add("    " + JSON.writeValueAsString(line));
        }
        return "{\n"
                + "  \"about\": \"Generated from dev.modelregistry.core.error.ErrorCode by core's ErrorCodesFileTest;"
                + " do not edit by hand.\",\n"
                + "  \"codes\": [\n"
                + codes
                + "  ]\n"
                + "}\n";
    }
}
