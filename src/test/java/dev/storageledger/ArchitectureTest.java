package dev.storageledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;

/** The rules that keep the house in order (../shared/reference/style.md). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.storageledger");

    /** The Spring-free core: its vocabulary, and where a limit is decided, a byte is counted and a group is decided. */
    private static final String[] CORE = {"dev.storageledger.ledger", "dev.storageledger.ledger.limit", "dev.storageledger.ledger.count",
            "dev.storageledger.ledger.write"};

    @Test
    void the_accounting_core_knows_nothing_of_spring_http_or_sql() {
        String[] allowed = new String[CORE.length + 3];
        System.arraycopy(CORE, 0, allowed, 0, CORE.length);
        allowed[CORE.length] = "java.lang..";
        allowed[CORE.length + 1] = "java.util..";
        allowed[CORE.length + 2] = "java.time..";
        classes().that().resideInAnyPackage(CORE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .because("the core decides and counts; adapters around it talk to Spring, HTTP and PostgreSQL")
                .check(CLASSES);
    }

    @Test
    void the_core_decides_before_it_counts_and_counts_before_it_knows_of_limits() {
        noClasses().that().resideInAnyPackage("dev.storageledger.ledger.count", "dev.storageledger.ledger.limit")
                .should().dependOnClassesThat().resideInAPackage("dev.storageledger.ledger.write")
                .because("a group is decided from limits and counts, never the other way round")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.storageledger.ledger.count")
                .should().dependOnClassesThat().resideInAPackage("dev.storageledger.ledger.limit")
                .check(CLASSES);
    }

    @Test
    void only_the_web_and_security_packages_speak_http() {
        noClasses().that().resideOutsideOfPackages("dev.storageledger.web..", "dev.storageledger.security..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
                        "org.springframework.http..")
                .check(CLASSES);
    }

    @Test
    void sql_is_written_only_in_repositories() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository").and().doNotHaveSimpleName("SqlArrays")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .check(CLASSES);
    }

    @Test
    void the_ledgers_sql_lives_in_its_postgres_folder() {
        classes().that().resideInAPackage("dev.storageledger.ledger..").and().haveSimpleNameEndingWith("Repository")
                .should().resideInAPackage("dev.storageledger.ledger.postgres")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackages("dev.storageledger.ledger.postgres", "dev.storageledger.ledger.writer",
                        "dev.storageledger.audit")
                .should().dependOnClassesThat().haveSimpleName("WriteGroupRepository")
                .orShould().dependOnClassesThat().haveSimpleName("ChangesRepository")
                .because("totals change only through the writer (and a recalculation's repair), never from the web")
                .check(CLASSES);
    }

    @Test
    void each_class_receives_only_its_own_settings_never_the_whole_tree() {
        noClasses().that().doNotBelongToAnyOf(LedgerProperties.class, SettingsConfiguration.class)
                .should().dependOnClassesThat().haveFullyQualifiedName(LedgerProperties.class.getName())
                .because("LedgerProperties binds every setting; SettingsConfiguration hands each class its part, so that a"
                        + " constructor names the settings its class reads")
                .check(CLASSES);
    }

    @Test
    void the_web_layer_is_an_adapter_that_nothing_else_depends_on() {
        noClasses().that().resideOutsideOfPackage("dev.storageledger.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.storageledger.web..")
                .because("security, like every other part, declares what it needs and the web layer provides it")
                .check(CLASSES);
    }

    @Test
    void the_web_layer_reaches_the_ledger_through_its_services_never_its_sql() {
        noClasses().that().resideInAPackage("dev.storageledger.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.storageledger.ledger.postgres..")
                .because("the PostgreSQL classes are the ledger's own; the web layer uses the services the ledger offers")
                .check(CLASSES);
    }

    @Test
    void the_administrators_surface_does_not_borrow_from_the_dlcs_surface() {
        noClasses().that().resideInAPackage("dev.storageledger.web.admin..")
                .should().dependOnClassesThat().resideInAPackage("dev.storageledger.web.dlcs..")
                .because("what two surfaces share (Hydra collections, the DLCS resources) lives in the web package they both use")
                .check(CLASSES);
    }

    /** Controllers by resource, not by caller: whoever calls, a path's methods are found in one package. */
    @Test
    void every_method_of_a_path_is_mapped_in_one_package() {
        Map<String, Set<String>> packagesByPath = new TreeMap<>();
        for (JavaClass type : CLASSES) {
            for (JavaMethod method : type.getMethods()) {
                for (String path : mappedPaths(method.reflect())) {
                    packagesByPath.computeIfAbsent(path, any -> new TreeSet<>()).add(type.getPackageName());
                }
            }
        }
        assertThat(packagesByPath).as("the paths mapped").isNotEmpty();
        assertThat(packagesByPath).allSatisfy((path, packages) -> assertThat(packages).as(path).hasSize(1));
    }

    /** The paths of a handler method, whichever of the mapping annotations names them. */
    private static List<String> mappedPaths(Method method) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
        return mapping == null ? List.of() : List.of(mapping.path());
    }

    @Test
    void the_parts_of_the_service_depend_on_each_other_without_cycles() {
        // (**) makes a slice of every package at any depth, so web and web.error are two slices, not one.
        slices().matching("dev.storageledger.(**)").should().beFreeOfCycles()
                .because("each part can then be read, tested and changed from the parts it uses, up to the web layer")
                .check(CLASSES);
    }

    /** A class that long does more than one thing: split it by responsibility before it lands. */
    private static final int MAXIMUM_LINES = 300;

    @Test
    void no_main_class_is_over_three_hundred_lines() throws IOException {
        Path sources = Path.of("src/main/java");
        Map<String, Integer> tooLong = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String name = "src/main/java/" + sources.relativize(file).toString().replace(File.separatorChar, '/');
            int lines = Files.readAllLines(file).size();
            if (lines > MAXIMUM_LINES) {
                tooLong.put(name, lines);
            }
        }
        assertThat(files).as("the main sources, read from " + sources.toAbsolutePath()).hasSizeGreaterThan(100);
        assertThat(tooLong).as("main classes over " + MAXIMUM_LINES + " lines").isEmpty();
    }

    @Test
    void the_benchmarks_and_their_baselines_stay_out_of_the_service() {
        noClasses().should().resideInAPackage("..bench..")
                .orShould().haveSimpleNameStartingWith("Naive")
                .orShould().haveSimpleNameStartingWith("Benchmark")
                .because("the benchmark suite, its baselines and their tables live in the test tree, never in the production jar")
                .check(CLASSES);
    }
}
