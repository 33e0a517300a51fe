package dev.modelregistry.server.lineage;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.metrics.DomainMetrics;
import dev.modelregistry.server.model.VersionAccess;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Bulk ingest of signals and fills from an NDJSON stream: lines are read one at a time, validated, gathered into
 * batches, and each batch is stored in one transaction with one audit entry; the per-line results of a batch are
 * handed out only after it committed, so "accepted" always means stored. Bad lines are rejected without affecting
 * the good ones.
 */
public final class IngestService {
    public static final int MAX_LINE_BYTES = 64 * 1024;
    static final int BATCH = 5_000;

    private final Database database;
    private final LineageStore store;
    private final VersionAccess versions;
    private final AuditLog audit;
    private final DomainMetrics metrics;
    private final Clock clock;

    public IngestService(Database database, LineageStore store, VersionAccess versions, AuditLog audit,
                         DomainMetrics metrics, Clock clock) {
        this.database = database;
        this.store = store;
        this.versions = versions;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Receives results in line order, one committed batch at a time. */
    @FunctionalInterface
    public interface ResultSink {
        void accept(List<IngestResult> results) throws IOException;
    }

    /** Counts of what happened to the lines of one request. */
    public record Summary(long accepted, long duplicate, long conflict, long rejected) {
    }

    public Summary ingest(Caller caller, EventKind kind, InputStream body, ResultSink sink) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(body, MAX_LINE_BYTES);
        long[] counts = new long[IngestResult.Status.values().length];
        List<IngestResult> pendingRejections = new ArrayList<>();
        List<LineageEvent> batch = new ArrayList<>();
        long lineNumber = 0;
        for (BoundedLineReader.Line line; (line = reader.next()) != null; ) {
            lineNumber++;
            if (line.tooLong()) {
                pendingRejections.add(IngestResult.rejected(lineNumber, null, "line longer than " + MAX_LINE_BYTES + " bytes"));
            } else if (line.badEncoding()) {
                pendingRejections.add(IngestResult.rejected(lineNumber, null, "line is not valid UTF-8"));
            } else if (!line.text().isBlank()) {
                switch (EventParser.parse(kind, lineNumber, line.text())) {
                    case EventParser.Valid valid -> batch.add(valid.event());
                    case EventParser.Invalid invalid -> pendingRejections.add(invalid.rejection());
                }
            }
            if (batch.size() >= BATCH) {
                flush(caller, kind, batch, pendingRejections, sink, counts);
            }
        }
        flush(caller, kind, batch, pendingRejections, sink, counts);
        return new Summary(counts[0], counts[1], counts[2], counts[3]);
    }

    private void flush(Caller caller, EventKind kind, List<LineageEvent> batch, List<IngestResult> rejections,
                       ResultSink sink, long[] counts) throws IOException {
        List<IngestResult> results = new ArrayList<>(rejections);
        if (!batch.isEmpty()) {
            int refusedLines = rejections.size();
            results.addAll(database.inTransaction(handle -> store(handle, caller, kind, batch, refusedLines)));
        }
        results.sort(Comparator.comparingLong(IngestResult::line));
        long[] batchCounts = new long[counts.length];
        for (IngestResult result : results) {
            batchCounts[result.status().ordinal()]++;
        }
        for (IngestResult.Status status : IngestResult.Status.values()) {
            counts[status.ordinal()] += batchCounts[status.ordinal()];
            metrics.lineageEvents(kind.metricName(), status.name().toLowerCase(Locale.ROOT),
                    batchCounts[status.ordinal()]);
        }
        batch.clear();
        rejections.clear();
        if (!results.isEmpty()) {
            sink.accept(results);
        }
    }

