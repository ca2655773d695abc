package dev.storageledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

/**
 * The integration tests start the service as a process of its own on the test classpath (support/ServiceProcess),
 * where component scanning has none of the test exclusions: a component or configuration among the test classes
 * (a {@code @TestConfiguration} of a slice test, say) would become one of the service's beans, such as a second
 * writer. The tests' configurations are imported by the tests that use them instead.
 */
class TestClassesAreNeverScannedTest {

    @Test
    void the_service_started_on_the_test_classpath_scans_no_class_of_the_tests() throws URISyntaxException {
        Path testClasses = Path.of(TestClassesAreNeverScannedTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        Set<BeanDefinition> scanned = new ClassPathScanningCandidateComponentProvider(true)
                .findCandidateComponents(StorageLedgerApplication.class.getPackageName());

        List<String> fromTheTests = scanned.stream().filter(candidate -> location(candidate).startsWith(testClasses))
                .map(BeanDefinition::getBeanClassName).toList();
        assertThat(scanned).as("the service's own components").isNotEmpty();
        assertThat(fromTheTests).as("components the service would scan from the test classes").isEmpty();
    }

    private static Path location(BeanDefinition candidate) {
        try {
            return Path.of(((AbstractBeanDefinition) candidate).getResource().getURI());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
