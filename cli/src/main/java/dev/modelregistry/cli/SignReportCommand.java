package dev.modelregistry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatements;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.evaluation.EvaluationVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code modelreg sign-report}: signs an evaluation report's in-toto statement as a DSSE envelope, offline, the way
 * an evaluator does before {@code modelreg evaluate} submits it; with {@code --template}, prints a statement for a
 * version to fill in first.
 */
@Command(name = "sign-report", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Sign the in-toto statement in STATEMENT.json (byte for byte) with an evaluator's Ed25519 "
                + "private key and print the DSSE envelope (payloadType " + EvaluationStatements.PAYLOAD_TYPE
                + ") on stdout.", "A statement the registry would refuse (wrong shape, unknown fields, a verdict other "
                + "than pass or fail, not exactly one subject) is not signed.",
                "Needs no registry; submit the envelope with 'modelreg evaluate'.",
                "With --template MODEL_ID it signs nothing: it prints a statement for that version, its subject "
                + "(model_id and lineage hash) from the registry, to edit (metrics, verdict) and then sign:",
                "  modelreg sign-report --template xsmom@2026.05.15-r3 --evaluator alpha-bench > stmt.json",
                "  (or give them: --verdict pass --metric rank_ic=0.031, and --objective if the version names none)",
                "  modelreg sign-report --key k1.pem --keyid k1 stmt.json > report.dsse.json"})
final class SignReportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", paramLabel = "PRIVATE.pem",
            description = "The evaluator's Ed25519 private key (PEM 'PRIVATE KEY', PKCS#8)")
    private Path key;

    @Option(names = "--keyid", paramLabel = "KEYID",
            description = "The keyid the matching public key is registered under")
    private String keyid;

    @Parameters(index = "0", arity = "0..1", paramLabel = "STATEMENT.json", description = "The statement to sign")
    private Path statement;

    @Mixin
    private TemplateOptions template;

    @Mixin
    private RegistryConnection connection;

    @Override
    public Integer call() {
        if (template.modelId != null) {
            requireOnly("--template", key == null && keyid == null && statement == null,
                    "--key, --keyid, STATEMENT.json");
            if (template.evaluator == null) {
                throw new ParameterException(spec.commandLine(), "--template needs --evaluator NAME: the evaluator "
                        + "whose key will sign the report, which the registry checks the statement names");
            }
            return printTemplate();
        }
        requireOnly("signing", !template.anyFieldGiven(), "--report-id, --objective, --evaluator, --verdict, --metric");
        List<String> missing = Stream.of(key == null ? "--key" : null, keyid == null ? "--keyid" : null,
                statement == null ? "STATEMENT.json" : null).filter(Objects::nonNull).toList();
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "missing " + String.join(", ", missing)
                    + " (or --template MODEL_ID for a statement to fill in)");
        }
        return sign();
    }

    private int sign() {
        PrivateKey privateKey;
        String pem = new InputFiles(spec.commandLine()).text("--key", key);
        try {
            privateKey = Ed25519Pem.privateKey(pem);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--key " + key + ": " + e.getMessage());
        }
        byte[] payload = statementBytes();
        refuseInvalid(statement + " would be refused by the registry, so it was not signed", payload);
        new Output(spec.commandLine().getOut(), true)
                .json(EvaluationStatements.sign(payload, keyid, privateKey).toJson());
        return 0;
    }

    private int printTemplate() {
        JsonNode version;
        String model = VersionArgument.modelOf(spec.commandLine(), template.modelId);
        try (RegistryClient registry = connection.connect()) {
            version = registry.version(model, template.modelId);
        }
        JsonNode filled = new StatementTemplate(spec.commandLine(), Clock.systemUTC()).statement(version,
                template.fields());
        try {
            refuseInvalid("this template would be refused by the registry", JSON.writeValueAsBytes(filled));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        new Output(spec.commandLine().getOut(), true).json(filled);
        return 0;
    }

    private void requireOnly(String mode, boolean none, String others) {
        if (!none) {
            throw new ParameterException(spec.commandLine(), others + " do not go with " + mode);
        }
    }

    /** The registry's own rules, so that a report it would refuse is never signed (and never looks valid). */
    private static void refuseInvalid(String refusal, byte[] payload) {
        try {
            EvaluationVerifier.checkBeforeSigning(payload);
        } catch (RegistryException e) {
            throw new RegistryException(e.code(), refusal + ": " + e.getMessage(), e.errors());
        }
    }

    /** The file's exact bytes, which is what gets signed; they must at least be a JSON object. */
    private byte[] statementBytes() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(statement);
        } catch (IOException e) {
            throw InputFiles.unreadable("STATEMENT.json", statement, e);
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ParameterException(spec.commandLine(), statement + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), statement + " is not valid JSON");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new ParameterException(spec.commandLine(), statement + " must hold a JSON object (an in-toto statement)");
        }
        return bytes;
    }

    /** The options of {@code --template}: the version, and the fields of its statement given on the command line. */
    static final class TemplateOptions {
        @Option(names = "--template", paramLabel = "MODEL_ID",
                description = "Print a statement for this version to fill in, instead of signing one")
        String modelId;

        @Option(names = "--evaluator", paramLabel = "NAME",
                description = "With --template: the evaluator whose key will sign it (required)")
        String evaluator;

        @Option(names = "--report-id", paramLabel = "ID",
                description = "With --template: the report id (default: the one the version names, else rep-<random>)")
        String reportId;

        @Option(names = "--objective", paramLabel = "NAME",
                description = "With --template: the objective (default: the one the version names)")
        String objective;

        @Option(names = "--verdict", paramLabel = "pass|fail",
                description = "With --template: the verdict (default: fail, until you edit it)")
        String verdict;

        @Option(names = "--metric", paramLabel = "NAME=VALUE",
                description = "With --template: a metric, a number or a string (repeatable; default: none)")
        Map<String, String> metrics = new LinkedHashMap<>();

        boolean anyFieldGiven() {
            return evaluator != null || reportId != null || objective != null || verdict != null
                    || !metrics.isEmpty();
        }

        StatementTemplate.Fields fields() {
            return new StatementTemplate.Fields(reportId, objective, evaluator, verdict, metrics);
        }
    }
}
