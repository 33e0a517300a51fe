package dev.modelregistry.bench;

import dev.modelregistry.client.deploy.DeployGuard;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * N deploy guards watching one model, as N separate loaders would: each has its own registry client (its own HTTP
 * connection), its own artifact cache and its own state file, and is pinned to the registry's key. Every guard's
 * {@code onChange} records {@link System#nanoTime()} the moment it has switched to a revision (manifest signature,
 * expiry and revision checked, artifacts verified in its cache, revision fsynced to its state file).
 */
final class GuardFleet implements Watchers {
    private final List<DeployGuard> guards = new ArrayList<>();
    private final RevisionSightings sightings;

    private GuardFleet(int size) {
        this.sightings = new RevisionSightings(size, "guards");
    }

    /** Builds the guards, loads the current deployment in each (they download it), then starts every watch. */
    static GuardFleet start(URI registry, String token, String model, String registryKeyPem, Path dir, int size)
            throws Exception {
        GuardFleet fleet = new GuardFleet(size);
        try {
            for (int i = 0; i < size; i++) {
                Path home = Files.createDirectories(dir.resolve(String.format("guard-%04d", i)));
                DeployGuard guard = DeployGuard.builder()
                        .registry(registry, token)
                        .model(model)
                        .pinnedKey(registryKeyPem)
                        .cacheDirectory(home.resolve("cache"))
                        .stateFile(home.resolve("revision.state"))
                        .build();
                int index = i;
                guard.onChange(snapshot -> fleet.sightings.seen(index, snapshot.revision(),
                        snapshot.production().modelId(), System.nanoTime()));
                guard.onError(failure -> fleet.sightings.failed(index, failure.getMessage()));
                fleet.guards.add(guard);
                guard.load();
            }
            for (DeployGuard guard : fleet.guards) {
                guard.watch();
            }
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    @Override
    public RevisionSightings sightings() {
        return sightings;
    }

    @Override
    public long downloads() {
        return guards.stream().mapToLong(DeployGuard::downloads).sum();
    }

    @Override
    public String productionEverywhere() {
        String first = null;
        for (DeployGuard guard : guards) {
            String serving = guard.current().map(s -> s.production().modelId()).orElse("(nothing)");
            if (first == null) {
                first = serving;
            } else if (!first.equals(serving)) {
                return "guards disagree: " + first + " vs " + serving;
            }
        }
        return first;
    }

    @Override
    public void close() {
        // Each close interrupts the guard's long-poll and waits for its thread; in parallel, so 100 take no longer
        // than one.
        List<Thread> closing = new ArrayList<>();
        for (DeployGuard guard : guards) {
            closing.add(Thread.ofVirtual().start(guard::close));
        }
        for (Thread t : closing) {
            try {
                t.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
