package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.AuditCheck;
import dev.modelregistry.client.Page;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.core.audit.AuditSignatures;
import dev.modelregistry.core.dsse.Ed25519Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code modelreg audit}: read the tamper-evident audit log, save a signed checkpoint of it, and verify it, either
 * incrementally against a saved checkpoint (any principal) or in full (admins).
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit log")
final class AuditCommand {
    /** Exit code of {@code audit verify} when the chain does not verify: the answer, not a failure to get one. */
    static final int DOES_NOT_VERIFY = 1;

    @Command(name = "checkpoint", description = "Print the latest signed checkpoint (keep it: audit verify --since FILE)")
    int checkpoint(@Mixin ClientOptions options) {
        try (RegistryClient registry = options.connect()) {
            options.output().verbatim(registry.auditCheckpoint());
        }
        return 0;
    }

    @Command(name = "verify", description = {
            "Verify the audit log; exit code 1 when it was tampered with.",
            "With --since FILE (a saved 'audit checkpoint'): prove the log is an append-only extension of it and check",
            "every entry added since (hashes, signatures, Merkle leaves); any principal may. Without: re-verify every",
            "chain, signature and the tree in full, which only an admin may."})
    int verify(@Mixin ClientOptions options,
               @Option(names = "--since", paramLabel = "FILE", description = "A checkpoint saved by 'modelreg audit checkpoint'")
               Path since,
               @Option(names = "--trusted-keys", paramLabel = "FILE", description = {
                       "Log keys to trust besides the saved checkpoint's signer (a list saved by 'modelreg audit keys",
                       "--json' when the instances were set up); entries signed by any other key do not verify"})
               Path trustedKeys) {
        if (since != null) {
            InputFiles files = new InputFiles(options.verb());
            List<PublicKey> pinned = trustedKeys == null ? List.of() : pinnedKeys(options, files.jsonObject(
                    "--trusted-keys", "@" + trustedKeys));
            return verifySince(options, files.text("--since", since), pinned);
        }
        if (trustedKeys != null) {
            throw new ParameterException(options.verb(), "--trusted-keys goes with --since");
        }
        return verifyFull(options);
    }

    private static int verifyFull(ClientOptions options) {
        JsonNode verification;
        try (RegistryClient registry = options.connect()) {
            verification = registry.access().verifyAudit();
        }
        boolean ok = verification.path("ok").asBoolean(false);
        Output output = options.output();
        if (output.json()) {
            output.json(verification);
            return ok ? 0 : DOES_NOT_VERIFY;
        }
        String counts = verification.path("entries").asText("?") + " entries in "
                + verification.path("chains").asText("?") + " chains";
        if (ok) {
            output.line("audit log verified: " + counts);
            return 0;
        }
        List<JsonNode> problems = new ArrayList<>();
        verification.path("problems").forEach(problems::add);
        output.line("audit log does NOT verify: " + counts + ", " + problems.size() + " problem(s)");
        output.table(problems, List.of(Column.field("CHAIN", "chain"), Column.field("CHAIN_SEQ", "chain_seq"),
                Column.field("SEQ", "seq"), Column.field("REASON", "reason")));
        return DOES_NOT_VERIFY;
    }

    /** The keys of a saved {@code audit keys --json} list; each id must be its key's, or the file is refused. */
    private static List<PublicKey> pinnedKeys(ClientOptions options, ObjectNode saved) {
        List<PublicKey> keys = new ArrayList<>();
        for (JsonNode item : saved.path("items")) {
            PublicKey key;
            try {
                key = AuditSignatures.publicKey(item.path("public_key").asText());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(options.verb(), "--trusted-keys: " + item.path("public_key") + " is not an"
                        + " Ed25519 public key");
            }
            if (!Ed25519Pem.keyId(key).equals(item.path("key_id").asText())) {
                throw new ParameterException(options.verb(), "--trusted-keys: key " + item.path("key_id")
                        + " does not match its public key");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new ParameterException(options.verb(), "--trusted-keys: no keys in the file (expected the JSON of "
                    + "'modelreg audit keys --json')");
        }
        return keys;
    }

    private static int verifySince(ClientOptions options, String saved, List<PublicKey> pinned) {
        AuditCheck check;
        try (RegistryClient registry = options.connect()) {
            check = registry.verifyAuditSince(saved, pinned);
        }
        Output output = options.output();
        if (output.json()) {
            ObjectNode document = new ObjectMapper().createObjectNode().put("ok", check.ok())
                    .put("from", check.fromSize()).put("to", check.toSize()).put("entries_checked", check.entriesChecked());
            check.problems().forEach(document.putArray("problems")::add);
            output.json(document.put("checkpoint", check.checkpoint()));
            return check.ok() ? 0 : DOES_NOT_VERIFY;
        }
        String span = "tree " + check.fromSize() + " -> " + check.toSize() + " leaves, " + check.entriesChecked()
                + " new entries checked";
        if (check.ok()) {
            output.line("audit log is an append-only extension of the saved checkpoint: " + span);
            return 0;
        }
        output.line("audit log does NOT verify against the saved checkpoint: " + span);
        check.problems().forEach(p -> output.line("  " + p));
        return DOES_NOT_VERIFY;
    }

    @Command(name = "keys", description = "List the log keys the registry publishes (save --json to pin them later)")
    int keys(@Mixin ClientOptions options) {
        JsonNode keys;
        try (RegistryClient registry = options.connect()) {
            keys = registry.auditKeys();
        }
        Output output = options.output();
        if (output.json()) {
            output.json(keys);
            return 0;
        }
        List<JsonNode> items = new ArrayList<>();
        keys.path("items").forEach(items::add);
        output.table(items, List.of(Column.field("KEY_ID", "key_id"), Column.time("ADDED", "added_at"),
                Column.field("PUBLIC_KEY", "public_key")));
        return 0;
    }

    @Command(name = "list", description = "List audit entries in sequence order, one page at a time")
    int list(@Mixin ClientOptions options,
             @Option(names = "--subject", paramLabel = "S", description = "e.g. model:xsmom, team:quant") String subject,
             @Option(names = "--after", paramLabel = "N", description = "Only entries after sequence N") Long after,
             @Option(names = "--limit", paramLabel = "N", description = "At most N entries (server default 100)") Integer limit) {
        Page page;
        try (RegistryClient registry = options.connect()) {
            page = registry.audit(subject, after == null ? null : after.toString(), limit);
        }
        Output output = options.output();
        if (output.json()) {
            ObjectNode document = new ObjectMapper().createObjectNode();
            document.putArray("items").addAll(page.items());
            document.put("next", page.next());
            output.json(document);
            return 0;
        }
        output.table(page.items(), List.of(Column.field("SEQ", "seq"), Column.time("TIME", "occurred_at"),
                Column.field("ACTOR", "actor"), Column.field("ACTION", "action"), Column.field("SUBJECT", "subject")));
        if (page.hasNext()) {
            PrintWriter err = options.verb().getErr();
            err.println("more entries: repeat with --after " + page.next());
            err.flush();
        }
        return 0;
    }
}
