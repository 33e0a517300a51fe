package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.Page;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code modelreg audit}: read the tamper-evident audit log and verify its hash chains. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit log")
final class AuditCommand {
    /** Exit code of {@code audit verify} when the chain does not verify: the answer, not a failure to get one. */
    static final int DOES_NOT_VERIFY = 1;

    @Command(name = "verify", description = "Verify every hash chain; exit code 1 when the log was tampered with")
    int verify(@Mixin ClientOptions options) {
        JsonNode verification;
        try (RegistryClient registry = options.connect()) {
            verification = registry.verifyAudit();
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
