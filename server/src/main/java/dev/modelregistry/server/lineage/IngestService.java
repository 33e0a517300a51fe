package dev.modelregistry.server.lineage;

import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulk ingest of signals and fills from an NDJSON stream: lines are read one at a time, validated, gathered into
 * batches, and each batch is stored in one transaction; the per-line results of a batch are handed out only after
 * it committed, so "accepted" always means stored. Bad lines are rejected without affecting the good ones.
 */
public final class IngestService {
    public static final int MAX_LINE_BYTES = 64 * 1024;
    static final int BATCH = 5_000;

    private final Database database;
    private final LineageStore store;
    private final Clock clock;

    public IngestService(Database database, LineageStore store, Clock clock) {
        this.database = database;
        this.store = store;
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

    public Summary ingest(EventKind kind, InputStream body, ResultSink sink) throws IOException {
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
                flush(kind, batch, pendingRejections, sink, counts);
            }
        }
        flush(kind, batch, pendingRejections, sink, counts);
        return new Summary(counts[0], counts[1], counts[2], counts[3]);
    }

    private void flush(EventKind kind, List<LineageEvent> batch, List<IngestResult> rejections, ResultSink sink,
                       long[] counts) throws IOException {
        List<IngestResult> results = new ArrayList<>(rejections);
        if (!batch.isEmpty()) {
            results.addAll(store(kind, batch));
        }
        results.sort(java.util.Comparator.comparingLong(IngestResult::line));
        for (IngestResult result : results) {
            counts[result.status().ordinal()]++;
        }
        batch.clear();
        rejections.clear();
        if (!results.isEmpty()) {
            sink.accept(results);
        }
    }

    /** Stores one batch in one transaction and says what happened to each of its events. */
    private List<IngestResult> store(EventKind kind, List<LineageEvent> events) {
        return database.inTransaction(handle -> {
            List<IngestResult> results = new ArrayList<>();
            List<LineageEvent> candidates = new ArrayList<>();
            Map<String, Long> versionIds = Map.of();
            if (kind == EventKind.SIGNAL) {
                Set<String> modelIds = new HashSet<>();
                events.forEach(e -> modelIds.add(e.reference()));
                versionIds = store.versionIds(handle, modelIds);
            }
            // Within one batch the first line with an id is the one stored; later ones compare against it.
            Map<String, LineageEvent> firstById = new HashMap<>();
            List<LineageEvent> repeats = new ArrayList<>();
            for (LineageEvent event : events) {
                if (kind == EventKind.SIGNAL && !versionIds.containsKey(event.reference())) {
                    results.add(IngestResult.rejected(event.line(), event.id(), "unknown model_id " + event.reference()));
                } else if (firstById.putIfAbsent(event.id(), event) == null) {
                    candidates.add(event);
                } else {
                    repeats.add(event);
                }
            }
            Set<String> claimed = store.claim(handle, kind, candidates);
            List<LineageEvent> accepted = new ArrayList<>();
            List<LineageEvent> known = new ArrayList<>();
            for (LineageEvent event : candidates) {
                (claimed.contains(event.id()) ? accepted : known).add(event);
            }
            Map<String, String> stored = new HashMap<>();
            known.forEach(e -> stored.put(e.id(), null));
            stored.putAll(store.storedHashes(handle, kind, stored.keySet()));
            accepted.forEach(e -> stored.put(e.id(), e.contentSha256()));
            Instant now = Times.truncate(clock.instant());
            if (kind == EventKind.SIGNAL) {
                store.insertSignals(handle, accepted, versionIds, now);
            } else {
                store.insertFills(handle, accepted, now);
            }
            accepted.forEach(e -> results.add(new IngestResult(e.line(), e.id(), IngestResult.Status.ACCEPTED, null)));
            for (LineageEvent event : concat(known, repeats)) {
                boolean same = event.contentSha256().equals(stored.get(event.id()));
                results.add(same
                        ? new IngestResult(event.line(), event.id(), IngestResult.Status.DUPLICATE, null)
                        : new IngestResult(event.line(), event.id(), IngestResult.Status.CONFLICT,
                        event.id() + " was already stored with other content; it was not overwritten"));
            }
            return results;
        });
    }

    private static List<LineageEvent> concat(List<LineageEvent> a, List<LineageEvent> b) {
        List<LineageEvent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
