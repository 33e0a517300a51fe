package dev.modelregistry.core.identity;

/** sha256 (64 lower-case hex) of a version's canonical lineage; see {@link LineageIdentity}. */
public record LineageHash(String value) implements Comparable<LineageHash> {
    public LineageHash {
        Hex.require("lineage_hash", value, 64, 64);
    }

    @Override
    public int compareTo(LineageHash other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
