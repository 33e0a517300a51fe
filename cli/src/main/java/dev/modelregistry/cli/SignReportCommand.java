package dev.modelregistry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatements;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.evaluation.EvaluationVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;

/**
 * {@code modelreg sign-report}: signs an evaluation report's in-toto statement as a DSSE envelope, offline, the way
 * an evaluator does before {@code modelreg evaluate} submits it.
 */
@Command(name = "sign-report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sign the in-toto statement in STATEMENT.json (byte for byte) with an evaluator's Ed25519 "
                + "private key and print the DSSE envelope (payloadType " + EvaluationStatements.PAYLOAD_TYPE
                + ") on stdout.", "A statement the registry would refuse (wrong shape, unknown fields, a verdict other "
                + "than pass or fail, not exactly one subject) is not signed.",
                "Needs no registry; submit the envelope with 'modelreg evaluate'."})
final class SignReportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "PRIVATE.pem",
            description = "The evaluator's Ed25519 private key (PEM 'PRIVATE KEY', PKCS#8)")
    private Path key;

    @Option(names = "--keyid", required = true, paramLabel = "KEYID",
            description = "The keyid the matching public key is registered under")
    private String keyid;

    @Parameters(index = "0", paramLabel = "STATEMENT.json", description = "The statement to sign")
    private Path statement;

    @Override
    public Integer call() {
        PrivateKey privateKey;
        try {
            privateKey = Ed25519Pem.privateKey(new InputFiles(spec.commandLine()).text("--key", key));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--key " + key + ": " + e.getMessage());
        }
        byte[] payload = statementBytes();
        refuseInvalid(payload);
        new Output(spec.commandLine().getOut(), true)
                .json(EvaluationStatements.sign(payload, keyid, privateKey).toJson());
        return 0;
    }

    /** The registry's own rules, so that a report it would refuse is never signed (and never looks valid). */
    private void refuseInvalid(byte[] payload) {
        try {
            EvaluationVerifier.checkBeforeSigning(payload);
        } catch (RegistryException e) {
            throw new RegistryException(e.code(), statement + " would be refused by the registry, so it was not signed: "
                    + e.getMessage(), e.errors());
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
}
