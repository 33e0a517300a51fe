package dev.modelregistry.cli;

import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.config.WebhookConfig;
import dev.modelregistry.server.testing.Polling;
import dev.modelregistry.server.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** `webhooks create|list|show|deliveries|redeliver|rotate-secret|enable|delete` against a real server and receiver. */
class WebhooksCliTest {
    private static final String ADMIN = "cli-hooks-admin-token-0123456789abcdef01";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static RegistryServer server;
    private static WebhookReceiver receiver;
    private static Map<String, String> admin;

    @BeforeAll
    static void start() throws Exception {
        server = RegistryServer.start(ServerConfig.embeddedDefaults(Files.createTempDirectory("cli-hooks")).withPort(0)
                .withBootstrapAdminToken(ADMIN).withWebhooks(WebhookConfig.defaults()
                        .withAllowHosts(List.of("127.0.0.1")).withPollInterval(Duration.ofMillis(50))));
        receiver = WebhookReceiver.start();
        admin = Map.of("MODELREG_URL", "http://127.0.0.1:" + server.port(), "MODELREG_TOKEN", ADMIN);
        run(admin, 0, "teams", "create", "desk");
        register("xsmom", "a13fce0");
    }

    @AfterAll
    static void stop() {
        receiver.close();
        server.close();
    }

    @Test
    void anAdminSubscribesSeesDeliveriesRedeliversRotatesAndDeletes() {
        CliRun created = run(admin, 0, "webhooks", "create", receiver.url("cli"), "--model", "xsmom",
                "--event-type", "dev.modelregistry.version.registered");
        String id = field(created.out(), "id");
        assertThat(field(created.out(), "secret")).startsWith("whsec_");
        assertThat(created.err()).contains("shown only now");

        register("xsmom", "b24e0d1");
        receiver.awaitDelivered(1, WAIT);

        assertThat(run(admin, 0, "webhooks", "list").out()).contains(id).contains("active").contains("xsmom");
        assertThat(run(admin, 0, "webhooks", "show", id).out()).contains(receiver.url("cli")).doesNotContain("whsec_");
        String log = awaitDeliveredLine(id);
        String deliveryId = log.strip().split("\\s+")[0];
        assertThat(log).contains(receiver.received().getFirst().webhookId()).contains("204");

        assertThat(run(admin, 0, "webhooks", "redeliver", id, deliveryId).out()).contains("pending");
        assertThat(receiver.awaitDelivered(2, WAIT)).extracting(WebhookReceiver.Received::webhookId).containsOnly(
                receiver.received().getFirst().webhookId());
        CliRun rotated = run(admin, 0, "webhooks", "rotate-secret", id);
        assertThat(field(rotated.out(), "secret")).startsWith("whsec_").isNotEqualTo(field(created.out(), "secret"));
        assertThat(run(admin, 0, "webhooks", "enable", id).out()).contains("active");

        assertThat(run(admin, 0, "webhooks", "delete", id).out()).contains("deleted webhook " + id);
        assertThat(run(admin, 2, "webhooks", "show", id).err()).contains("does not exist");
    }

    @Test
    void refusalsExitWithTwoAndSayWhy() {
        run(admin, 0, "principals", "create", "outsider", "--kind", "user");
        String token = field(run(admin, 0, "tokens", "create", "outsider").out(), "token");
        Map<String, String> outsider = Map.of("MODELREG_URL", admin.get("MODELREG_URL"), "MODELREG_TOKEN", token);

        assertThat(run(outsider, 2, "webhooks", "create", receiver.url("x"), "--model", "xsmom").err())
                .contains("not a member");
        assertThat(run(outsider, 2, "webhooks", "create", receiver.url("x")).err()).contains("only an admin");
        assertThat(run(admin, 2, "webhooks", "create", "http://10.0.0.1/hook").err()).contains("url")
                .contains("private");
        assertThat(run(admin, 2, "webhooks", "create", receiver.url("x"), "--event-type", "promoted").err())
                .contains("event_types");
    }

    private static String awaitDeliveredLine(String id) {
        return Polling.until(WAIT, "a delivered delivery of " + id,
                () -> run(admin, 0, "webhooks", "deliveries", id).out().lines().skip(1).findFirst().orElse(""),
                line -> line.contains("delivered"));
    }

    private static void register(String model, String commit) {
        run(admin, 0, "register", model, "--commit", commit, "--feature-graph", "8b2e9f01", "--window", "2018-01-01",
                "2026-04-30", "--owner", "desk");
    }

    private static String field(String out, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + ":\\s+(\\S+)").matcher(out);
        assertThat(matcher.find()).as("%s in %s", name, out).isTrue();
        return matcher.group(1);
    }

    private static CliRun run(Map<String, String> env, int expectedExit, String... args) {
        CliRun run = CliRun.run(env, args);
        assertThat(run.exitCode()).as("%s: %s %s", String.join(" ", args), run.out(), run.err())
                .isEqualTo(expectedExit);
        return run;
    }
}
