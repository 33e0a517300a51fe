package dev.modelregistry.core.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * The identity of a version: sha256 of the RFC 8785 (JCS) canonical JSON of
 * {@code {code_commit, data_window, feature_graph_hash, hyperparams, parents}}, where parents is the
 * sorted list of the children's lineage hashes. Values are hashed exactly as sent, so any client can
 * compute the hash before registering.
 */
public final class LineageIdentity {
    private LineageIdentity() {
    }

    /** The canonical JSON text that is hashed; exposed so that test vectors can check it byte for byte. */
    public static String canonicalJson(LineageInput input) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("code_commit", input.codeCommit());
        ArrayNode window = root.putArray("data_window");
        window.add(input.dataWindow().start());
        window.add(input.dataWindow().end());
        root.put("feature_graph_hash", input.featureGraphHash());
        root.set("hyperparams", input.hyperparams());
        ArrayNode parents = root.putArray("parents");
        input.parents().stream().sorted().forEach(parent -> parents.add(parent.value()));
        return CanonicalJson.of(root);
    }

    public static LineageHash hash(LineageInput input) {
        return new LineageHash(CanonicalJson.sha256Hex(canonicalJson(input).getBytes(StandardCharsets.UTF_8)));
    }
}
