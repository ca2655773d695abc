package dev.storageledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules that keep the house in order (../shared/reference/style.md). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.storageledger");

    @Test
    void the_accounting_core_knows_nothing_of_spring_http_or_sql() {
        classes().that().resideInAPackage("dev.storageledger.ledger")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.storageledger.ledger", "java.lang..", "java.util..",
                        "java.time..")
                .because("the core decides and counts; adapters around it talk to Spring, HTTP and PostgreSQL")
                .check(CLASSES);
    }

    @Test
    void only_the_api_and_security_packages_speak_http() {
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
    void the_apis_are_adapters_that_nothing_else_depends_on() {
        noClasses().that().resideOutsideOfPackages("dev.storageledger.web..", "dev.storageledger.security..")
                .should().dependOnClassesThat().resideInAPackage("dev.storageledger.web..")
                .check(CLASSES);
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
