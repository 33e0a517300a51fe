package dev.modelregistry.server.db;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** In-process fan-out of "key X changed" to the watchers of X on this instance. */
final class ChangeBus {
    private final Map<String, Set<Semaphore>> watchers = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    ChangeFeed.Subscription subscribe(String key) {
        Semaphore signal = new Semaphore(0);
        watchers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(signal);
        return new ChangeFeed.Subscription() {
            @Override
            public boolean awaitChange(Duration timeout) throws InterruptedException {
                boolean changed = signal.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
                signal.drainPermits();
                return changed;
            }

            @Override
            public boolean open() {
                return open;
            }

            @Override
            public void close() {
                watchers.computeIfPresent(key, (k, set) -> {
                    set.remove(signal);
                    return set.isEmpty() ? null : set;
                });
            }
        };
    }

    /** Wakes every watcher for good: the server is stopping, and they should answer now while they still can. */
    void shutDown() {
        open = false;
        watchers.values().forEach(set -> set.forEach(signal -> signal.release(Integer.MAX_VALUE / 2)));
    }

    void fire(String key) {
        Set<Semaphore> set = watchers.get(key);
        if (set != null) {
            set.forEach(Semaphore::release);
        }
    }
}
