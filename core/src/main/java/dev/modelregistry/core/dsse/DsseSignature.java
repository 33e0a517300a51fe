package dev.modelregistry.core.dsse;

/** One signature of a DSSE envelope: the signer's key id (a hint only) and the raw signature bytes. */
public record DsseSignature(String keyid, byte[] sig) {
}
