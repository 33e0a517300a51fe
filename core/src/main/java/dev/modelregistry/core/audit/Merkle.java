package dev.modelregistry.core.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 (RFC 6962) over the audit log: leaf {@code SHA-256(0x00‖entry)}, node
 * {@code SHA-256(0x01‖left‖right)}, split at the largest power of two below the size. Proofs are built over an array
 * of leaf hashes and checked with the RFC's algorithms, so any RFC 9162 verifier can check them too.
 */
public final class Merkle {
    private Merkle() {
    }

    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        return sha.digest(entry);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 1);
        sha.update(left);
        return sha.digest(right);
    }

    /** The hash of the empty tree. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** The root of the tree over {@code leaves[from, to)}. */
    public static byte[] root(byte[][] leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return emptyRoot();
        }
        if (n == 1) {
            return leaves[from];
        }
        int k = splitPoint(n);
        return nodeHash(root(leaves, from, from + k), root(leaves, from + k, to));
    }

    /** RFC 9162 2.1.3.1 PATH(m, D[n]): the audit path of leaf {@code index} in the tree of the first {@code size} leaves. */
    public static List<byte[]> inclusionProof(byte[][] leaves, int index, int size) {
        List<byte[]> proof = new ArrayList<>();
        path(leaves, index, 0, size, proof);
        return proof;
    }

    private static void path(byte[][] leaves, int m, int from, int to, List<byte[]> proof) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = splitPoint(n);
        if (m < k) {
            path(leaves, m, from, from + k, proof);
            proof.add(root(leaves, from + k, to));
        } else {
            path(leaves, m - k, from + k, to, proof);
            proof.add(root(leaves, from, from + k));
        }
    }

    /** RFC 9162 2.1.4.1 PROOF(m, D[n]): shows the tree of {@code m} leaves is a prefix of the tree of {@code n}. */
    public static List<byte[]> consistencyProof(byte[][] leaves, int m, int n) {
        List<byte[]> proof = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(leaves, m, 0, n, true, proof);
        }
        return proof;
    }

    private static void subproof(byte[][] leaves, int m, int from, int to, boolean complete, List<byte[]> proof) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                proof.add(root(leaves, from, to));
            }
            return;
        }
        int k = splitPoint(n);
        if (m <= k) {
            subproof(leaves, m, from, from + k, complete, proof);
            proof.add(root(leaves, from + k, to));
        } else {
            subproof(leaves, m - k, from + k, to, false, proof);
            proof.add(root(leaves, from, from + k));
        }
    }

    /** RFC 9162 2.1.3.2: true when {@code proof} places {@code leaf} at {@code index} in the tree with {@code root}. */
    public static boolean verifyInclusion(long index, long size, byte[] leaf, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2: true when {@code proof} shows the tree (m, oldRoot) is a prefix of (n, newRoot). */
    public static boolean verifyConsistency(long m, long n, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (m <= 0 || m > n) {
            return m == 0 && proof.isEmpty();
        }
        if (m == n) {
            return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(m) == 1) {
            path.add(0, oldRoot);
        }
        long fn = m - 1;
        long sn = n - 1;
        while (!path.isEmpty() && (fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.isEmpty() ? new byte[0] : path.get(0);
        byte[] sr = fr;
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, oldRoot) && Arrays.equals(sr, newRoot);
    }

    /** The largest power of two strictly below {@code n} (n ≥ 2). */
    static int splitPoint(int n) {
        return Integer.highestOneBit(n - 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
