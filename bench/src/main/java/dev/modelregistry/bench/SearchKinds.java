package dev.modelregistry.bench;

import dev.modelregistry.bench.SearchSamples.Sample;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the search benchmark asks, kind by kind: each filter of {@code GET /models}, of a model's versions and of
 * {@code GET /versions}, for the request's random fleet version (see {@link SearchFleet} for how many each matches).
 */
final class SearchKinds {
    /** A kind of request: its name (with how many of the fleet it matches) and its path for a sample. */
    record Kind(String name, Function<Sample, String> path) {
    }

    private static final String[] ASSETS = {"equities", "fx", "rates", "commodities"};
    private static final String[] REGIONS = {"us", "eu", "apac"};
    private static final String[] UNHEALTHY = {"warning", "expired", "orphan"};

    private SearchKinds() {
    }

    static List<Kind> all() {
        List<Kind> kinds = new ArrayList<>(models());
        kinds.addAll(aModelsVersions());
        kinds.addAll(everyModelsVersions());
        return kinds;
    }

    private static List<Kind> models() {
        return List.of(
                new Kind("models name_prefix (100 models)", s -> "/models?name_prefix=" + s.model().substring(0, 10)),
                new Kind("models q, a part of one name (1 model)", s -> "/models?q=" + s.model().substring(6)),
                new Kind("models owner (1,000 models)", s -> "/models?owner=" + desk(s)),
                new Kind("models label asset:X (25,000 models)", s -> "/models?label=asset:" + ASSETS[s.n() % 4]),
                new Kind("models label experiment:X (1 model)",
                        s -> "/models?label=experiment:exp-" + Math.max(1000, s.n() / 1000 * 1000)),
                new Kind("models health warning|expired|orphan (3-7 %)",
                        s -> "/models?health=" + UNHEALTHY[s.n() % 3]),
                new Kind("models name_prefix + owner + label + health=ok (0-1)",
                        s -> "/models?name_prefix=" + s.model().substring(0, 10) + "&owner=" + desk(s)
                                + "&label=asset:" + ASSETS[s.n() % 4] + "&health=ok"));
    }

    private static List<Kind> aModelsVersions() {
        return List.of(
                new Kind("a model's versions status=candidate", s -> versions(s) + "?status=candidate"),
                new Kind("a model's versions label region:X", s -> versions(s) + "?label=region:" + REGIONS[s.n() % 3]),
                new Kind("a model's versions verdict=pass", s -> versions(s) + "?verdict=pass"),
                new Kind("a model's versions code_commit", s -> versions(s) + "?code_commit=" + s.codeCommit()));
    }

    private static List<Kind> everyModelsVersions() {
        return List.of(
                new Kind("versions code_commit (100 versions)", s -> "/versions?code_commit=" + s.codeCommit()),
                new Kind("versions code_commit, 7 characters (100)",
                        s -> "/versions?code_commit=" + s.codeCommit().substring(0, 7)),
                new Kind("versions feature_graph_hash (100)",
                        s -> "/versions?feature_graph_hash=" + s.featureGraphHash()),
                new Kind("versions lineage_hash (1)", s -> "/versions?lineage_hash=" + s.lineageHash()),
                new Kind("versions registered_by (20,000)", s -> "/versions?registered_by=" + s.registeredBy()),
                new Kind("versions registered_by + one day (~58)", s -> "/versions?registered_by=" + s.registeredBy()
                        + window(s.registeredAt(), Duration.ofDays(1))),
                new Kind("versions registered in one hour (120)",
                        s -> "/versions?" + window(s.registeredAt(), Duration.ofHours(1)).substring(1)),
                new Kind("versions status=rejected (2,000)", s -> "/versions?status=rejected"),
                new Kind("versions status=canary (1,000)", s -> "/versions?status=canary"),
                new Kind("versions label experiment:X (10)",
                        s -> "/versions?label=experiment:exp-" + Math.max(1000, s.n() / 1000 * 1000)),
                new Kind("versions labels asset:X + region:Y (~83,000)", s -> "/versions?label=asset:"
                        + ASSETS[s.n() % 4] + "&label=region:" + REGIONS[s.n() % 3]),
                new Kind("versions verdict=fail (10,000)", s -> "/versions?verdict=fail"),
                new Kind("versions verdict=pass (90,000)", s -> "/versions?verdict=pass"),
                new Kind("versions verdict=none (900,000)", s -> "/versions?verdict=none"),
                new Kind("versions model + status=candidate",
                        s -> "/versions?model=" + s.model() + "&status=candidate"));
    }

    /** The primary-key read every kind is measured next to: the sample version itself. */
    static String primaryKeyRead(Sample s) {
        return versions(s) + "/" + s.modelId();
    }

    private static String versions(Sample s) {
        return "/models/" + s.model() + "/versions";
    }

    private static String desk(Sample s) {
        return String.format("desk-%03d", (s.n() - 1) % SearchFleet.TEAMS + 1);
    }

    /** {@code &registered_after=..&registered_before=..}: the window of {@code length} that starts at the hour. */
    private static String window(Instant at, Duration length) {
        Instant from = at.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return "&registered_after=" + encode(from.toString())
                + "&registered_before=" + encode(from.plus(length).toString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
