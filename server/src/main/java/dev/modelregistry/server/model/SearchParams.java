package dev.modelregistry.server.model;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Hex;
import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.QueryParams;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The filters of {@code GET /models} and of the version lists, parsed from the query into a {@link ModelSearch} or
 * {@link VersionSearch}; every bad value is reported at once, each a 400 error naming its parameter. The route table
 * declares the same names (anything else is refused before the handler).
 */
public final class SearchParams {
    /** The filters of {@code GET /models}, besides {@code after} and {@code limit}. */
    public static final List<String> MODEL_FILTERS = List.of("name_prefix", "q", "owner", "label", "health");
    /** The filters of a model's versions, besides {@code after} and {@code limit}; {@code GET /versions} adds model. */
    public static final List<String> VERSION_FILTERS = List.of("status", "label", "code_commit", "feature_graph_hash",
            "lineage_hash", "registered_by", "registered_after", "registered_before", "verdict");

    /** What a part of a model name may be: names are lower-case slugs, so anything else could match nothing. */
    private static final Pattern NAME_PART = Pattern.compile("^[a-z0-9._-]{1,63}$");

    private SearchParams() {
    }

    /** The search of {@code GET /models}. Name parts match case-insensitively: names are lower case. */
    static ModelSearch models(Context ctx) {
        QueryParams query = QueryParams.of(ctx);
        ModelSearch search = new ModelSearch(query.single("name_prefix", text -> namePart("name_prefix", text)),
                query.single("q", text -> namePart("q", text)),
                query.single("owner", text -> Slug.require("owner", text)),
                query.single("health", SearchParams::health),
                query.repeated("label", text -> LabelFilter.parse("label", text)));
        query.throwIfInvalid();
        return search;
    }

    /** The search of a version list; {@code GET /versions} also reads {@code model} (a model's route has it). */
    static VersionSearch versions(Context ctx, boolean readsModel) {
        QueryParams query = QueryParams.of(ctx);
        Optional<Instant> after = query.time("registered_after");
        Optional<Instant> before = query.time("registered_before");
        if (after.isPresent() && before.isPresent() && !before.get().isAfter(after.get())) {
            query.error("registered_before", "must be later than registered_after (the range is [after, before))");
        }
        Optional<ModelName> model = readsModel
                ? query.single("model", text -> new ModelName(Slug.require("model", text))) : Optional.empty();
        VersionSearch search = new VersionSearch(model,
                query.single("status", SearchParams::status),
                query.repeated("label", text -> LabelFilter.parse("label", text)),
                query.single("code_commit", text -> Hex.require("code_commit", text, 7, 64)),
                query.single("feature_graph_hash", text -> Hex.require("feature_graph_hash", text, 7, 128)),
                query.single("lineage_hash", LineageHash::new),
                query.single("registered_by", text -> Slug.require("registered_by", text)),
                after, before, query.single("verdict", SearchParams::verdict));
        query.throwIfInvalid();
        return search;
    }

    private static String namePart(String field, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!NAME_PART.matcher(lower).matches()) {
            throw RegistryException.invalid(field, "model names are 1–63 of a-z, 0-9, '.', '_' and '-'");
        }
        return lower;
    }

    private static Health health(String text) {
        return Arrays.stream(Health.values()).filter(h -> h.wire().equals(text)).findFirst()
                .orElseThrow(() -> RegistryException.invalid("health", "must be ok, warning, expired or orphan"));
    }

    private static VersionStatus status(String text) {
        return Arrays.stream(VersionStatus.values()).filter(s -> s.wire().equals(text)).findFirst()
                .orElseThrow(() -> RegistryException.invalid("status", "must be one of " + String.join(", ",
                        Arrays.stream(VersionStatus.values()).map(VersionStatus::wire).toList())));
    }

    private static VersionSearch.Verdict verdict(String text) {
        return switch (text) {
            case "pass" -> VersionSearch.Verdict.PASS;
            case "fail" -> VersionSearch.Verdict.FAIL;
            case "none" -> VersionSearch.Verdict.NONE;
            default -> throw RegistryException.invalid("verdict", "must be pass, fail or none (no evaluation report)");
        };
    }
}
