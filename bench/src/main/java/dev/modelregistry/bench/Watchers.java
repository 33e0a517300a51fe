package dev.modelregistry.bench;

/** A set of watchers of one model's deployment whose sightings of each revision are recorded. */
interface Watchers extends AutoCloseable {
    RevisionSightings sightings();

    /** Artifacts downloaded by all watchers together (0 for watchers that load none). */
    long downloads();

    /** The production version every watcher holds now, or a description of the disagreement. */
    String productionEverywhere();

    @Override
    void close();
}
