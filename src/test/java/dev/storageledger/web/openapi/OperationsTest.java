package dev.storageledger.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/** The controllers' mappings and the documented operations are the same set, so no mapping is left bare. */
class OperationsTest {

    /** Mapped for every method and kept out of the document (springdoc.paths-to-exclude). */
    private static final Set<String> UNDOCUMENTED_PATHS = Set.of("/error");

    @Test
    void every_mapping_of_a_controller_is_documented_and_every_documented_operation_is_mapped() {
        Set<String> mapped = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.storageledger.web")) {
            for (JavaMethod method : type.getMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method.reflect(), RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                for (String path : mapping.path()) {
                    if (!UNDOCUMENTED_PATHS.contains(path)) {
                        for (RequestMethod verb : mapping.method()) {
                            mapped.add(Operation.key(verb.name(), path));
                        }
                    }
                }
            }
        }
        assertThat(mapped).as("the controllers' mappings").hasSizeGreaterThan(50);
        assertThat(new TreeSet<>(Operations.all().keySet())).as("the documented operations").isEqualTo(mapped);
    }
}
