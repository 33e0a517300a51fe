package dev.modelregistry.server.keys;

import dev.modelregistry.server.files.PrivateFiles;

import dev.modelregistry.core.dsse.Ed25519Pem;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPrivateKeySpec;

/**
 * The registry's own Ed25519 key, which signs deployment manifests. It lives in a PKCS#8 PEM file readable only by
 * its owner (0600): generated at first start under the data directory, or supplied by path. Several instances
 * serving one database must be given the same file.
 */
public final class RegistrySigningKey {
    private final Path file;
    private volatile KeyPair pair;

    private RegistrySigningKey(Path file, KeyPair pair) {
        this.file = file;
        this.pair = pair;
    }

    /** Loads the key from {@code file}, creating a new one there (0600) when the file does not exist. */
    public static RegistrySigningKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return new RegistrySigningKey(file, read(file));
        }
        KeyPair pair = Ed25519Pem.generate();
        try {
            write(file, pair.getPrivate(), false);
        } catch (FileAlreadyExistsException e) {
            // Another instance sharing this path created the key first: use theirs, so both sign alike.
            return new RegistrySigningKey(file, read(file));
        }
        return new RegistrySigningKey(file, pair);
    }

    public PrivateKey privateKey() {
        return pair.getPrivate();
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    public String keyId() {
        return Ed25519Pem.keyId(pair.getPublic());
    }

    /**
     * Replaces the key with a new one: the old file is kept beside it as {@code <name>.<keyid>.retired} (so that an
     * operator can still find it), the new key is written atomically with mode 0600 and used from now on.
     */
    public synchronized void rotate() throws IOException {
        KeyPair next = Ed25519Pem.generate();
        Path retired = file.resolveSibling(file.getFileName() + "." + keyId() + ".retired");
        Files.copy(file, retired, StandardCopyOption.REPLACE_EXISTING);
        write(file, next.getPrivate(), true);
        pair = next;
    }

    private static KeyPair read(Path file) throws IOException {
        return pairOf(Files.readString(file));
    }

    /** The key pair of a PKCS#8 PEM private key (the public half derived), for a key held outside a file. */
    public static KeyPair pairOf(String pem) {
        PrivateKey privateKey = Ed25519Pem.privateKey(pem);
        return new KeyPair(publicOf(privateKey), privateKey);
    }

    /** Derives the public key from the private one, so the file needs to hold only the private key. */
    private static PublicKey publicOf(PrivateKey privateKey) {
        try {
            var factory = java.security.KeyFactory.getInstance("Ed25519");
            EdECPrivateKeySpec spec = factory.getKeySpec(privateKey, EdECPrivateKeySpec.class);
            byte[] seed = spec.getBytes();
            // The JDK has no public "derive" call; a generator seeded with the private bytes yields the same pair.
            var generator = java.security.KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(new java.security.spec.NamedParameterSpec("Ed25519"), new FixedSeed(seed));
            return generator.generateKeyPair().getPublic();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** Writes the key to a private temporary file and moves it into place, replacing an existing key only if told to. */
    private static void write(Path file, PrivateKey key, boolean replace) throws IOException {
        PrivateFiles.directories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + "." + java.util.UUID.randomUUID() + ".partial");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(partial);
        }
        try {
            Files.writeString(partial, Ed25519Pem.toPem(key));
            if (replace) {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A hard link fails if the name exists: two instances creating the key at once cannot both win.
                Files.createLink(file, partial);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** A SecureRandom that returns a fixed seed: how the JDK's generator is made to rebuild a known key pair. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
