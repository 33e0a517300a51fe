package dev.modelregistry.server.architecture;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files short enough to read in one sitting, methods short enough to hold in one's head: no file of any module's
 * {@code src/main} over 400 lines, no method or constructor over 40 lines (signature to closing brace), except the
 * declarative tables named below, which are long because they list things, not because they do things.
 */
class CodeShapeTest {
    static final int MAX_FILE_LINES = 400;
    static final int MAX_METHOD_LINES = 40;
    private static final List<String> MODULES = List.of("core", "client", "server", "cli", "bench");

    /** "Class.method" of each declarative table, with why it may be long. */
    private static final Map<String, String> DECLARATIVE_TABLES = Map.of(
            "RouteTable.routes", "one line per route of the HTTP API",
            "RegistryContext.services", "one constructor call per service, in wiring order");

    @Test
    void noMainSourceFileIsTooLong() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : mainSources()) {
            long lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
            if (lines > MAX_FILE_LINES) {
                tooLong.add(projectRoot().relativize(file) + " has " + lines + " lines");
            }
        }
        assertThat(tooLong).as("files over %d lines", MAX_FILE_LINES).isEmpty();
    }

    @Test
    void noMainMethodIsTooLong() {
        List<String> tooLong = new ArrayList<>();
        for (MethodLength method : methodLengths(mainSources())) {
            if (method.lines() > MAX_METHOD_LINES && !DECLARATIVE_TABLES.containsKey(method.name())) {
                tooLong.add(method.file() + ": " + method.name() + " has " + method.lines() + " lines");
            }
        }
        assertThat(tooLong).as("methods over %d lines", MAX_METHOD_LINES).isEmpty();
    }

    @Test
    void theDeclarativeTablesStillExist() {
        List<String> names = methodLengths(mainSources()).stream().map(MethodLength::name).toList();
        assertThat(names).as("a stale exemption would hide nothing but still read as permission")
                .containsAll(DECLARATIVE_TABLES.keySet());
    }

    /** One method or constructor: where it is and how many lines it spans. */
    record MethodLength(Path file, String name, long lines) {
    }

    static List<MethodLength> methodLengths(List<Path> files) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) compiler.getTask(null, fileManager, null, List.of("-proc:none"), null, units);
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            List<MethodLength> methods = new ArrayList<>();
            for (CompilationUnitTree unit : task.parse()) {
                Path file = projectRoot().relativize(Path.of(unit.getSourceFile().toUri()));
                new MethodMeasurer(unit, positions, file, methods).scan(unit, null);
            }
            return methods;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks one file, recording each method's span in lines under its enclosing class's simple name. */
    private static final class MethodMeasurer extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;
        private final SourcePositions positions;
        private final Path file;
        private final List<MethodLength> methods;
        private String className = "";

        MethodMeasurer(CompilationUnitTree unit, SourcePositions positions, Path file, List<MethodLength> methods) {
            this.unit = unit;
            this.positions = positions;
            this.file = file;
            this.methods = methods;
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            String outer = className;
            className = tree.getSimpleName().toString();
            super.visitClass(tree, null);
            className = outer;
            return null;
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
            if (tree.getBody() != null) {
                LineMap lines = unit.getLineMap();
                long first = lines.getLineNumber(positions.getStartPosition(unit, tree));
                long last = lines.getLineNumber(positions.getEndPosition(unit, tree));
                String name = tree.getName().contentEquals("<init>") ? className : tree.getName().toString();
                methods.add(new MethodLength(file, className + "." + name, last - first + 1));
            }
            return super.visitMethod(tree, null);
        }
    }

    static List<Path> mainSources() {
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            Path sources = projectRoot().resolve(module).resolve("src/main/java");
            assertThat(sources).as("module sources").isDirectory();
            try (Stream<Path> walk = Files.walk(sources)) {
                walk.filter(path -> path.toString().endsWith(".java")).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Surefire runs in the server module's directory; the other modules are its siblings. */
    static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }
}
