package dev.modelregistry.core.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The right edge of a Merkle tree: the roots of the perfect subtrees that make up its first {@code size} leaves,
 * largest first. It is all the integrator needs to extend the tree and all a verifier needs to recompute a larger
 * root from the leaves added since, without the old leaves.
 */
public final class CompactRange {
    private final List<byte[]> hashes;
    private long size;

    private CompactRange(List<byte[]> hashes, long size) {
        this.hashes = hashes;
        this.size = size;
    }

    public static CompactRange empty() {
        return new CompactRange(new ArrayList<>(), 0);
    }

    /** A range from its hashes; throws when their number does not fit {@code size}. */
    public static CompactRange of(long size, List<byte[]> hashes) {
        if (size < 0 || Long.bitCount(size) != hashes.size()) {
            throw new IllegalArgumentException("a range of " + size + " leaves has " + Long.bitCount(Math.max(size, 0))
                    + " hashes, not " + hashes.size());
        }
        return new CompactRange(new ArrayList<>(hashes), size);
    }

    /** The range of the first {@code size} of {@code leaves}. */
    public static CompactRange over(byte[][] leaves, int size) {
        List<byte[]> hashes = new ArrayList<>();
        int from = 0;
        for (int bit = 30; bit >= 0; bit--) {
            int width = 1 << bit;
            if ((size & width) != 0) {
                hashes.add(Merkle.root(leaves, from, from + width));
                from += width;
            }
        }
        return new CompactRange(hashes, size);
    }

    public void append(byte[] leafHash) {
        hashes.add(leafHash);
        size++;
        // Two subtrees of equal size merge: there are as many as trailing zero bits of the new size.
        for (long s = size; (s & 1) == 0 && hashes.size() > 1; s >>= 1) {
            byte[] right = hashes.remove(hashes.size() - 1);
            byte[] left = hashes.remove(hashes.size() - 1);
            hashes.add(Merkle.nodeHash(left, right));
        }
    }

    public long size() {
        return size;
    }

    public List<byte[]> hashes() {
        return List.copyOf(hashes);
    }

    /** The root of the tree: the subtrees folded from the right. */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return Merkle.emptyRoot();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = Merkle.nodeHash(hashes.get(i), root);
        }
        return root;
    }

    /** The hashes as base64, space-separated: how a range is stored and sent. */
    public String encode() {
        StringBuilder text = new StringBuilder();
        for (byte[] hash : hashes) {
            text.append(text.isEmpty() ? "" : " ").append(Base64.getEncoder().encodeToString(hash));
        }
        return text.toString();
    }

    public static CompactRange decode(long size, String text) {
        List<byte[]> hashes = text.isBlank() ? List.of()
                : Arrays.stream(text.trim().split(" ")).map(Base64.getDecoder()::decode).toList();
        return of(size, hashes);
    }
}
