package dev.modelregistry.core.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 9162 tree, its proofs and the compact range agree with each other for every small size. */
class MerkleTest {
    private static byte[][] leaves(int n) {
        byte[][] leaves = new byte[n][];
        for (int i = 0; i < n; i++) {
            leaves[i] = Merkle.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        return leaves;
    }

    @Test
    void rootsMatchTheRfcTestVectorOfTheEmptyTreeAndOneLeaf() {
        assertThat(HexFormat.of().formatHex(Merkle.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // RFC 6962 leaf of the empty entry: SHA-256(0x00).
        assertThat(HexFormat.of().formatHex(Merkle.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void everyInclusionProofVerifiesAndAWrongLeafDoesNot() {
        byte[][] leaves = leaves(33);
        for (int size = 1; size <= 33; size++) {
            byte[] root = Merkle.root(leaves, 0, size);
            for (int i = 0; i < size; i++) {
                List<byte[]> proof = Merkle.inclusionProof(leaves, i, size);
                assertThat(Merkle.verifyInclusion(i, size, leaves[i], proof, root)).as("leaf %d of %d", i, size).isTrue();
                assertThat(Merkle.verifyInclusion(i, size, leaves[(i + 1) % 33], proof, root)).isFalse();
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndAnAlteredPrefixDoesNot() {
        byte[][] leaves = leaves(33);
        byte[][] altered = leaves(33);
        altered[2] = Merkle.leafHash("forged".getBytes(StandardCharsets.UTF_8));
        for (int n = 1; n <= 33; n++) {
            for (int m = 1; m <= n; m++) {
                byte[] oldRoot = Merkle.root(leaves, 0, m);
                List<byte[]> proof = Merkle.consistencyProof(leaves, m, n);
                assertThat(Merkle.verifyConsistency(m, n, oldRoot, Merkle.root(leaves, 0, n), proof))
                        .as("%d to %d", m, n).isTrue();
                if (m > 2) {
                    List<byte[]> forged = Merkle.consistencyProof(altered, m, n);
                    assertThat(Merkle.verifyConsistency(m, n, oldRoot, Merkle.root(altered, 0, n), forged)).isFalse();
                }
            }
        }
    }

    @Test
    void compactRangeExtendsToTheSameRoot() {
        byte[][] leaves = leaves(40);
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < 40; i++) {
            assertThat(range.root()).isEqualTo(Merkle.root(leaves, 0, i));
            assertThat(CompactRange.over(leaves, i).hashes()).containsExactlyElementsOf(range.hashes());
            range.append(leaves[i]);
        }
        CompactRange decoded = CompactRange.decode(range.size(), range.encode());
        assertThat(decoded.root()).isEqualTo(Merkle.root(leaves, 0, 40));
    }

    @Test
    void checkpointRoundTripsAndRejectsAnotherKeyOrAnEditedSize() throws Exception {
        var generator = KeyPairGenerator.getInstance("Ed25519");
        var key = generator.generateKeyPair();
        var other = generator.generateKeyPair();
        byte[] root = Merkle.root(leaves(5), 0, 5);

        Checkpoint signed = Checkpoint.sign("example.org/log", 5, root, key.getPrivate(), key.getPublic());
        Checkpoint parsed = Checkpoint.parse(signed.note()).orElseThrow();

        assertThat(signed.note()).startsWith("example.org/log\n5\n" + Base64.getEncoder().encodeToString(root) + "\n\n\u2014 example.org/log ");
        assertThat(parsed.signedBy(key.getPublic())).isTrue();
        assertThat(parsed.signedBy(other.getPublic())).isFalse();
        Checkpoint edited = Checkpoint.parse(signed.note().replace("\n5\n", "\n6\n")).orElseThrow();
        assertThat(edited.signedBy(key.getPublic())).isFalse();
        assertThat(AuditSignatures.publicKey(Base64.getEncoder().encodeToString(AuditSignatures.raw(key.getPublic()))))
                .isEqualTo(key.getPublic());
    }
}
