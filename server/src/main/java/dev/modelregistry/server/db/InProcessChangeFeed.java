package dev.modelregistry.server.db;

import org.jdbi.v3.core.Handle;

/** Announcements for a single instance (SQLite): delivered to this process's watchers after commit. */
final class InProcessChangeFeed implements ChangeFeed {
    private final ChangeBus bus = new ChangeBus();

    @Override
    public void announce(Handle handle, String key) {
        handle.afterCommit(() -> bus.fire(key));
    }

    @Override
    public Subscription subscribe(String key) {
        return bus.subscribe(key);
    }

    @Override
    public void close() {
        bus.shutDown();
    }
}
