package dev.modelregistry.server.deployment;

import org.jdbi.v3.core.Handle;

/** Announcements for a single instance (SQLite): delivered to this process's watchers after commit. */
public final class InProcessChanges implements DeploymentChanges {
    private final ChangeBus bus = new ChangeBus();

    @Override
    public void announce(Handle handle, String model) {
        handle.afterCommit(() -> bus.fire(model));
    }

    @Override
    public Subscription subscribe(String model) {
        return bus.subscribe(model);
    }

    @Override
    public void close() {
        bus.shutDown();
    }
}
