package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.AuditCheck;
import dev.modelregistry.client.Page;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
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
               Path since) {
        if (since != null) {
            return verifySince(options, new InputFiles(options.verb()).text("--since", since));
        }
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

    private static int verifySince(ClientOptions options, String saved) {
        AuditCheck check;
        try (RegistryClient registry = options.connect()) {
            check = registry.verifyAuditSince(saved);
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
