package dev.modelregistry.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads serve/migrate flags, falling back to {@code MODELREG_*} environment variables, then to the embedded defaults.
 * A flag wins over its variable so that one command line can override a deployment's environment.
 */
public final class ConfigParser {
    public static final String USAGE = """
            usage: modelreg serve|migrate [options]
              --host HOST              listen address (MODELREG_HOST, default 127.0.0.1)
              --port PORT              listen port (MODELREG_PORT, default 8080)
              --data-dir DIR           embedded database and artifacts (MODELREG_DATA_DIR, default ./data)
              --db JDBC_URL            e.g. jdbc:postgresql://host:5432/db?user=u (MODELREG_DB; default SQLite under --data-dir)
              --max-body-bytes N       largest JSON request body (MODELREG_MAX_BODY_BYTES, default 1048576)
              --migrate                apply pending migrations to an existing schema (MODELREG_MIGRATE=true)
              --max-artifact-bytes N   largest artifact upload (MODELREG_MAX_ARTIFACT_BYTES, default 64 GiB)
              --artifacts s3://B/P|DIR store artifacts in an S3-compatible bucket or under a directory several instances
                                       may share (MODELREG_ARTIFACTS; default files under --data-dir/artifacts)
              --s3-endpoint URL        e.g. http://minio:9000 (MODELREG_S3_ENDPOINT; default AWS)
              --s3-region REGION       (MODELREG_S3_REGION, else AWS_REGION, else us-east-1)
              --s3-path-style          path-style addressing for MinIO/Ceph (MODELREG_S3_PATH_STYLE=true)
              S3 credentials: MODELREG_S3_ACCESS_KEY_ID/MODELREG_S3_SECRET_ACCESS_KEY, else the AWS SDK's default chain.
              --signing-key FILE       the registry's Ed25519 key, PKCS#8 PEM (MODELREG_SIGNING_KEY; default <data-dir>/registry-signing-key.pem, created 0600)
              --audit-key FILE|env:VAR the Ed25519 key that signs audit entries and checkpoints, never the signing key (MODELREG_AUDIT_KEY; default <data-dir>/audit-log-key.pem, created 0600)
              --manifest-ttl SECONDS   lifetime of signed deployment manifests (MODELREG_MANIFEST_TTL, default 600)
              --warn-after DAYS        deprecation warning without a new version (MODELREG_WARN_AFTER_DAYS, default 90)
              --expire-after DAYS      expired: no promotion (MODELREG_EXPIRE_AFTER_DAYS, default 180)
              --orphan-after DAYS      ownership released (MODELREG_ORPHAN_AFTER_DAYS, default 210)
              --sweep-interval SECONDS how often health changes are audited (MODELREG_SWEEP_INTERVAL, default 60)
              --otlp-endpoint URL      export traces over OTLP/HTTP, e.g. http://collector:4318 (MODELREG_OTLP_ENDPOINT)
              --webhook-allow-hosts L  hosts, IPs or CIDRs webhooks may target though private or loopback, comma-
                                       separated (MODELREG_WEBHOOK_ALLOW; default none: public addresses only)
              --webhook-timeout S      one webhook delivery attempt, connecting included (MODELREG_WEBHOOK_TIMEOUT,
                                       default 10)
              --webhook-key FILE       seals webhook secrets at rest (MODELREG_WEBHOOK_KEY; default webhook-secret-key
                                       beside the signing key, created 0600; instances sharing a database share it)
            MODELREG_BOOTSTRAP_ADMIN_TOKEN sets the admin token created on first start instead of a random one.""";

