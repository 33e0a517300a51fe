package dev.modelregistry.server.model;

import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelName;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which versions a person is looking for; each part may be absent, and the ones given must all hold. {@code codeCommit}
 * matches as a prefix (an abbreviated commit finds the full one, as in git); the hashes match whole. The registration
 * time range is half-open: {@code registeredAfter} inclusive, {@code registeredBefore} exclusive.
 */
public record VersionSearch(Optional<ModelName> model, Optional<VersionStatus> status, List<LabelFilter> labels,
                            Optional<String> codeCommit, Optional<String> featureGraphHash,
                            Optional<LineageHash> lineageHash, Optional<String> registeredBy,
                            Optional<Instant> registeredAfter, Optional<Instant> registeredBefore,
                            Optional<Verdict> verdict) {
    /**
     * What a version's evaluations concluded, as the console shows it: {@code PASS} when a report bound to its
     * lineage hash passed, {@code FAIL} when such reports exist and none passed, {@code NONE} when there is none.
     */
    public enum Verdict { PASS, FAIL, NONE }

    public VersionSearch {
        labels = List.copyOf(labels);
    }

    /** The same search limited to one model's versions. */
    public VersionSearch of(ModelName name) {
        return new VersionSearch(Optional.of(name), status, labels, codeCommit, featureGraphHash, lineageHash,
                registeredBy, registeredAfter, registeredBefore, verdict);
    }

    public static VersionSearch everything() {
        return new VersionSearch(Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
