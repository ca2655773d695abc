package dev.storageledger.web.openapi;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/** The controllers' mappings, read from the compiled classes: the operations the document must hold. */
final class ControllerMappings {

    /** Mapped for every method and kept out of the document (springdoc.paths-to-exclude). */
    private static final Set<String> UNDOCUMENTED_PATHS = Set.of("/error");

    private ControllerMappings() {
    }

    /** Each mapping as "VERB path", with the controller method that maps it. */
    static Map<String, Method> all() {
        Map<String, Method> mapped = new TreeMap<>();
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
                            mapped.put(key(verb.name(), path), method.reflect());
                        }
                    }
                }
            }
        }
        return mapped;
    }

    static String key(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }
}