    /**
     * Every setting of serve and migrate: its flag, its environment variable, and its value when neither is given
     * (null: none). A switch takes no value on the command line; its variable is read as true or false.
     */
    private enum Setting {
        HOST("--host", "MODELREG_HOST", ServerConfig.DEFAULT_HOST),
        PORT("--port", "MODELREG_PORT", String.valueOf(ServerConfig.DEFAULT_PORT)),
        DATA_DIR("--data-dir", "MODELREG_DATA_DIR", "data"),
        DB("--db", "MODELREG_DB", null),
        MAX_BODY_BYTES("--max-body-bytes", "MODELREG_MAX_BODY_BYTES",
                String.valueOf(ServerConfig.DEFAULT_MAX_BODY_BYTES)),
        MIGRATE(Kind.SWITCH, "--migrate", "MODELREG_MIGRATE"),
        MAX_ARTIFACT_BYTES("--max-artifact-bytes", "MODELREG_MAX_ARTIFACT_BYTES",
                String.valueOf(ArtifactConfig.DEFAULT_MAX_ARTIFACT_BYTES)),
        ARTIFACTS("--artifacts", "MODELREG_ARTIFACTS", null),
        S3_ENDPOINT("--s3-endpoint", "MODELREG_S3_ENDPOINT", null),
        S3_REGION("--s3-region", "MODELREG_S3_REGION", null) {
            /** The AWS SDK's own variable counts too, so that an AWS environment needs no second one. */
            @Override
            String fallback(Map<String, String> env) {
                return env.getOrDefault("AWS_REGION", "us-east-1");
            }
        },
        S3_PATH_STYLE(Kind.SWITCH, "--s3-path-style", "MODELREG_S3_PATH_STYLE"),
        SIGNING_KEY("--signing-key", "MODELREG_SIGNING_KEY", null),
        AUDIT_KEY("--audit-key", "MODELREG_AUDIT_KEY", null),
        MANIFEST_TTL("--manifest-ttl", "MODELREG_MANIFEST_TTL",
                String.valueOf(DeployConfig.DEFAULT_MANIFEST_TTL.toSeconds())),
        WARN_AFTER("--warn-after", "MODELREG_WARN_AFTER_DAYS", "90"),
        EXPIRE_AFTER("--expire-after", "MODELREG_EXPIRE_AFTER_DAYS", "180"),
        ORPHAN_AFTER("--orphan-after", "MODELREG_ORPHAN_AFTER_DAYS", "210"),
        SWEEP_INTERVAL("--sweep-interval", "MODELREG_SWEEP_INTERVAL", "60"),
        OTLP_ENDPOINT("--otlp-endpoint", "MODELREG_OTLP_ENDPOINT", null),
        WEBHOOK_ALLOW("--webhook-allow-hosts", "MODELREG_WEBHOOK_ALLOW", ""),
        WEBHOOK_TIMEOUT("--webhook-timeout", "MODELREG_WEBHOOK_TIMEOUT",
                String.valueOf(WebhookConfig.DEFAULT_TIMEOUT.toSeconds())),
        WEBHOOK_KEY("--webhook-key", "MODELREG_WEBHOOK_KEY", null);

        private enum Kind { VALUE, SWITCH }

        private static final Map<String, Setting> BY_FLAG = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(setting -> setting.flag, setting -> setting));

        private final Kind kind;
        private final String flag;
        private final String variable;
        private final String defaultValue;

        Setting(String flag, String variable, String defaultValue) {
            this(Kind.VALUE, flag, variable, defaultValue);
        }

        Setting(Kind kind, String flag, String variable) {
            this(kind, flag, variable, "false");
        }

        Setting(Kind kind, String flag, String variable, String defaultValue) {
            this.kind = kind;
            this.flag = flag;
            this.variable = variable;
            this.defaultValue = defaultValue;
        }

