package dev.modelregistry.server.model;

import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.jobs.PeriodicJob;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Writes one audit entry for each health transition (ok → warning → expired → orphan, and back after a new version
 * or a reassignment). Health is derived at read time without it; the sweeper only makes the transitions part of
 * the audit log. With several instances, the database's cluster lock lets one sweep at a time, and each transition
 * is claimed with a conditional update, so every transition is audited exactly once.
 */
public final class HealthSweeper implements AutoCloseable {
    /** An arbitrary constant naming the sweeper's advisory lock. */
    private static final long LOCK_KEY = 0x6d6f64656c726567L;
    private static final int BATCH = 500;

    private final Database database;
    private final HealthAuditStore health;
    private final AuditLog audit;
    private final Clock clock;
    private PeriodicJob job;

    public HealthSweeper(Database database, HealthAuditStore health, AuditLog audit, Clock clock) {
        this.database = database;
        this.health = health;
        this.audit = audit;
        this.clock = clock;
    }

    public void start(Duration interval) {
        job = PeriodicJob.start("health-sweeper", interval, this::sweepOnce);
    }

    /** Audits every pending transition; returns how many this call wrote (0 when another instance holds the lock). */
    public int sweepOnce() {
        int written = 0;
        Pass pass;
        do {
            pass = database.inTransaction(handle -> {
                if (!database.tryClusterLock(handle, LOCK_KEY)) {
                    return new Pass(0, false);
                }
                List<HealthAuditStore.Transition> pending = health.transitions(handle, clock.instant(), BATCH);
                int claimed = 0;
                for (HealthAuditStore.Transition transition : pending) {
                    ModelHealth stamped = transition.now().withSince(Times.truncate(transition.now().since()));
                    if (health.claimTransition(handle, stamped.modelRowId(), transition.audited(), stamped)) {
                        audit.append(handle, Caller.system("health-sweeper"), new AuditEvent(
                                AuditLog.modelChain(stamped.model()), "model.health_changed", "model:" + stamped.model(),
                                new HealthState(transition.audited()), stamped));
                        claimed++;
                    }
                }
                return new Pass(claimed, pending.size() == BATCH);
            });
            written += pass.written();
        } while (pass.more());
        return written;
    }

    /** One transaction's work: how many transitions it audited and whether more may be pending. */
    private record Pass(int written, boolean more) {
    }

    @Override
    public void close() {
        if (job != null) {
            job.close();
        }
    }
}
