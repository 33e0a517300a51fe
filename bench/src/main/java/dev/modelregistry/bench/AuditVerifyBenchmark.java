package dev.modelregistry.bench;

import dev.modelregistry.server.RegistryContext;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.audit.AuditStore;
import dev.modelregistry.server.audit.AuditVerification;
import dev.modelregistry.server.config.ServerConfig;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static dev.modelregistry.bench.BenchMain.deleteTree;
import static dev.modelregistry.bench.BenchMain.print;
import static dev.modelregistry.bench.BenchMain.seconds;

/**
 * A full audit verify (every chain, every Ed25519 signature, the Merkle tree against its signed checkpoint) of a
 * log of {@code --entries} signed entries on SQLite, next to the raw baseline: {@code sha256sum} of the exact bytes
 * the verifier hashes as leaves (written to a file first), in the same run on the same machine.
 */
public final class AuditVerifyBenchmark {
    private static final String USAGE = """
            usage: AuditVerifyBenchmark [--entries N (1000000)] [--chains N (100)]
            """;
    private static final int PER_TRANSACTION = 10_000;

    private record Options(long entries, int chains) {
        static Options parse(String[] args) {
            BenchMain.Arguments a = BenchMain.split(args, Set.of());
            return new Options(Long.parseLong(a.values().getOrDefault("entries", "1000000")),
                    Integer.parseInt(a.values().getOrDefault("chains", "100")));
        }
    }

    private AuditVerifyBenchmark() {
    }

    public static void main(String[] args) {
        BenchMain.main("audit verify", args, Options::parse, USAGE, o -> false, AuditVerifyBenchmark::run);
    }

    private static void run(Options options) throws Exception {
        Path dir = Files.createTempDirectory("modelreg-audit-bench");
        try (RegistryContext context = RegistryContext.open(ServerConfig.embeddedDefaults(dir))) {
            long start = System.nanoTime();
            fill(context, options);
            double fill = seconds(start);
            print("fill: %,d signed entries in %d chains, %.1f s (%,.0f entries/s, signing and inserting)",
                    options.entries(), options.chains(), fill, options.entries() / fill);
            start = System.nanoTime();
            int integrated = context.services().auditIntegrator().integrateOnce();
            double tree = seconds(start);
            print("integrate: %,d leaves and a signed checkpoint, %.1f s (%,.0f leaves/s)", integrated, tree, integrated / tree);
            start = System.nanoTime();
            AuditVerification verification = context.services().audit().verify();
            double verify = seconds(start);
            if (!verification.ok()) {
                throw new IllegalStateException("the untouched log does not verify: " + verification.problems());
            }
            Path leaves = dir.resolve("leaves.bin");
            long bytes = writeLeafBytes(context, leaves);
            double sha = sha256sum(leaves);
            print("full verify: %,d entries, %.1f s = %,.0f entries/s (%.1f MB/s of leaf bytes)", verification.entries(),
                    verify, verification.entries() / verify, bytes / verify / 1e6);
            print("baseline sha256sum of the same %,d leaf bytes (%.0f bytes/entry): %.2f s = %,.0f entries/s (%.0f MB/s)",
                    bytes, (double) bytes / verification.entries(), sha, verification.entries() / sha, bytes / sha / 1e6);
            print("ratio verify/sha256sum: %.4f", sha / verify);
        } finally {
            deleteTree(dir);
        }
    }

    private static void fill(RegistryContext context, Options options) {
        AuditLog log = context.services().auditLog();
        Caller writer = Caller.system("audit-bench");
        for (long done = 0; done < options.entries(); ) {
            long first = done;
            long last = Math.min(options.entries(), first + PER_TRANSACTION);
            context.database().inTransaction(h -> {
                for (long i = first; i < last; i++) {
                    String model = "m" + (i % options.chains());
                    log.append(h, writer, AuditEvent.created(AuditLog.modelChain(model), "version.registered",
                            "version:" + model + "@2026.12.03-r" + (i / options.chains() + 1), null));
                }
                return null;
            });
            done = last;
        }
    }

    private static long writeLeafBytes(RegistryContext context, Path file) throws IOException {
        AuditStore store = context.stores().audit();
        long[] bytes = {0};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            context.database().withHandle(h -> {
                store.scanByChain(h, entry -> {
                    byte[] leaf = entry.leaf().leafBytes();
                    bytes[0] += leaf.length;
                    try {
                        out.write(leaf);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                return null;
            });
        }
        return bytes[0];
    }

    private static double sha256sum(Path file) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("sha256sum failed");
        }
        return seconds(start);
    }
}