        String fallback(Map<String, String> env) {
            return defaultValue;
        }
    }

    private ConfigParser() {
    }

    public static ServerConfig parse(List<String> args, Map<String, String> env) {
        Values values = Values.read(args, env);
        Optional<ArtifactConfig.S3Settings> s3 = Optional.empty();
        Optional<Path> artifactDirectory = Optional.empty();
        Optional<String> artifacts = values.optional(Setting.ARTIFACTS);
        if (artifacts.isPresent() && !artifacts.get().contains("://")) {
            artifactDirectory = Optional.of(Path.of(artifacts.get()));
        } else if (artifacts.isPresent()) {
            s3 = Optional.of(ArtifactConfig.S3Settings.parse(values.text(Setting.ARTIFACTS),
                    values.optional(Setting.S3_ENDPOINT).map(URI::create), values.text(Setting.S3_REGION),
                    values.isOn(Setting.S3_PATH_STYLE), nonBlank(env.get("MODELREG_S3_ACCESS_KEY_ID")),
                    nonBlank(env.get("MODELREG_S3_SECRET_ACCESS_KEY"))));
        }
        return new ServerConfig(values.text(Setting.HOST), values.number(Setting.PORT),
                Path.of(values.text(Setting.DATA_DIR)), values.optional(Setting.DB),
                values.longNumber(Setting.MAX_BODY_BYTES), nonBlank(env.get("MODELREG_BOOTSTRAP_ADMIN_TOKEN")),
                values.isOn(Setting.MIGRATE),
                new ArtifactConfig(s3, artifactDirectory, values.longNumber(Setting.MAX_ARTIFACT_BYTES)),
                new DeployConfig(values.optional(Setting.SIGNING_KEY).map(Path::of),
                        Duration.ofSeconds(values.longNumber(Setting.MANIFEST_TTL)), values.optional(Setting.AUDIT_KEY)),
                new OwnershipConfig(Duration.ofDays(values.longNumber(Setting.WARN_AFTER)),
                        Duration.ofDays(values.longNumber(Setting.EXPIRE_AFTER)),
                        Duration.ofDays(values.longNumber(Setting.ORPHAN_AFTER)),
                        Duration.ofSeconds(values.longNumber(Setting.SWEEP_INTERVAL))),
                values.optional(Setting.OTLP_ENDPOINT),
                Clock.systemUTC(), webhooks(values));
    }

    private static WebhookConfig webhooks(Values values) {
        return new WebhookConfig(WebhookConfig.allowList(values.text(Setting.WEBHOOK_ALLOW)),
                Duration.ofSeconds(values.longNumber(Setting.WEBHOOK_TIMEOUT)), WebhookConfig.DEFAULT_POLL_INTERVAL,
                values.optional(Setting.WEBHOOK_KEY).map(Path::of));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(s -> !s.isBlank());
    }

    /** The value of every setting: its flag's (the last one given), else its variable's, else its default. */
    private static final class Values {
        private final Map<Setting, String> values = new EnumMap<>(Setting.class);

        static Values read(List<String> args, Map<String, String> env) {
            Values read = new Values();
            for (Setting setting : Setting.values()) {
                read.values.put(setting, env.getOrDefault(setting.variable, setting.fallback(env)));
            }
            Iterator<String> it = args.iterator();
            while (it.hasNext()) {
                String flag = it.next();
                Setting setting = Setting.BY_FLAG.get(flag);
                if (setting == null) {
                    throw new IllegalArgumentException("unknown option " + flag);
                }
                read.values.put(setting, setting.kind == Setting.Kind.SWITCH ? "true" : value(flag, it));
            }
            return read;
        }

        String text(Setting setting) {
            return values.get(setting);
        }

        Optional<String> optional(Setting setting) {
            return nonBlank(values.get(setting));
        }

        boolean isOn(Setting setting) {
            return Boolean.parseBoolean(values.get(setting));
        }

        int number(Setting setting) {
            return (int) Math.min(Integer.MAX_VALUE, longNumber(setting));
        }

        long longNumber(Setting setting) {
            String text = values.get(setting);
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(setting.flag + " must be a number, got '" + text + "'");
            }
        }

        private static String value(String flag, Iterator<String> it) {
            if (!it.hasNext()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return it.next();
        }
    }
}
