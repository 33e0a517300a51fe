package dev.modelregistry.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/modelreg} builds the jar when it is missing and again when a source or build file is newer than it, saying
 * so on stderr, and otherwise runs the jar without building. Run on a copy of the launcher in a scratch checkout whose
 * {@code mvnw} and JDK are stand-ins that record what they are asked to do, so the test builds nothing for real.
 */
class LauncherRebuildTest {
    @TempDir
    Path root;

    private Path jar;

    @BeforeEach
    void checkout() throws IOException {
        // Surefire runs in the cli module's directory; the launcher is the checkout's.
        Path checkout = Path.of("").toAbsolutePath().getParent();
        Path launcher = Files.copy(checkout.resolve("bin/modelreg"), Files.createDirectories(root.resolve("bin"))
                .resolve("modelreg"));
        executable(launcher);
        Path jdk = Files.createDirectories(root.resolve("jdk/bin"));
        executable(Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho \"java $*\"\n"));
        executable(Files.writeString(root.resolve("bin/jdk"), "#!/bin/sh\necho '" + root.resolve("jdk") + "'\n"));
        executable(Files.writeString(root.resolve("mvnw"), """
                #!/bin/sh
                echo "$*" >> builds.log
                [ -f fail-the-build ] && { echo "BUILD FAILURE" >&2; exit 1; }
                mkdir -p cli/target && echo jar > cli/target/modelreg.jar
                """));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(Files.createDirectories(root.resolve("core/src/main/java")).resolve("Identity.java"), "x");
        Files.writeString(Files.createDirectories(root.resolve("bench/src")).resolve("Bench.java"), "x");
        jar = root.resolve("cli/target/modelreg.jar");
        ageEveryFile();
    }

    @Test
    void theFirstRunBuildsTheJarAndTheNextRunsOnlyRunIt() throws Exception {
        Run first = launch("--version");
        assertThat(first.err()).contains("modelreg: building " + jar + " (first use)...");
        assertThat(first.out()).contains("-jar " + jar + " --version");
        assertThat(builds()).containsExactly("-q -B -DskipTests -pl cli -am package");

        Run second = launch("models");
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).contains("-jar " + jar + " models");
        assertThat(builds()).hasSize(1);
    }

    @Test
    void aSourceOrPomNewerThanTheJarIsRebuiltOnceSayingWhichFile() throws Exception {
        launch("--version");
        Path archive = Files.writeString(root.resolve("cli/target/modelreg-cli.jsa"), "classes of the old jar");
        builtAMinuteAgo();
        assertThat(launch("models").err()).isEmpty();
        assertThat(archive).as("kept while the jar is current").exists();
        Files.writeString(root.resolve("core/src/main/java/Identity.java"), "edited by a git pull");

        assertThat(launch("models").err()).isEqualTo("modelreg: building " + jar
                + " (core/src/main/java/Identity.java is newer than the jar)...\n");
        assertThat(archive).as("the JVM would refuse it for the new jar, and never rewrite it").doesNotExist();
        assertThat(launch("models").err()).as("built once, not on every run").isEmpty();
        assertThat(builds()).hasSize(2);

        builtAMinuteAgo();
        Files.writeString(root.resolve("pom.xml"), "<project><!-- a new dependency --></project>");
        assertThat(launch("models").err()).contains("(pom.xml is newer than the jar)");

        // bench/ is not in the jar: a change there builds once too, and not again on every run.
        builtAMinuteAgo();
        Files.writeString(root.resolve("bench/src/Bench.java"), "edited");
        assertThat(launch("models").err()).contains("bench/src/Bench.java is newer");
        assertThat(launch("models").err()).isEmpty();
        assertThat(builds()).hasSize(4);
    }

    @Test
    void aFailedBuildStopsTheLauncherInsteadOfRunningTheOldJar() throws Exception {
        launch("--version");
        builtAMinuteAgo();
        Files.writeString(root.resolve("core/src/main/java/Identity.java"), "does not compile");
        Files.writeString(root.resolve("fail-the-build"), "");

        Run failed = launch("models");

        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.err()).contains("BUILD FAILURE");
        assertThat(failed.out()).doesNotContain("java ");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("bin/modelreg").toString()));
        command.addAll(List.of(args));
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        ProcessBuilder launcher = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        launcher.environment().remove("JAVA_HOME");
        Process process = launcher.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<String> builds() throws IOException {
        Path log = root.resolve("builds.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** As if the jar had been built a minute ago from sources older than it, so that a file written now is newer. */
    private void builtAMinuteAgo() throws IOException {
        ageEveryFile();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    }

    /** Every file of the scratch checkout as a clone left it an hour ago. */
    private void ageEveryFile() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
            }
        }
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
