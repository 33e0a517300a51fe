package dev.modelregistry.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Duration;

/**
 * Tells watchers that something named by a key (a model's deployment) changed. An announcement is made inside the
 * transaction that made the change and is delivered only once it commits: in-process on SQLite, through PostgreSQL
 * LISTEN/NOTIFY to every instance otherwise. Which one a database gets is its {@link Dialect}'s choice.
 */
public interface ChangeFeed extends AutoCloseable {
    void announce(Handle handle, String key);

    /** Registers for the changes of {@code key} announced from now on. */
    Subscription subscribe(String key);

    @Override
    void close();

    /** A registration for changes of one key; close it when done. */
    interface Subscription extends AutoCloseable {
        /** Returns true when a change arrived (since the last call), false on timeout. */
        boolean awaitChange(Duration timeout) throws InterruptedException;

        /** False once the server is stopping: watchers should answer with what they have. */
        boolean open();

        @Override
        void close();
    }
}
