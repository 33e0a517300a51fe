package dev.modelregistry.cli;

import dev.modelregistry.client.VersionQuery;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The search flags of {@code modelreg versions}: each one narrows the list, and all given must hold. */
public class VersionFilters {
    @Option(names = "--status", paramLabel = "STATUS",
            description = "candidate, canary, production, retired, rolled_back or rejected")
    private String status;

    @Option(names = "--label", paramLabel = "KEY[:VALUE]",
            description = "Versions carrying this label, KEY:VALUE or KEY=VALUE (repeat it: all must hold)")
    private List<String> labels = new ArrayList<>();

    @Option(names = "--code-commit", paramLabel = "SHA", description = "Trained on this commit (a prefix is enough)")
    private String codeCommit;

    @Option(names = "--feature-graph-hash", paramLabel = "HASH", description = "With this feature-graph hash")
    private String featureGraphHash;

    @Option(names = "--lineage-hash", paramLabel = "HASH", description = "With this lineage hash")
    private String lineageHash;

    @Option(names = "--registered-by", paramLabel = "PRINCIPAL", description = "Registered by PRINCIPAL")
    private String registeredBy;

    @Option(names = "--registered-after", paramLabel = "TIME",
            description = "Registered at or after TIME (RFC 3339, or a date: its midnight UTC)")
    private String registeredAfter;

    @Option(names = "--registered-before", paramLabel = "TIME", description = "Registered before TIME (exclusive)")
    private String registeredBefore;

    @Option(names = "--verdict", paramLabel = "VERDICT", description = "pass, fail or none (no evaluation report)")
    private String verdict;

    /** The query of these flags; an unreadable time is a usage error of {@code verb}. */
    VersionQuery query(CommandLine verb) {
        VersionQuery query = VersionQuery.all().status(status).codeCommit(codeCommit)
                .featureGraphHash(featureGraphHash).lineageHash(lineageHash).registeredBy(registeredBy)
                .registeredBetween(time(verb, "--registered-after", registeredAfter),
                        time(verb, "--registered-before", registeredBefore))
                .verdict(verdict);
        for (String label : labels) {
            query = query.label(ModelFilters.apiLabel(label));
        }
        return query;
    }

    private static Instant time(CommandLine verb, String flag, String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(verb, flag + " must be an RFC 3339 time (2026-05-15T09:30:00Z)"
                    + " or a date (2026-05-15), not " + text);
        }
    }
}
