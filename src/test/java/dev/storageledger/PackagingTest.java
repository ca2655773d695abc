package dev.storageledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The container image (packaging/Containerfile) and the Kubernetes manifest (packaging/kubernetes) agree with the
 * service: the same JVM settings as spring-boot:run and the tests' service processes, its port, its health groups,
 * a user that is not root, and every credential taken from a Secret.
 */
class PackagingTest {

    private static final Path CONTAINERFILE = Path.of("packaging", "Containerfile");
    private static final Path MANIFEST = Path.of("packaging", "kubernetes", "storage-ledger.yaml");
    private static final List<String> SECRET_VARIABLES = List.of("LEDGER_DB_URL", "LEDGER_DB_USER",
            "LEDGER_DB_PASSWORD", "LEDGER_ADMIN_KEY", "LEDGER_ADMIN_SECRET", "LEDGER_TOKEN_KEY_ENCRYPTION_KEY");

    @Test
    void the_image_and_the_deployment_run_the_jvm_with_the_settings_of_a_real_install() throws IOException {
        String pomSettings = single(Files.readString(Path.of("pom.xml")), "<jvmArguments>([^<]+)</jvmArguments>");

        assertThat(options(pomSettings)).isEqualTo(ServiceProcess.JVM_OPTIONS);
        assertThat(options(single(Files.readString(CONTAINERFILE), "JDK_JAVA_OPTIONS=\"([^\"]+)\"")))
                .isEqualTo(ServiceProcess.JVM_OPTIONS);
        assertThat(options(environment(container()).get("JDK_JAVA_OPTIONS").get("value").toString()))
                .isEqualTo(ServiceProcess.JVM_OPTIONS);
    }

    @Test
    void the_image_runs_as_a_user_of_its_own_on_port_8080_with_a_health_check() throws IOException {
        String containerfile = Files.readString(CONTAINERFILE);

        assertThat(single(containerfile, "(?m)^USER (\\S+)$")).isEqualTo("10001:10001");
        assertThat(single(containerfile, "(?m)^EXPOSE (\\d+)$")).isEqualTo("8080");
        assertThat(single(containerfile, "(?s)HEALTHCHECK .*?CMD ([^\\n]+)"))
                .contains("curl --fail").contains("127.0.0.1:${SERVER_PORT}/actuator/health");
        assertThat(single(containerfile, "(?m)^\\s+LEDGER_DATA_DIR=(\\S+) ")).startsWith("/var/lib/storage-ledger/");
        assertThat(single(containerfile, "(?m)^VOLUME \\[\"([^\"]+)\"\\]$")).isEqualTo("/var/lib/storage-ledger");
        assertThat(single(containerfile, "(?m)^ENTRYPOINT (.+)$"))
                .isEqualTo("[\"java\", \"-jar\", \"/opt/storage-ledger/storage-ledger.jar\"]");
    }

    @Test
    void the_deployment_probes_the_health_groups_of_the_service_and_runs_as_the_image_user() throws IOException {
        Map<String, Object> container = container();
        Properties application = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            application.load(in);
        }

