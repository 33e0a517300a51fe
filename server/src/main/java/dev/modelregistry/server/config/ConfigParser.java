package dev.modelregistry.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
              --artifacts s3://B/P     store artifacts in an S3-compatible bucket (MODELREG_ARTIFACTS; default files under --data-dir)
              --s3-endpoint URL        e.g. http://minio:9000 (MODELREG_S3_ENDPOINT; default AWS)
              --s3-region REGION       (MODELREG_S3_REGION, else AWS_REGION, else us-east-1)
              --s3-path-style          path-style addressing for MinIO/Ceph (MODELREG_S3_PATH_STYLE=true)
              S3 credentials: MODELREG_S3_ACCESS_KEY_ID/MODELREG_S3_SECRET_ACCESS_KEY, else the AWS SDK's default chain.
              --signing-key FILE       the registry's Ed25519 key, PKCS#8 PEM (MODELREG_SIGNING_KEY; default <data-dir>/registry-signing-key.pem, created 0600)
              --manifest-ttl SECONDS   lifetime of signed deployment manifests (MODELREG_MANIFEST_TTL, default 600)
              --warn-after DAYS        deprecation warning without a new version (MODELREG_WARN_AFTER_DAYS, default 90)
              --expire-after DAYS      expired: no promotion (MODELREG_EXPIRE_AFTER_DAYS, default 180)
              --orphan-after DAYS      ownership released (MODELREG_ORPHAN_AFTER_DAYS, default 210)
              --sweep-interval SECONDS how often health changes are audited (MODELREG_SWEEP_INTERVAL, default 60)
              --otlp-endpoint URL      export traces over OTLP/HTTP, e.g. http://collector:4318 (MODELREG_OTLP_ENDPOINT)
            MODELREG_BOOTSTRAP_ADMIN_TOKEN sets the admin token created on first start instead of a random one.""";

    private ConfigParser() {
    }

    public static ServerConfig parse(List<String> args, Map<String, String> env) {
        String host = env.getOrDefault("MODELREG_HOST", ServerConfig.DEFAULT_HOST);
        String port = env.getOrDefault("MODELREG_PORT", String.valueOf(ServerConfig.DEFAULT_PORT));
        String dataDir = env.getOrDefault("MODELREG_DATA_DIR", "data");
        String db = env.get("MODELREG_DB");
        String maxBody = env.getOrDefault("MODELREG_MAX_BODY_BYTES", String.valueOf(ServerConfig.DEFAULT_MAX_BODY_BYTES));
        boolean migrate = Boolean.parseBoolean(env.getOrDefault("MODELREG_MIGRATE", "false"));
        String maxArtifact = env.getOrDefault("MODELREG_MAX_ARTIFACT_BYTES",
                String.valueOf(ArtifactConfig.DEFAULT_MAX_ARTIFACT_BYTES));
        String artifacts = env.get("MODELREG_ARTIFACTS");
        String s3Endpoint = env.get("MODELREG_S3_ENDPOINT");
        String s3Region = env.getOrDefault("MODELREG_S3_REGION", env.getOrDefault("AWS_REGION", "us-east-1"));
        boolean pathStyle = Boolean.parseBoolean(env.getOrDefault("MODELREG_S3_PATH_STYLE", "false"));
        String signingKey = env.get("MODELREG_SIGNING_KEY");
        String warnAfter = env.getOrDefault("MODELREG_WARN_AFTER_DAYS", "90");
        String expireAfter = env.getOrDefault("MODELREG_EXPIRE_AFTER_DAYS", "180");
        String orphanAfter = env.getOrDefault("MODELREG_ORPHAN_AFTER_DAYS", "210");
        String sweepInterval = env.getOrDefault("MODELREG_SWEEP_INTERVAL", "60");
        String otlpEndpoint = env.get("MODELREG_OTLP_ENDPOINT");
        String manifestTtl = env.getOrDefault("MODELREG_MANIFEST_TTL",
                String.valueOf(DeployConfig.DEFAULT_MANIFEST_TTL.toSeconds()));
        Iterator<String> it = args.iterator();
        while (it.hasNext()) {
            String flag = it.next();
            switch (flag) {
                case "--host" -> host = value(flag, it);
                case "--port" -> port = value(flag, it);
                case "--data-dir" -> dataDir = value(flag, it);
                case "--db" -> db = value(flag, it);
                case "--max-body-bytes" -> maxBody = value(flag, it);
                case "--migrate" -> migrate = true;
                case "--max-artifact-bytes" -> maxArtifact = value(flag, it);
                case "--artifacts" -> artifacts = value(flag, it);
                case "--s3-endpoint" -> s3Endpoint = value(flag, it);
                case "--s3-region" -> s3Region = value(flag, it);
                case "--s3-path-style" -> pathStyle = true;
                case "--signing-key" -> signingKey = value(flag, it);
                case "--manifest-ttl" -> manifestTtl = value(flag, it);
                case "--warn-after" -> warnAfter = value(flag, it);
                case "--expire-after" -> expireAfter = value(flag, it);
                case "--orphan-after" -> orphanAfter = value(flag, it);
                case "--sweep-interval" -> sweepInterval = value(flag, it);
                case "--otlp-endpoint" -> otlpEndpoint = value(flag, it);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        String token = env.get("MODELREG_BOOTSTRAP_ADMIN_TOKEN");
        Optional<ArtifactConfig.S3Settings> s3 = Optional.empty();
        if (nonBlank(artifacts).isPresent()) {
            s3 = Optional.of(ArtifactConfig.S3Settings.parse(artifacts, nonBlank(s3Endpoint).map(URI::create), s3Region,
                    pathStyle, nonBlank(env.get("MODELREG_S3_ACCESS_KEY_ID")),
                    nonBlank(env.get("MODELREG_S3_SECRET_ACCESS_KEY"))));
        }
        return new ServerConfig(host, number("--port", port), Path.of(dataDir),
                nonBlank(db), longNumber("--max-body-bytes", maxBody), nonBlank(token), migrate,
                new ArtifactConfig(s3, longNumber("--max-artifact-bytes", maxArtifact)),
                new DeployConfig(nonBlank(signingKey).map(Path::of), Duration.ofSeconds(longNumber("--manifest-ttl", manifestTtl))),
                new OwnershipConfig(Duration.ofDays(longNumber("--warn-after", warnAfter)),
                        Duration.ofDays(longNumber("--expire-after", expireAfter)),
                        Duration.ofDays(longNumber("--orphan-after", orphanAfter)),
                        Duration.ofSeconds(longNumber("--sweep-interval", sweepInterval))),
                nonBlank(otlpEndpoint),
                Clock.systemUTC());
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(s -> !s.isBlank());
    }

    private static String value(String flag, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return it.next();
    }

    private static int number(String flag, String text) {
        return (int) Math.min(Integer.MAX_VALUE, longNumber(flag, text));
    }

    private static long longNumber(String flag, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, got '" + text + "'");
        }
    }
}
