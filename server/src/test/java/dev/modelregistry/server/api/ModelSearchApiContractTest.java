package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /models found by name prefix, name part, owner team, labels some version carries and health, combined and
 * keyset-paged; every bad filter value a 400 naming it.
 */
abstract class ModelSearchApiContractTest extends ApiTestSupport {
    /** Every model of this suite starts with it, so that searches see only this suite's models. */
    private static String prefix;
    private static String team;
    private static String otherTeam;
    private static String member;

    @BeforeAll
    static void models() {
        prefix = unique("find");
        team = unique("search-team");
        otherTeam = unique("search-other");
        Member registrant = teamMember(team);
        member = registrant.token();
        registry.team(otherTeam, registrant.name());
        for (String name : List.of("xs-mom", "xs-rev", "xs.carry", "xs_vol", "xsfx", "xt-mom")) {
            register(prefix + name, member, labelled(team, Map.of()));
        }
        register(prefix + "eq-a", member, labelled(otherTeam, Map.of("asset", "equities", "region", "us")));
        register(prefix + "eq-b", member, labelled(otherTeam, Map.of("asset", "equities", "region", "eu")));
        register(prefix + "fx-a", member, labelled(otherTeam, Map.of("asset", "fx", "url", "https://x.example:8")));
        // The label is on an older version only: a model matches a label some version of it carries.
        register(prefix + "eq-old", member, labelled(otherTeam, Map.of("asset", "equities")));
        register(prefix + "eq-old", member, labelled(null, Map.of("asset", "rates")));
    }

    @Test
    void aNamePrefixFindsTheModelsStartingWithItWhateverFollows() {
        assertThat(names("name_prefix=" + prefix + "xs")).containsExactly(
                prefix + "xs-mom", prefix + "xs-rev", prefix + "xs.carry", prefix + "xs_vol", prefix + "xsfx");
        assertThat(names("name_prefix=" + prefix + "xs-")).containsExactly(prefix + "xs-mom", prefix + "xs-rev");
        assertThat(names("name_prefix=" + prefix + "xs_")).containsExactly(prefix + "xs_vol");
        assertThat(names("name_prefix=" + prefix + "xs-mom")).containsExactly(prefix + "xs-mom");
        assertThat(names("name_prefix=" + prefix + "zz")).isEmpty();
    }

    @Test
    void aNamePrefixIsCaseInsensitiveSinceNamesAreLowerCase() {
        assertThat(names("name_prefix=" + prefix.toUpperCase() + "XT")).containsExactly(prefix + "xt-mom");
    }

    @Test
    void qFindsAPartAnywhereInTheNameLiterally() {
        assertThat(names("q=" + prefix.substring(1))).hasSize(10);
        assertThat(names("name_prefix=" + prefix + "&q=-MOM")).containsExactly(prefix + "xs-mom", prefix + "xt-mom");
        // '_' and '.' are themselves, not LIKE's wildcards.
        assertThat(names("name_prefix=" + prefix + "&q=_")).containsExactly(prefix + "xs_vol");
        assertThat(names("name_prefix=" + prefix + "&q=s.c")).containsExactly(prefix + "xs.carry");
    }

    @Test
    void ownerFindsTheTeamsModels() {
        assertThat(names("name_prefix=" + prefix + "&owner=" + otherTeam)).containsExactly(
                prefix + "eq-a", prefix + "eq-b", prefix + "eq-old", prefix + "fx-a");
        assertThat(names("name_prefix=" + prefix + "&owner=no-such-team")).isEmpty();
    }

    @Test
    void aLabelIsAKeyAndValueSplitAtTheFirstColon() {
        assertThat(names("name_prefix=" + prefix + "&label=asset:equities"))
                .containsExactly(prefix + "eq-a", prefix + "eq-b", prefix + "eq-old");
        assertThat(names("name_prefix=" + prefix + "&label=url:" + encode("https://x.example:8")))
                .containsExactly(prefix + "fx-a");
        assertThat(names("name_prefix=" + prefix + "&label=asset:equit")).as("a value matches whole").isEmpty();
    }

    @Test
    void aLabelKeyAloneMatchesAnyValue() {
        assertThat(names("name_prefix=" + prefix + "&label=region")).containsExactly(prefix + "eq-a", prefix + "eq-b");
    }

    @Test
    void severalLabelsMustAllHold() {
        assertThat(names("name_prefix=" + prefix + "&label=asset:equities&label=region:us"))
                .containsExactly(prefix + "eq-a");
        assertThat(names("name_prefix=" + prefix + "&label=asset:fx&label=region")).isEmpty();
    }

    @Test
    void aLabelOnAnOlderVersionCounts() {
        assertThat(names("name_prefix=" + prefix + "eq-old&label=asset:equities")).containsExactly(prefix + "eq-old");
        assertThat(names("name_prefix=" + prefix + "eq-old&label=asset:rates")).containsExactly(prefix + "eq-old");
    }

    @Test
    void healthCombinesWithTheOtherFiltersAndItemsThenCarryIt() {
        List<JsonNode> ok = allPages("/models?name_prefix=" + prefix + "&owner=" + team + "&health=ok", member, 500);

        assertThat(ok).hasSize(6).allSatisfy(m -> assertThat(m.get("health").get("state").asText()).isEqualTo("ok"));
        assertThat(names("name_prefix=" + prefix + "&health=orphan")).isEmpty();
        assertThat(items(assertStatus(200, get("/models?name_prefix=" + prefix, member))))
                .allSatisfy(m -> assertThat(m.has("health")).isFalse());
    }

    @Test
    void aFilteredListPagesThroughEveryMatchOnce() {
        List<String> byOne = allPages("/models?name_prefix=" + prefix + "&label=asset", member, 1).stream()
                .map(m -> m.get("name").asText()).toList();

        assertThat(byOne).containsExactly(prefix + "eq-a", prefix + "eq-b", prefix + "eq-old", prefix + "fx-a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"name_prefix=a%20b", "q=caf%C3%A9", "q=a*",
            "owner=Team%20One", "label=%3Aequities", "label=a%20b:c",
            "health=sick", "health=OK"})
    void aBadFilterValueIsRefusedNamingIt(String query) {
        assertInvalidFields(get("/models?" + query, member), query.substring(0, query.indexOf('=')));
    }

    @Test
    void everyBadFilterIsNamedAtOnce() {
        assertInvalidFields(get("/models?name_prefix=%25&owner=A&label=%3A&health=sick", member),
                "name_prefix", "owner", "label", "health");
    }

    @Test
    void aNamePartOrLabelValueLongerThanAnyCanBeIsRefused() {
        assertInvalidFields(get("/models?name_prefix=" + "a".repeat(64), member), "name_prefix");
        assertInvalidFields(get("/models?q=" + "a".repeat(64), member), "q");
        assertInvalidFields(get("/models?label=k:" + "v".repeat(257), member), "label");
    }

    private static List<String> names(String query) {
        return allPages("/models?" + query, member, 500).stream().map(m -> m.get("name").asText()).toList();
    }

    private static ObjectNode labelled(String owner, Map<String, String> labels) {
        ObjectNode body = registration(owner);
        ObjectNode object = body.putObject("labels");
        labels.forEach(object::put);
        return body;
    }
}
