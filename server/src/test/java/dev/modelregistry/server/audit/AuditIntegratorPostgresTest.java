package dev.modelregistry.server.audit;

import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL entries commit out of seq order: an entry whose transaction commits after a later entry was
 * integrated must still enter the tree, and the full verify must then hold.
 */
class AuditIntegratorPostgresTest {
    private TestRegistry registry;

    @BeforeEach
    void start() {
        registry = Backend.POSTGRES.start(TestRegistry.config());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void anEntryThatCommitsAfterALaterOneWasIntegratedStillEntersTheTree() throws Exception {
        AuditIntegrator integrator = registry.server().auditIntegrator();
        integrator.integrateOnce();
        AuditLog log = registry.server().context().services().auditLog();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch laterIntegrated = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> registry.server().database().inTransaction(h -> {
            log.append(h, Caller.system("slow-writer"), AuditEvent.created("slow", "test.slow", "test:slow", null));
            appended.countDown();
            await(laterIntegrated);
            return null;
        }));
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
        registry.team("later-team");
        integrator.integrateOnce();
        laterIntegrated.countDown();
        slow.get(10, TimeUnit.SECONDS);

        integrator.integrateOnce();

        long entries = registry.server().database().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
        long leaves = registry.server().database().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM audit_leaves").mapTo(Long.class).one());
        assertThat(leaves).isEqualTo(entries);
        assertThat(registry.server().context().services().audit().verify().ok()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
