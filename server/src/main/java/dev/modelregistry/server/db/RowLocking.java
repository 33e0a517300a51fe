package dev.modelregistry.server.db;

/**
 * How a store that claims work (rows several instances may want at once) ends its SELECT: {@code FOR UPDATE OF
 * <alias> SKIP LOCKED} on PostgreSQL, so that each instance gets rows no other holds; nothing on SQLite, where one
 * instance serves the file and BEGIN IMMEDIATE already lets one transaction at a time claim anything.
 */
@FunctionalInterface
public interface RowLocking {
    /** The clause to append to a claiming SELECT whose rows of table {@code alias} are to be locked. */
    String skipLocked(String alias);
}
