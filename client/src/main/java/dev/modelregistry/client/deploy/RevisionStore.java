package dev.modelregistry.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.client.deploy.DeployRefusedException.Reason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The highest manifest revision a guard ever accepted for a model, kept in a small JSON file so that a restart
 * cannot be talked into an older (rolled-back, replayed) manifest. Written to a temporary file, fsynced and renamed
 * over the old one, so the file is always either the old or the new value. An unreadable file is an error, never
 * "start from zero": that would be exactly the downgrade the file exists to prevent.
 */
public final class RevisionStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String model;
    private long highest;

    /** Opens (reads) the state file; a missing file means no revision was accepted yet. */
    public RevisionStore(Path file, String model) {
        this.file = file.toAbsolutePath();
        this.model = model;
        this.highest = read();
    }

    /** The highest revision accepted so far; -1 when none was. */
    public synchronized long highest() {
        return highest;
    }

    /** Remembers {@code revision} if it is higher than what is stored; a lower or equal one changes nothing. */
    public synchronized void record(long revision) {
        if (revision <= highest) {
            return;
        }
        byte[] content = JSON.createObjectNode().put("model", model).put("revision", revision).toString()
                .getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    out.write(ByteBuffer.wrap(content));
                    out.force(true);
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            ArtifactCache.syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new DeployRefusedException(Reason.LOCAL_IO, "cannot write the revision state file " + file
                    + ": " + e.getMessage(), e);
        }
        highest = revision;
    }

    private long read() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new DeployRefusedException(Reason.LOCAL_IO, "cannot read the revision state file " + file
                    + ": " + e.getMessage(), e);
        }
        JsonNode state;
        try {
            state = JSON.readTree(content);
        } catch (IOException e) {
            state = null;
        }
        if (state == null || !state.path("revision").canConvertToExactIntegral()) {
            throw new DeployRefusedException(Reason.LOCAL_IO, "the revision state file " + file
                    + " is unreadable; refusing to start from revision 0 (delete it only if you know why)");
        }
        String stored = state.path("model").asText(null);
        if (!model.equals(stored)) {
            throw new DeployRefusedException(Reason.LOCAL_IO, "the revision state file " + file + " belongs to model '"
                    + stored + "', not '" + model + "'; give each model its own state file");
        }
        return state.get("revision").asLong();
    }
}
