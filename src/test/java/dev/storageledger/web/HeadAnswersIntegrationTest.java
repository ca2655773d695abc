package dev.storageledger.web;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A HEAD is answered as its GET is, headers and all, without the body: on every GET mapping of the API (ids filled
 * from a customer made for the test, so some answer 200 and some 404), and on the dashboard's static files, whose
 * security headers a browser or a scanner may read from a HEAD.
 */
class HeadAnswersIntegrationTest extends IntegrationTest {

    /**
     * What a HEAD answer may differ in: the framing of the body it does not have, and the hop-by-hop headers about the
     * connection (a connection that reached its most requests is closed, whatever the method of its last one).
     */
    private static final Set<String> NOT_OF_THE_RESOURCE = Set.of("content-length", "transfer-encoding", "connection", "keep-alive");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(?::[^}]*)?}");
    private static final List<String> DASHBOARD = List.of("/dashboard", "/dashboard/", "/dashboard/index.html", "/dashboard/dashboard.js",
            "/dashboard/dashboard.css", "/dashboard/icon.svg", "/dashboard/no-such-file.js");

    @Autowired
    private ApplicationContext context;

    @Test
    void a_head_answer_carries_the_headers_of_its_get_on_every_get_mapping_and_on_the_dashboard() {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.user(customer, "someone");
        given.asset(customer, 1, "a1", object("size", 10));
        List<String> paths = new ArrayList<>(getPatterns().stream().map(pattern -> filled(pattern, customer)).toList());
        paths.addAll(DASHBOARD);
        assertThat(paths).as("GET mappings found").hasSizeGreaterThan(30);

        List<String> differences = new ArrayList<>();
        for (String path : paths) {
            for (LedgerClient caller : List.of(admin(), anonymous())) {
                LedgerClient.Response get = caller.get(path);
                LedgerClient.Response head = caller.send("HEAD", path, null, null);
                Set<String> getHeaders = names(get);
                Set<String> headHeaders = names(head);
                if (head.status() != get.status() || !headHeaders.equals(getHeaders)) {
                    differences.add(path + ": GET " + get.status() + " " + getHeaders + ", HEAD " + head.status() + " " + headHeaders);
                }
                assertThat(head.body()).as("HEAD %s", path).isEmpty();
            }
        }

        assertThat(differences).as("paths whose HEAD answers differ from their GET").isEmpty();
    }

    private Set<String> getPatterns() {
        Set<String> patterns = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().stream()
                    .filter(info -> info.getMethodsCondition().getMethods().contains(RequestMethod.GET))
                    .forEach(info -> patterns.addAll(info.getPatternValues()));
        }
        return patterns;
    }

    /** The pattern with its variables named after ids the customer has ("nothing" for the rest). */
    private static String filled(String pattern, int customer) {
        Matcher variable = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String value = switch (variable.group(1).toLowerCase(Locale.ROOT)) {
                case "customer" -> String.valueOf(customer);
                case "space" -> "1";
                case "user" -> "someone";
                case "asset", "image" -> "a1";
                default -> "nothing";
            };
            variable.appendReplacement(path, value);
        }
        variable.appendTail(path);
        return path.toString().replace("/**", "/anything");
    }

    private static Set<String> names(LedgerClient.Response response) {
        return response.raw().headers().map().keySet().stream().map(name -> name.toLowerCase(Locale.ROOT))
                .filter(name -> !NOT_OF_THE_RESOURCE.contains(name)).collect(Collectors.toCollection(TreeSet::new));
    }
}
