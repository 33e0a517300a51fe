package dev.modelregistry.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.deploy.DeployRefusedException.Reason;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The loop behind {@link DeployGuard#watch()}: long-polls for a revision above the one in place, refreshes the
 * manifest at half its remaining life even when nothing changes, hands every answer to the guard's checks, and
 * backs off after failures, reporting each to the error listeners. One virtual thread, started once.
 */
final class DeploymentWatcher {
    private static final Duration SHORTEST_WAIT = Duration.ofMillis(200);

    private final DeployGuard guard;
    private final RegistryClient registry;
    private final Clock clock;
    private final Duration pollWait;
    private final Duration retryDelay;
    private final List<Consumer<DeployRefusedException>> errorListeners = new CopyOnWriteArrayList<>();
    private volatile Thread thread;
    private volatile boolean stopped;

    // Touched by the watching thread only.
    private Duration backoff;
    // A revision refused for what it is (not for a failure on the way): the next poll waits for a newer one, so a
    // rollback after a bad promotion arrives at once, and the bad one is retried only after a wait.
    private long refused = -1;

    DeploymentWatcher(DeployGuard guard, RegistryClient registry, Clock clock, Duration pollWait, Duration retryDelay) {
        this.guard = guard;
        this.registry = registry;
        this.clock = clock;
        this.pollWait = pollWait;
        this.retryDelay = retryDelay;
    }

    void addErrorListener(Consumer<DeployRefusedException> listener) {
        errorListeners.add(listener);
    }

    /** Starts the watching thread; calling it again does nothing. The guard calls it under its own lock. */
    void start() {
        if (thread == null) {
            thread = Thread.ofVirtual().name("deploy-guard-" + guard.model()).start(this::watchLoop);
        }
    }

    /** Stops the thread and waits a while for it to end; a watcher never started has nothing to stop. */
    void stop() {
        stopped = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void watchLoop() {
        backoff = retryDelay;
        while (!stopped) {
            long offered = -1;
            try {
                JsonNode deployment = poll();
                if (stopped) {
                    return;
                }
                offered = deployment.path("revision").asLong(-1);
                guard.switchTo(deployment);
                backoff = retryDelay;
                refused = -1;
            } catch (DeployRefusedException e) {
                if (stopped) {
                    return;
                }
                report(e);
                if (isTransient(e.reason()) || offered < 0) {
                    if (!backOff()) {
                        return;
                    }
                } else {
                    refused = Math.max(refused, offered);
                }
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                report(new DeployRefusedException(Reason.UNREACHABLE,
                        "watching " + guard.model() + " failed: " + e, e));
                if (!backOff()) {
                    return;
                }
            }
        }
    }

    /** The deployment at once while nothing is in place or refused, else the first revision above both. */
    private JsonNode poll() {
        DeploymentSnapshot before = guard.current().orElse(null);
        String model = guard.model();
        try {
            if (before == null && refused < 0) {
                return registry.deployment(model);
            }
            long after = Math.max(before == null ? 0 : before.revision(), refused);
            return registry.awaitDeployment(model, after, before == null ? pollWait : nextWait(before));
        } catch (RuntimeException e) {
            throw RegistryFailures.translate(e, "watching the deployment of " + model);
        }
    }

    private static boolean isTransient(Reason reason) {
        return reason == Reason.UNREACHABLE || reason == Reason.REGISTRY_REFUSED || reason == Reason.LOCAL_IO;
    }

    /** Long enough to be cheap, short enough that the manifest is refreshed at half its remaining life. */
    private Duration nextWait(DeploymentSnapshot snapshot) {
        Duration halfLife = Duration.between(clock.instant(), snapshot.expiresAt()).dividedBy(2);
        Duration wait = min(pollWait, halfLife);
        return wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait;
    }

    private void report(DeployRefusedException failure) {
        for (Consumer<DeployRefusedException> listener : errorListeners) {
            try {
                listener.accept(failure);
            } catch (RuntimeException e) {
                // Reporting must not stop the watch.
            }
        }
    }

    /** Waits out the backoff, then doubles it up to the poll wait; false when stopped meanwhile. */
    private boolean backOff() {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            return false;
        }
        if (stopped) {
            return false;
        }
        backoff = min(backoff.multipliedBy(2), pollWait);
        return true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
