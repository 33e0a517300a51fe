package dev.modelregistry.server.webhook;

import dev.modelregistry.server.files.PrivateFiles;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Encrypts the webhook signing secrets the database holds (AES-256-GCM, a fresh 96-bit nonce each), with a key that
 * lives in a file readable only by the server's user and never in the database: a dump, a replica or a backup of
 * the database does not reveal a secret. The secret itself must be kept (it signs every delivery), so hashing it,
 * as tokens are, is not possible.
 */
public final class SecretBox {
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = idOf(key);
    }

    /** Loads the key from {@code file}, creating a new one there (0600) when there is none. */
    public static SecretBox loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            // Another instance sharing the path may create it first; then its key is read below.
            PrivateFiles.createOnce(file, Base64.getEncoder().encodeToString(key) + "\n");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the webhook key file " + file + " does not hold a base64 key", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException("the webhook key file " + file + " must hold 32 bytes, not " + key.length);
        }
        return new SecretBox(key);
    }

    /** Names the key without revealing it: what the database records to tell a wrong key file at start. */
    public String keyId() {
        return keyId;
    }

    public String seal(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
        return VERSION + Base64.getEncoder().encodeToString(out.array());
    }

    public String open(String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalStateException("a stored webhook secret is not in a known format");
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        return new String(crypt(Cipher.DECRYPT_MODE, nonce, rest), StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a stored webhook secret does not open with this webhook key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
        }
    }

    private static String idOf(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("model-registry webhook secret key\n".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