        assertThat(application.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(path(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(path(container, "readinessProbe", "httpGet", "port")).isEqualTo("http");
        assertThat(list(container.get("ports"))).singleElement()
                .satisfies(port -> assertThat(port).containsEntry("name", "http").containsEntry("containerPort", 8080));
        Map<String, Object> pod = podSpec();
        assertThat(path(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(path(pod, "securityContext", "runAsUser")).isEqualTo(10001);
        assertThat(path(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
    }

    @Test
    void the_deployment_takes_every_credential_from_the_secret_and_no_credential_in_plain_text() throws IOException {
        Map<String, Map<String, Object>> environment = environment(container());

        for (String variable : SECRET_VARIABLES) {
            assertThat(environment).as(variable).containsKey(variable);
            assertThat(environment.get(variable)).as(variable).doesNotContainKey("value");
            assertThat(path(environment.get(variable), "valueFrom", "secretKeyRef", "name")).isEqualTo("storage-ledger");
            assertThat(path(environment.get(variable), "valueFrom", "secretKeyRef", "key")).isEqualTo(variable);
        }
        assertThat(environment.values()).filteredOn(variable -> variable.containsKey("value"))
                .extracting(variable -> variable.get("name").toString())
                .isNotEmpty()
                .noneMatch(name -> name.matches(".*(_DB_|PASSWORD|SECRET|KEY).*"));
    }

    @Test
    void the_deployment_gives_the_container_more_memory_than_the_jvm_settings_bound() throws IOException {
        Map<String, Object> container = container();
        long bounded = 0;
        for (String option : ServiceProcess.JVM_OPTIONS) {
            Matcher size = Pattern.compile("-(?:Xmx|XX:MaxMetaspaceSize=|XX:ReservedCodeCacheSize=|XX:MaxDirectMemorySize=)"
                    + "(\\d+)m").matcher(option);
            if (size.matches()) {
                bounded += Long.parseLong(size.group(1));
            }
        }

        assertThat(bounded).isEqualTo(256 + 160 + 64 + 64);
        // The JVM itself, thread stacks and GC structures come on top: the image measured about 480 MiB at rest.
        assertThat(mebibytes(path(container, "resources", "requests", "memory"))).isGreaterThanOrEqualTo(bounded + 64);
        assertThat(mebibytes(path(container, "resources", "limits", "memory")))
                .isGreaterThanOrEqualTo(mebibytes(path(container, "resources", "requests", "memory")));
    }

    @Test
    void the_service_sends_its_port_to_the_pods_of_the_deployment() throws IOException {
        List<Map<String, Object>> documents = documents();
        Map<String, Object> deployment = kind(documents, "Deployment");
        Map<String, Object> service = kind(documents, "Service");

        assertThat(path(deployment, "spec", "selector", "matchLabels"))
                .isEqualTo(path(deployment, "spec", "template", "metadata", "labels"));
        assertThat(path(service, "spec", "selector")).isEqualTo(path(deployment, "spec", "selector", "matchLabels"));
        assertThat(list(path(service, "spec", "ports"))).singleElement()
                .satisfies(port -> assertThat(port).containsEntry("targetPort", "http"));
    }

    private static List<String> options(String settings) {
        return Arrays.asList(settings.trim().split("\\s+"));
    }

    private static String single(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("a match of %s", regex).isTrue();
        String found = matcher.group(1);
        assertThat(matcher.find()).as("a single match of %s", regex).isFalse();
        return found;
    }

    private static long mebibytes(Object quantity) {
        Matcher matcher = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity.toString());
        assertThat(matcher.matches()).as("a quantity in Mi or Gi: %s", quantity).isTrue();
        long value = Long.parseLong(matcher.group(1));
        return matcher.group(2).equals("Gi") ? value * 1024 : value;
    }

    private static List<Map<String, Object>> documents() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(MANIFEST))) {
            documents.add(map(document));
        }
        return documents;
    }

    private static Map<String, Object> kind(List<Map<String, Object>> documents, String kind) {
        List<Map<String, Object>> ofKind = documents.stream().filter(document -> kind.equals(document.get("kind")))
                .toList();
        assertThat(ofKind).as("documents of kind %s", kind).hasSize(1);
        return ofKind.getFirst();
    }

    private static Map<String, Object> podSpec() throws IOException {
        return map(path(kind(documents(), "Deployment"), "spec", "template", "spec"));
    }

    private static Map<String, Object> container() throws IOException {
        List<Map<String, Object>> containers = list(podSpec().get("containers"));
        assertThat(containers).hasSize(1);
        return containers.getFirst();
    }

    private static Map<String, Map<String, Object>> environment(Map<String, Object> container) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> variable : list(container.get("env"))) {
            assertThat(byName.put(variable.get("name").toString(), variable)).as("%s once", variable.get("name")).isNull();
        }
        return byName;
    }

    private static Object path(Map<String, Object> from, String... keys) {
        Object value = from;
        for (String key : keys) {
            value = map(value).get(key);
            assertThat(value).as("%s in %s", key, String.join(".", keys)).isNotNull();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }
}
