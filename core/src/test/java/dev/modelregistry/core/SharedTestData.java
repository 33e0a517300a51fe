package dev.modelregistry.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/** The test vectors in the repository's {@code testdata/}, read by these tests and by the Python client's. */
public final class SharedTestData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedTestData() {
    }

    /** A file of {@code testdata/}; surefire runs in the module's directory, one level below the repository. */
    public static JsonNode read(String name) throws IOException {
        return JSON.readTree(Path.of("..", "testdata", name).toFile());
    }
}
