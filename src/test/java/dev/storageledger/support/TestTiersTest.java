package dev.storageledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * `./mvnw test` (the fast tier) leaves out the tests that src/test/integration-tests.txt names; `./mvnw verify` runs
 * them. A full-stack test or one that starts a process, missing from that list, would slow the fast tier down
 * unnoticed; a line that names no test any more would hide a renamed one.
 */
class TestTiersTest {

    private static final Path LIST = Path.of("src", "test", "integration-tests.txt");

    /** What starts a process of its own: the service in a JVM, a PostgreSQL server the test stops, any command. */
    private static final Set<Class<?>> PROCESS_STARTERS = Set.of(ServiceProcess.class, StoppableDatabase.class, ProcessBuilder.class);

    /** The test classes alone: what they extend and call among the libraries is not needed, and slow to import. */
    private static final JavaClasses TEST_CLASSES = ArchConfiguration.withThreadLocalScope(configuration -> {
        configuration.setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("dev.storageledger");
    });

    @Test
    void every_full_stack_test_and_every_test_that_starts_a_process_is_in_the_integration_tier() throws IOException {
        List<PathMatcher> integration = patterns();

        List<String> inTheFastTier = testClasses()
                .filter(test -> test.isAssignableTo(IntegrationTest.class) || startsAProcess(test))
                .map(TestTiersTest::source)
                .filter(source -> integration.stream().noneMatch(pattern -> pattern.matches(source)))
                .map(Path::toString).toList();

        assertThat(inTheFastTier).as("full-stack or process-starting tests that %s does not name", LIST).isEmpty();
    }

    @Test
    void every_line_of_the_list_names_a_test() throws IOException {
        List<Path> sources = testClasses().map(TestTiersTest::source).toList();

        List<String> namingNone = lines().stream()
                .filter(line -> sources.stream().noneMatch(FileSystems.getDefault().getPathMatcher("glob:" + line)::matches)).toList();

        assertThat(namingNone).as("lines of %s that name no test", LIST).isEmpty();
    }

    /** The classes that JUnit runs: top-level, not abstract, with tests of their own or inherited. */
    private static Stream<JavaClass> testClasses() {
        return TEST_CLASSES.stream()
                .filter(type -> type.isTopLevelClass() && !type.getModifiers().contains(JavaModifier.ABSTRACT))
                .filter(type -> Stream.concat(Stream.of(type), type.getAllRawSuperclasses().stream()).anyMatch(TestTiersTest::hasTests));
    }

    private static boolean hasTests(JavaClass type) {
        return type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(Test.class)
                || method.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest"));
    }

    /** The test, a class nested in it, or a class it extends calls one of the process starters. */
    private static boolean startsAProcess(JavaClass test) {
        return TEST_CLASSES.stream()
                .filter(type -> type.equals(test) || type.getEnclosingClass().filter(test::equals).isPresent()
                        || test.getAllRawSuperclasses().contains(type))
                .flatMap(type -> Stream.concat(type.getMethodCallsFromSelf().stream(), type.getConstructorCallsFromSelf().stream()))
                .anyMatch(call -> PROCESS_STARTERS.stream().anyMatch(call.getTargetOwner()::isEquivalentTo));
    }

    private static Path source(JavaClass test) {
        return Path.of(test.getPackageName().replace('.', '/'), test.getSimpleName() + ".java");
    }

    private static List<PathMatcher> patterns() throws IOException {
        return lines().stream().map(line -> FileSystems.getDefault().getPathMatcher("glob:" + line)).toList();
    }

    private static List<String> lines() throws IOException {
        return Files.readAllLines(LIST).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
