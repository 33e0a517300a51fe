package dev.modelregistry.server.architecture;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No SQL text outside the storage layer: every string literal of the server's main sources that reads as a
 * statement sits in a {@code *Store}, a {@code *Rows} or the db package. {@link ArchitectureTest} checks the calls
 * that run statements; this checks the text, so a statement built in a service and handed to a store fails too.
 */
class SqlPlacementTest {
    static final Pattern SQL = Pattern.compile(
            "\\b(SELECT\\b[\\s\\S]+\\bFROM|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|CREATE\\s+(TABLE|INDEX)"
                    + "|ALTER\\s+TABLE|LOCK\\s+TABLE)\\b");

    @Test
    void sqlTextLivesOnlyInTheStorageLayer() {
        List<Path> outsideStorage = serverSources().stream().filter(file -> {
            String name = file.getFileName().toString();
            return !name.endsWith("Store.java") && !name.endsWith("Rows.java") && !file.toString().contains("/server/db/");
        }).toList();
        List<String> misplaced = sqlLiterals(outsideStorage);
        assertThat(misplaced).as("SQL outside *Store, *Rows and db").isEmpty();
    }

    @Test
    void thePatternRecognisesTheStatementsItLooksFor() {
        assertThat(List.of("SELECT id FROM models", "INSERT INTO audit_log (seq)", "UPDATE models SET owner_team_id = 1",
                "DELETE FROM idempotency_keys", "SELECT pg_advisory_xact_lock(1)\nFROM x"))
                .allMatch(text -> SQL.matcher(text).find());
        assertThat(List.of("select a model to promote", "the version was updated", "model.created"))
                .noneMatch(text -> SQL.matcher(text).find());
    }

    /** "file: first line" of each string literal in {@code sources} that reads as SQL. */
    static List<String> sqlLiterals(List<Path> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            List<String> found = new ArrayList<>();
            for (CompilationUnitTree unit : task.parse()) {
                Path file = CodeShapeTest.projectRoot().relativize(Path.of(unit.getSourceFile().toUri()));
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitLiteral(LiteralTree literal, Void unused) {
                        if (literal.getValue() instanceof String text && SQL.matcher(text).find()) {
                            found.add(file + ": " + text.lines().findFirst().orElse("").strip());
                        }
                        return null;
                    }
                }.scan(unit, null);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> serverSources() {
        Path server = CodeShapeTest.projectRoot().resolve("server/src/main/java");
        return CodeShapeTest.mainSources().stream().filter(path -> path.startsWith(server)).toList();
    }
}
