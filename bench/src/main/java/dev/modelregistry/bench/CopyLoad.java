package dev.modelregistry.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The baseline: the same rows written by PostgreSQL's fastest path, a raw {@code COPY ... FROM STDIN} through the
 * JDBC {@link CopyManager}, into plain scratch tables shaped like the server's: for each kind a key table (id
 * primary key, time, content hash) and a data table (same columns, same indexes and, for signals, the same foreign
 * key to {@code model_versions}; unpartitioned — every row of a run falls into one yearly partition on the server
 * anyway). Each chunk is one transaction with two COPYs (data rows, then key rows), as each server batch is one
 * transaction writing both tables. The data row's {@code body} is the generated NDJSON line itself; the key row's
 * hash is the SHA-256 of that line (the server hashes the line's canonical JSON: the same 64 hex characters).
 */
final class CopyLoad implements ChunkedLoad.WorkerFactory {
    static final String TABLES_DDL = """
            CREATE TABLE copy_signal_keys (
                signal_id       text        PRIMARY KEY,
                emitted_at      timestamptz NOT NULL,
                content_sha256  text        NOT NULL
            );
            CREATE TABLE copy_signals (
                signal_id    text        NOT NULL,
                version_id   bigint      NOT NULL REFERENCES model_versions (id),
                emitted_at   timestamptz NOT NULL,
                body         text        NOT NULL,
                received_at  timestamptz NOT NULL
            );
            CREATE INDEX copy_signals_signal_id ON copy_signals (signal_id);
            CREATE INDEX copy_signals_version ON copy_signals (version_id, emitted_at);
            CREATE TABLE copy_fill_keys (
                fill_id         text        PRIMARY KEY,
                executed_at     timestamptz NOT NULL,
                content_sha256  text        NOT NULL
            );
            CREATE TABLE copy_fills (
                fill_id      text        NOT NULL,
                signal_id    text        NOT NULL,
                executed_at  timestamptz NOT NULL,
                body         text        NOT NULL,
                received_at  timestamptz NOT NULL
            );
            CREATE INDEX copy_fills_fill_id ON copy_fills (fill_id);
            CREATE INDEX copy_fills_signal_id ON copy_fills (signal_id);
            """;

    private final BenchDatabase database;
    private final EventLines lines;
    private final EventLines.Kind kind;
    private final Map<String, Long> versionRowIds;

    /** {@code versionRowIds}: public model_id → {@code model_versions.id}, which the server resolves per batch. */
    CopyLoad(BenchDatabase database, EventLines lines, EventLines.Kind kind, Map<String, Long> versionRowIds) {
        this.database = database;
        this.lines = lines;
        this.kind = kind;
        this.versionRowIds = Map.copyOf(versionRowIds);
    }

    static String dataTable(EventLines.Kind kind) {
        return kind == EventLines.Kind.SIGNALS ? "copy_signals" : "copy_fills";
    }

    static String keyTable(EventLines.Kind kind) {
        return kind == EventLines.Kind.SIGNALS ? "copy_signal_keys" : "copy_fill_keys";
    }

    @Override
    public ChunkedLoad.Worker create(int index) throws Exception {
        Connection connection = database.connect();
        try (Statement s = connection.createStatement()) {
            // Bounds every COPY: a stuck one fails the run instead of hanging it.
            s.execute("SET statement_timeout = '10min'");
        }
        connection.setAutoCommit(false);
        return new CopyWorker(connection);
    }

    /** One connection's COPYs: each chunk is the data rows, then the key rows gathered aside, in one transaction. */
    private final class CopyWorker implements ChunkedLoad.Worker {
        private final Connection connection;
        private final CopyManager copy;
        private final MessageDigest sha256;
        private final String dataCopy;
        private final String keyCopy;
        private final StringBuilder line = new StringBuilder(256);
        private final StringBuilder keyRow = new StringBuilder(128);
        private byte[] keyRows = new byte[1 << 20];
        private int keyBytes;
        private final byte[] lineBytes = new byte[64 * 1024];

        CopyWorker(Connection connection) throws Exception {
            this.connection = connection;
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.dataCopy = kind == EventLines.Kind.SIGNALS
                    ? "COPY copy_signals (signal_id, version_id, emitted_at, body, received_at) FROM STDIN"
                    : "COPY copy_fills (fill_id, signal_id, executed_at, body, received_at) FROM STDIN";
            this.keyCopy = kind == EventLines.Kind.SIGNALS
                    ? "COPY copy_signal_keys (signal_id, emitted_at, content_sha256) FROM STDIN"
                    : "COPY copy_fill_keys (fill_id, executed_at, content_sha256) FROM STDIN";
        }

        @Override
        public void load(long from, long to, ChunkedLoad.Progress progress) throws Exception {
            String receivedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).toString();
            keyBytes = 0;
            long rows = copy.copyIn(dataCopy, lines.new GeneratedStream(from, to) {
                @Override
                void append(EventLines.Writer writer, StringBuilder out, long i) {
                    dataRow(writer, out, i, receivedAt);
                }
            });
            long keys = copy.copyIn(keyCopy, new ByteArrayInputStream(keyRows, 0, keyBytes));
            connection.commit();
            if (rows != to - from || keys != to - from) {
                throw new IllegalStateException("COPY stored " + rows + " data rows and " + keys + " key rows for "
                        + (to - from) + " events");
            }
            progress.add(rows);
        }

        /** Appends the data row of event i and, aside, its key row. */
        private void dataRow(EventLines.Writer writer, StringBuilder out, long i, String receivedAt) {
            line.setLength(0);
            writer.line(kind, line, i);
            keyRow.setLength(0);
            keyRow.append(kind.idPrefix).append(i).append('\t');
            if (kind == EventLines.Kind.SIGNALS) {
                writer.time(keyRow, lines.emittedAtMillis(i));
                out.append("s-").append(i).append('\t').append(versionRowIds.get(lines.modelIdOf(i))).append('\t');
                writer.time(out, lines.emittedAtMillis(i));
            } else {
                writer.time(keyRow, lines.executedAtMillis(i));
                out.append("f-").append(i).append("\ts-").append(i).append('\t');
                writer.time(out, lines.executedAtMillis(i));
            }
            out.append('\t').append(line).append('\t').append(receivedAt).append('\n');
            keyRow.append('\t').append(HexFormat.of().formatHex(sha256(line))).append('\n');
            appendKeyRow();
        }

        private byte[] sha256(StringBuilder text) {
            int n = text.length();
            for (int c = 0; c < n; c++) {
                lineBytes[c] = (byte) text.charAt(c);
            }
            sha256.update(lineBytes, 0, n);
            return sha256.digest();
        }

        private void appendKeyRow() {
            int n = keyRow.length();
            if (keyBytes + n > keyRows.length) {
                keyRows = java.util.Arrays.copyOf(keyRows, Math.max(keyRows.length * 2, keyBytes + n));
            }
            for (int c = 0; c < n; c++) {
                keyRows[keyBytes++] = (byte) keyRow.charAt(c);
            }
        }

        @Override
        public void abort() {
            try {
                connection.abort(Executors.newVirtualThreadPerTaskExecutor());
            } catch (Exception e) {
                // The monitor also interrupts the thread; nothing more to do here.
            }
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
