package dev.modelregistry.server.metrics;

import dev.modelregistry.core.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * What the registry does, as Prometheus counts on {@code /metrics} next to the JVM's: every committed mutation by
 * its audit action (registrations are {@code version.registered}, promotions {@code deployment.promoted}, rollbacks
 * {@code deployment.rolled_back}), every refusal by its rule, lineage events by outcome, the deployment watchers
 * connected now, and how far the audit tree lags behind the log. Counts are per instance; Prometheus sums them.
 */
public final class DomainMetrics {
    private final MeterRegistry meters;
    private final AtomicInteger watchers = new AtomicInteger();
    private final ConcurrentMap<String, Counter> mutations = new ConcurrentHashMap<>();
    private final ConcurrentMap<ErrorCode, Counter> refusals = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> lineageEvents = new ConcurrentHashMap<>();

    public DomainMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("modelreg.deployment.watchers", watchers, AtomicInteger::get)
                .description("Deployment watchers connected now: SSE streams, long-polls and live console pages")
                .register(meters);
    }

    /** A mutation was committed (called after the commit, so a rolled-back attempt counts nothing). */
    public void committed(String auditAction) {
        mutations.computeIfAbsent(auditAction, action -> Counter.builder("modelreg.mutations")
                .description("Committed mutations by audit action").tag("action", action).register(meters)).increment();
    }

    /** A request was refused with a client error: {@code rule} is the error code, e.g. four_eyes or not_approver. */
    public void refused(ErrorCode rule) {
        refusals.computeIfAbsent(rule, code -> Counter.builder("modelreg.refusals")
                .description("Requests refused with a 4xx problem, by rule")
                .tag("rule", code.name().toLowerCase(Locale.ROOT)).register(meters)).increment();
    }

    /** Lineage events of one committed batch: {@code kind} signals or fills, {@code outcome} accepted, rejected, … */
    public void lineageEvents(String kind, String outcome, long count) {
        if (count > 0) {
            lineageEvents.computeIfAbsent(kind + "/" + outcome, key -> Counter.builder("modelreg.lineage.events")
                    .description("Lineage events ingested, by kind and outcome").tag("kind", kind)
                    .tag("outcome", outcome).register(meters)).increment(count);
        }
    }

    /** A watcher connected; close what this returns when it leaves. */
    public Watcher watcherConnected() {
        watchers.incrementAndGet();
        return new Watcher(watchers);
    }

    /** Registers the audit tree's lag behind the log: seconds since the oldest entry not yet in the tree. */
    public void auditIntegrationLag(DoubleSupplier seconds) {
        Gauge.builder("modelreg.audit.integration.lag", seconds::getAsDouble).baseUnit("seconds")
                .description("Age of the oldest audit entry not yet in the signed Merkle tree (0 when none)")
                .register(meters);
    }

    /** One connected watcher; closing it twice counts once. */
    public static final class Watcher implements AutoCloseable {
        private final AtomicInteger watchers;
        private boolean closed;

        private Watcher(AtomicInteger watchers) {
            this.watchers = watchers;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                watchers.decrementAndGet();
            }
        }
    }
}
