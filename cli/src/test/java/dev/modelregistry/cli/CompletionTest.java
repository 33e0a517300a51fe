package dev.modelregistry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code modelreg completion bash|zsh}: the script parses in both shells and completes the verbs and subcommands of
 * the real command tree, as bash computes it. zsh runs the same script through its bash compatibility layer.
 */
class CompletionTest {
    @TempDir
    Path dir;

    @Test
    void theBashScriptParsesAndCompletesEveryVerbAndTheSubcommandsOfOne() throws Exception {
        Path script = script("bash");

        assertThat(shell("bash", "-n", script.toString()).exitCode()).isZero();
        List<String> verbs = List.copyOf(Main.commandLine(Map.of(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).getSubcommands().keySet());
        assertThat(complete(script, "modelreg", "")).containsAll(verbs).contains("completion", "status");
        assertThat(complete(script, "modelreg", "dep")).containsExactlyInAnyOrder("deployment", "deployments", "deprecation");
        assertThat(complete(script, "modelreg", "deployment", "")).contains("history");
        assertThat(complete(script, "modelreg", "deprecation", "")).contains("show", "set", "reset");
        assertThat(complete(script, "modelreg", "sign-report", "--t")).containsExactly("--template", "--token");
    }

    @Test
    void theZshScriptIsTheSameScriptAndRegistersTheCompletionInZsh() throws Exception {
        Path script = script("zsh");
        assertThat(Files.readString(script)).isEqualTo(Files.readString(script("bash")));

        Shell syntax = shell("zsh", "-n", script.toString());
        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
        Shell registered = shell("zsh", "-c", "source " + script + " && print -r -- ${_comps[modelreg]}");
        assertThat(registered.output()).contains("_complete_modelreg");
    }

    @Test
    void anotherShellIsAUsageError() {
        CliRun run = CliRun.run(Map.of(), "completion", "fish");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("SHELL must be bash or zsh");
    }

    private Path script(String shell) throws IOException {
        CliRun run = CliRun.run(Map.of(), "completion", shell);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.writeString(dir.resolve("modelreg." + shell), run.out());
    }

    /** What bash offers for the last word, as its completion function computes it. */
    private static List<String> complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String quoted = String.join(" ", Arrays.stream(words).map(w -> "'" + w + "'").toList());
        Shell run = shell("bash", "-c", "source '" + script + "' && COMP_WORDS=(" + quoted + ") && COMP_CWORD="
                + (words.length - 1) + " && COMP_LINE='" + line + "' && COMP_POINT=${#COMP_LINE} && _complete_modelreg"
                + " 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");
        return run.output().lines().filter(word -> !word.isBlank()).map(String::strip).toList();
    }

    private record Shell(int exitCode, String output) {
    }

    private static Shell shell(String shell, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = shell;
        System.arraycopy(args, 0, command, 1, args.length);
        if (!onPath(shell)) {
            throw new AssertionError(shell + " is not installed: apt-get install -y " + shell);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Shell(process.exitValue(), output);
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
