package dev.modelregistry.server.lineage;

/** The outcome of one NDJSON line, reported back to the sender in line order. */
public record IngestResult(long line, String id, Status status, String error) {
    /** What happened to a line. */
    public enum Status { ACCEPTED, DUPLICATE, CONFLICT, REJECTED }

    public static IngestResult rejected(long line, String id, String error) {
        return new IngestResult(line, id, Status.REJECTED, error);
    }
}
