package dev.storageledger.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each operation's documentation lives beside its mapping: no mapping is left bare, and what it names exists. */
class OperationDocumentationTest {

    @Test
    void every_mapping_of_a_controller_is_documented() {
        Map<String, Method> mapped = ControllerMappings.all();
        List<String> undocumented = new ArrayList<>();
        mapped.forEach((operation, method) -> {
            if (!method.isAnnotationPresent(OperationDocumentation.class)) {
                undocumented.add(operation + " (" + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ")");
            }
        });

        assertThat(mapped).as("the controllers' mappings").hasSizeGreaterThan(50);
        assertThat(undocumented).as("mappings without @OperationDocumentation").isEmpty();
    }

    @Test
    void each_documentation_has_its_own_id_and_names_a_request_schema_that_exists() {
        Map<String, String> operationsById = new HashMap<>();
        List<String> problems = new ArrayList<>();
        ControllerMappings.all().forEach((operation, method) -> {
            OperationDocumentation documented = method.getAnnotation(OperationDocumentation.class);
            if (documented == null) {
                return;
            }
            String earlier = operationsById.put(documented.id(), operation);
            if (earlier != null) {
                problems.add(operation + ": its id " + documented.id() + " is " + earlier + "'s too");
            }
            if (!documented.body().isEmpty() && !Schemas.requests().containsKey(documented.body())) {
                problems.add(operation + ": its body " + documented.body() + " is no request schema");
            }
        });

        assertThat(operationsById).hasSizeGreaterThan(50);
        assertThat(problems).isEmpty();
    }
}
