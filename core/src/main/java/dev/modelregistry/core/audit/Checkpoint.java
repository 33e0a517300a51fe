package dev.modelregistry.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed tree head in the C2SP {@code tlog-checkpoint} signed-note format: origin line, tree size, base64 root
 * hash, a blank line, then {@code — <name> <base64(keyhash4‖Ed25519 signature)>}. The key name is the origin.
 */
public record Checkpoint(String origin, long size, byte[] root, String note) {
    private static final String DASH = "\u2014";
    private static final Pattern NOTE = Pattern.compile(
            "([^\\n]+)\\n(\\d{1,19})\\n([A-Za-z0-9+/=]{44})\\n\\n" + DASH + " ([^ \\n]+) ([A-Za-z0-9+/=]+)\\n");

    public Checkpoint {
        if (origin.isBlank() || origin.contains("\n") || size < 0 || root.length != 32) {
            throw new IllegalArgumentException("not a checkpoint");
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** The signed note of this tree head, signed with {@code key} under the name {@code origin}. */
    public static Checkpoint sign(String origin, long size, byte[] root, PrivateKey key, PublicKey publicKey) {
        String body = body(origin, size, root);
        byte[] sig = ed25519(key, body.getBytes(StandardCharsets.UTF_8));
        byte[] line = new byte[4 + sig.length];
        System.arraycopy(keyHash(origin, publicKey), 0, line, 0, 4);
        System.arraycopy(sig, 0, line, 4, sig.length);
        String note = body + "\n" + DASH + " " + origin + " " + Base64.getEncoder().encodeToString(line) + "\n";
        return new Checkpoint(origin, size, root, note);
    }

    /** Parses a note; empty when it is not a checkpoint with exactly one signature line. */
    public static Optional<Checkpoint> parse(String note) {
        Matcher m = NOTE.matcher(note);
        if (!m.matches() || !m.group(1).equals(m.group(4))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Checkpoint(m.group(1), Long.parseLong(m.group(2)),
                    Base64.getDecoder().decode(m.group(3)), note));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when the signature line is {@code key}'s signature of the note's text. */
    public boolean signedBy(PublicKey key) {
        String line = note.substring(note.lastIndexOf(' ') + 1).trim();
        byte[] decoded = Base64.getDecoder().decode(line);
        if (decoded.length != 68 || !Arrays.equals(Arrays.copyOf(decoded, 4), keyHash(origin, key))) {
            return false;
        }
        byte[] body = body(origin, size, root).getBytes(StandardCharsets.UTF_8);
        return AuditSignatures.verify(key, body, Arrays.copyOfRange(decoded, 4, 68));
    }

    /** The C2SP key hash: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ raw Ed25519 public key). */
    public static byte[] keyHash(String name, PublicKey key) {
        var sha = Merkle.sha256();
        sha.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 1);
        return Arrays.copyOf(sha.digest(AuditSignatures.raw(key)), 4);
    }

    private static String body(String origin, long size, byte[] root) {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    private static byte[] ed25519(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the checkpoint: " + e.getMessage(), e);
        }
    }
}
