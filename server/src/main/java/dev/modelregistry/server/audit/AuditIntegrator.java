package dev.modelregistry.server.audit;

import dev.modelregistry.core.audit.Checkpoint;
import dev.modelregistry.core.audit.CompactRange;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.jobs.PeriodicJob;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Extends the Merkle tree with the entries committed since the last run, in batches, and publishes a signed
 * checkpoint whenever the tree grew. Writers never wait for it: leaf indexes are assigned here, after their
 * transactions committed. With several instances the cluster lock lets one integrate at a time.
 */
public final class AuditIntegrator implements AutoCloseable {
    /** An arbitrary constant naming the integrator's advisory lock. */
    private static final long LOCK_KEY = 0x6d72617564697421L;
    private static final int BATCH = 5_000;
    /** Longer than any writer transaction lasts: an entry whose seq is this far behind has committed or never will. */
    private static final Duration SETTLED = Duration.ofMinutes(5);
    /** The search for latecomers probes every leaf of the last five minutes, so it runs every 15th time (~30 s). */
    private static final int LATECOMER_EVERY = 15;

    private final Database database;
    private final AuditTreeStore tree;
    private final AuditLogKey key;
    private final String origin;
    private final Clock clock;
    private PeriodicJob job;
    private long calls;

    public AuditIntegrator(Database database, AuditTreeStore tree, AuditLogKey key, String origin, Clock clock) {
        this.database = database;
        this.tree = tree;
        this.key = key;
        this.origin = origin;
        this.clock = clock;
    }

    /** Publishes this instance's public log key, so that verifiers can check what it signs. */
    public void publishKey() {
        database.inTransaction(h -> {
            tree.registerKey(h, key, Times.truncate(clock.instant()));
            return null;
        });
    }

    /** Integrates at once, then every {@code interval}. */
    public void start(Duration interval) {
        job = PeriodicJob.start("audit-integrator", Duration.ZERO, interval,
                () -> integrate(calls++ % LATECOMER_EVERY == 0));
    }

    /** Seconds since the oldest entry the tree does not hold yet was written; 0 when it holds them all. */
    public double lagSeconds() {
        return database.withHandle(tree::oldestPendingAt)
                .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    /**
     * Integrates every pending entry, latecomers included (see {@link AuditTreeStore#latecomers}); returns how many
     * (0 when none were pending or another instance holds the lock). The scheduled runs look for latecomers only
     * every {@link #LATECOMER_EVERY}th time.
     */
    public int integrateOnce() {
        return integrate(true);
    }

    private synchronized int integrate(boolean latecomers) {
        int total = 0;
        int added;
        do {
            added = database.inTransaction(h -> integrateBatch(h, false));
            total += added;
        } while (added == BATCH);
        while (latecomers && (added = database.inTransaction(h -> integrateBatch(h, true))) > 0) {
            total += added;
        }
        return total;
    }

    private int integrateBatch(Handle handle, boolean latecomers) {
        if (!database.tryClusterLock(handle, LOCK_KEY)) {
            return 0;
        }
        Instant now = Times.truncate(clock.instant());
        List<AuditEntry> pending = latecomers ? tree.latecomers(handle, now.minus(SETTLED), BATCH)
                : tree.pendingAfterNewestLeaf(handle, BATCH);
        if (pending.isEmpty()) {
            return 0;
        }
        CompactRange range = currentRange(handle);
        tree.insertLeaves(handle, range.size(), pending, now);
        pending.forEach(entry -> range.append(entry.leaf().leafHash()));
        Checkpoint checkpoint = Checkpoint.sign(origin, range.size(), range.root(), key.privateKey(), key.publicKey());
        tree.insertCheckpoint(handle, new AuditTreeStore.StoredCheckpoint(range.size(), checkpoint.note(),
                range.encode()), now);
        return pending.size();
    }

    /**
     * The edge of the tree as of the last checkpoint. It is stored beside the checkpoint; the signed root it must
     * fold to is what makes an altered edge refuse to grow rather than silently fork the tree.
     */
    private CompactRange currentRange(Handle handle) {
        return tree.latestCheckpoint(handle).map(stored -> {
            CompactRange range = CompactRange.decode(stored.treeSize(), stored.compactRange());
            Checkpoint signed = Checkpoint.parse(stored.note()).orElseThrow(
                    () -> new IllegalStateException("the latest audit checkpoint is not a signed note"));
            if (signed.size() != range.size() || !Arrays.equals(signed.root(), range.root())) {
                throw new IllegalStateException("the stored edge of the audit tree does not match its checkpoint of size "
                        + signed.size() + ": the database was altered; run a full audit verify");
            }
            return range;
        }).orElseGet(CompactRange::empty);
    }

    @Override
    public void close() {
        if (job != null) {
            job.close();
        }
    }
}
