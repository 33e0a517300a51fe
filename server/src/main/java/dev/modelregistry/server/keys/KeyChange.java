package dev.modelregistry.server.keys;

/** The audit detail of a key rotation: the keyid on one side of it. */
public record KeyChange(String keyid) {
}
