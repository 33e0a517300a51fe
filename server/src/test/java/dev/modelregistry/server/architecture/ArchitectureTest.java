package dev.modelregistry.server.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape the server keeps, checked on its compiled classes: feature packages without cycles, SQL only in stores
 * (and the db plumbing), a feature asking another feature's service rather than its store, and no code outside db
 * that knows which database it runs on (it cannot even name a Dialect). The root package is the composition root and may see everything.
 */
class ArchitectureTest {
    static final String SERVER = "dev.modelregistry.server";
    /** The JDBI calls that carry SQL text; a service may open a transaction but hands the handle to a store. */
    static final Set<String> STATEMENT_METHODS = Set.of(
            "createQuery", "createUpdate", "createScript", "createCall", "prepareBatch", "execute", "select", "attach");

    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(SERVER);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        check(slices().matching(SERVER + ".(*)..").should().beFreeOfCycles());
    }

    @Test
    void onlyStoresAndTheDbPackageRunStatements() {
        check(noClasses().that(outsideStoresAndDb())
                .should().callMethodWhere(statementOnAHandle())
                .because("SQL lives in the *Store that owns its tables"));
    }

    @Test
    void onlyStoresAndTheDbPackageUseJdbcDirectly() {
        check(noClasses().that(outsideStoresAndDb())
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("SQL lives in the *Store that owns its tables"));
    }

    @Test
    void aFeatureUsesOnlyItsOwnStores() {
        check(classes().that().resideOutsideOfPackage(SERVER)
                .should(useOnlyStoresOfTheirOwnPackage())
                .because("a feature asks another feature's service, never its store"));
    }

    @Test
    void nothingOutsideDbKnowsTheDialects() {
        check(noClasses().that().resideOutsideOfPackage(SERVER + ".db..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Dialect")
                .because("every database difference is a method of Dialect, which only db holds; this catches an "
                        + "instanceof check too, in a lambda or not"));
    }

    private static void check(ArchRule rule) {
        rule.check(server);
    }

    /**
     * The storage layer is the {@code *Store} classes, the {@code *Rows} classes that publish how a feature's rows
     * are read (so another feature's store can join them without a second mapper; never a writer), and db.
     */
    static DescribedPredicate<JavaClass> outsideStoresAndDb() {
        return DescribedPredicate.describe("are neither a *Store, a *Rows nor in the db package", javaClass -> {
            String name = outermost(javaClass).getSimpleName();
            return !name.endsWith("Store") && !name.endsWith("Rows")
                    && !javaClass.getPackageName().startsWith(SERVER + ".db");
        });
    }

    static DescribedPredicate<JavaMethodCall> statementOnAHandle() {
        return DescribedPredicate.describe("a statement method of JDBI's Handle", call ->
                call.getTargetOwner().isAssignableTo(Handle.class) && STATEMENT_METHODS.contains(call.getName()));
    }

    static ArchCondition<JavaClass> useOnlyStoresOfTheirOwnPackage() {
        return new ArchCondition<>("use only the *Store classes of their own package") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                javaClass.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = outermost(dependency.getTargetClass());
                    boolean foreignStore = target.getSimpleName().endsWith("Store")
                            && target.getPackageName().startsWith(SERVER + ".")
                            && !target.getPackageName().equals(javaClass.getPackageName());
                    if (foreignStore) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }

    /** Nested and anonymous classes belong to the class they are written in. */
    static JavaClass outermost(JavaClass javaClass) {
        JavaClass outer = javaClass;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
