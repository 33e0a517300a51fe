package dev.modelregistry.server.model;

import dev.modelregistry.server.db.Where;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/**
 * Reads (never writes) the versions a {@link VersionSearch} finds, in registration order (row id), one statement with
 * only the conditions the search uses. Each filter has an index of its own (migration V17): labels through
 * {@code version_labels}, the commit as an index range, the hashes, the registrant with the time, the status. A
 * version's verdict reads the evaluation reports bound to its lineage hash, as the console summarises them.
 */
public final class VersionSearchStore {
    /** The reports bound to version {@code v} and its lineage hash, as {@code EvaluationService} counts them. */
    private static final String REPORTS = """
            SELECT 1 FROM evaluation_reports r WHERE r.version_id = v.id AND r.lineage_hash = v.lineage_hash""";

    /** Version {@code v} carries the label key {@code :labelKeyN} (with the value {@code :labelValueN}). */
    private static final String LABEL = """
            EXISTS (SELECT 1 FROM version_labels l WHERE l.version_id = v.id AND l.key = :labelKey%1$d%2$s)""";

    /** The versions matching {@code search}, without their parents, after the version {@code afterModelId}. */
    public List<Version> search(Handle handle, VersionSearch search, Optional<String> afterModelId, int limit) {
        Where where = new Where();
        afterModelId.ifPresent(after -> where.and(
                "v.id > (SELECT a.id FROM model_versions a WHERE a.version_id = :after)", "after", after));
        search.model().ifPresent(model -> where.and(
                "v.model_id = (SELECT n.id FROM models n WHERE n.name = :model)", "model", model.value()));
        search.status().ifPresent(status -> where.and("v.status = :status", "status", status.wire()));
        for (int i = 0; i < search.labels().size(); i++) {
            label(where, i, search.labels().get(i));
        }
        search.codeCommit().ifPresent(commit -> codeCommit(where, commit));
        search.featureGraphHash().ifPresent(hash -> where.and("v.feature_graph_hash = :featureGraph", "featureGraph",
                hash));
        search.lineageHash().ifPresent(hash -> where.and("v.lineage_hash = :lineageHash", "lineageHash",
                hash.value()));
        search.registeredBy().ifPresent(name -> where.and(
                "v.registered_by = (SELECT b.id FROM principals b WHERE b.name = :registeredBy)", "registeredBy",
                name));
        search.registeredAfter().ifPresent(at -> where.and("v.registered_at >= :registeredAfter", "registeredAfter",
                at));
        search.registeredBefore().ifPresent(at -> where.and("v.registered_at < :registeredBefore", "registeredBefore",
                at));
        search.verdict().ifPresent(verdict -> where.and(switch (verdict) {
            case PASS -> "EXISTS (" + REPORTS + " AND r.verdict = 'pass')";
            case FAIL -> "EXISTS (" + REPORTS + ") AND NOT EXISTS (" + REPORTS + " AND r.verdict = 'pass')";
            case NONE -> "NOT EXISTS (" + REPORTS + ")";
        }));
        return where.bindTo(handle.createQuery(VersionStore.SELECT + "WHERE " + where.sql() + "\nORDER BY v.id LIMIT :limit"))
                .bind("limit", limit)
                .map(VersionRows.VERSION)
                .list();
    }

    private static void label(Where where, int n, LabelFilter label) {
        where.and(LABEL.formatted(n, label.value().isPresent() ? " AND l.value = :labelValue" + n : ""),
                "labelKey" + n, label.key());
        label.value().ifPresent(value -> where.bind("labelValue" + n, value));
    }

    /**
     * Commits that start with {@code prefix}, as the index range [prefix, the next hex string of its length): for
     * strings of hex digits that range is the same in every collation, so it needs no pattern index.
     */
    private static void codeCommit(Where where, String prefix) {
        where.and("v.code_commit >= :commitFrom", "commitFrom", prefix);
        nextHex(prefix).ifPresent(end -> where.and("v.code_commit < :commitTo", "commitTo", end));
    }

    /** The least hex string above every one that starts with {@code hex} ("a13f" → "a14"); none for "ffff". */
    private static Optional<String> nextHex(String hex) {
        char[] digits = hex.toCharArray();
        for (int i = digits.length - 1; i >= 0; i--) {
            if (digits[i] != 'f') {
                digits[i] = digits[i] == '9' ? 'a' : (char) (digits[i] + 1);
                return Optional.of(new String(digits, 0, i + 1));
            }
        }
        return Optional.empty();
    }
}