    /**
     * Stores one batch in the given transaction and says what happened to each of its events. The batch is audited
     * when it stored something or met a conflict (someone sent other content under a stored id); a replay of
     * duplicates changes nothing and is not. {@code refusedLines} are the batch's lines refused before parsing.
     */
    private List<IngestResult> store(Handle handle, Caller caller, EventKind kind, List<LineageEvent> events,
                                     int refusedLines) {
        List<IngestResult> results = new ArrayList<>();
        Map<String, Long> versionRowIds = kind == EventKind.SIGNAL ? emittingVersions(handle, events) : Map.of();
        // Within one batch the first line with an id is the one stored; later ones compare against it.
        Map<String, LineageEvent> firstById = new HashMap<>();
        List<LineageEvent> candidates = new ArrayList<>();
        List<LineageEvent> repeats = new ArrayList<>();
        for (LineageEvent event : events) {
            if (kind == EventKind.SIGNAL && !versionRowIds.containsKey(event.reference())) {
                results.add(IngestResult.rejected(event.line(), event.id(), "unknown model_id " + event.reference()));
            } else if (firstById.putIfAbsent(event.id(), event) == null) {
                candidates.add(event);
            } else {
                repeats.add(event);
            }
        }
        Set<String> claimed = store.claim(handle, kind, candidates);
        List<LineageEvent> accepted = candidates.stream().filter(e -> claimed.contains(e.id())).toList();
        List<LineageEvent> known = candidates.stream().filter(e -> !claimed.contains(e.id())).toList();
        insert(handle, kind, accepted, versionRowIds);
        accepted.forEach(e -> results.add(new IngestResult(e.line(), e.id(), IngestResult.Status.ACCEPTED, null)));
        results.addAll(compareWithStored(handle, kind, known, repeats, accepted));
        long conflicts = results.stream().filter(r -> r.status() == IngestResult.Status.CONFLICT).count();
        if (!accepted.isEmpty() || conflicts > 0) {
            long duplicates = results.stream().filter(r -> r.status() == IngestResult.Status.DUPLICATE).count();
            long rejected = refusedLines + results.stream().filter(r -> r.status() == IngestResult.Status.REJECTED).count();
            audit.append(handle, caller, AuditEvent.created(kind.chain(), "lineage.ingested", kind.chain(),
                    batch(kind, accepted, duplicates, conflicts, rejected)));
        }
        return results;
    }

    private void insert(Handle handle, EventKind kind, List<LineageEvent> accepted, Map<String, Long> versionRowIds) {
        if (kind == EventKind.SIGNAL) {
            store.insertSignals(handle, accepted, versionRowIds, Times.truncate(clock.instant()));
        } else {
            store.insertFills(handle, accepted, Times.truncate(clock.instant()));
        }
    }

    /**
     * Events whose id was stored before this batch ({@code known}) or earlier in it ({@code repeats}): identical
     * content is a duplicate, other content a conflict.
     */
    private List<IngestResult> compareWithStored(Handle handle, EventKind kind, List<LineageEvent> known,
                                                 List<LineageEvent> repeats, List<LineageEvent> accepted) {
        Set<String> knownIds = new HashSet<>();
        known.forEach(e -> knownIds.add(e.id()));
        Map<String, String> stored = new HashMap<>(store.storedHashes(handle, kind, knownIds));
        accepted.forEach(e -> stored.put(e.id(), e.contentSha256()));
        List<LineageEvent> compared = new ArrayList<>(known);
        compared.addAll(repeats);
        List<IngestResult> results = new ArrayList<>();
        for (LineageEvent event : compared) {
            boolean same = event.contentSha256().equals(stored.get(event.id()));
            results.add(same
                    ? new IngestResult(event.line(), event.id(), IngestResult.Status.DUPLICATE, null)
                    : new IngestResult(event.line(), event.id(), IngestResult.Status.CONFLICT,
                    event.id() + " was already stored with other content; it was not overwritten"));
        }
        return results;
    }

    /** The row ids of the versions the signals name, keyed by the model_id as sent; unknown ones are absent. */
    private Map<String, Long> emittingVersions(Handle handle, List<LineageEvent> signals) {
        Set<ModelId> modelIds = new HashSet<>();
        for (LineageEvent signal : signals) {
            try {
                modelIds.add(ModelId.parse(signal.reference()));
            } catch (RegistryException e) {
                // Not a model_id at all: it stays unknown, and its line is rejected like any unknown model_id.
            }
        }
        Map<String, Long> byText = new HashMap<>();
        versions.rowIds(handle, modelIds).forEach((id, rowId) -> byText.put(id.toString(), rowId));
        return byText;
    }

    private static IngestedBatch batch(EventKind kind, List<LineageEvent> accepted, long duplicates, long conflicts,
                                       long rejected) {
        MessageDigest ids = sha256();
        MessageDigest lines = sha256();
        for (LineageEvent event : accepted) {
            ids.update((event.id() + '\n').getBytes(StandardCharsets.UTF_8));
            lines.update(event.received().getBytes(StandardCharsets.UTF_8));
            lines.update((byte) '\n');
        }
        IngestedBatch.Counts counts = new IngestedBatch.Counts(accepted.size(), duplicates, conflicts, rejected);
        if (accepted.isEmpty()) {
            return new IngestedBatch(kind, counts, null, null, null, null, HexFormat.of().formatHex(ids.digest()),
                    HexFormat.of().formatHex(lines.digest()));
        }
        LineageEvent first = accepted.get(0);
        LineageEvent last = accepted.get(accepted.size() - 1);
        return new IngestedBatch(kind, counts, first.line(), last.line(), first.id(), last.id(),
                HexFormat.of().formatHex(ids.digest()), HexFormat.of().formatHex(lines.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
