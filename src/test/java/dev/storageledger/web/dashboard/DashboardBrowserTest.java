package dev.storageledger.web.dashboard;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real headless Chromium, one for the class, on the shared test service: each kind of visitor
 * signs in, reads figures that must equal the API's, follows the history chart over ranges with known points, sees a
 * state change colour after writes, is checked by axe-core, and logs out. Screenshots go to target/dashboard/.
 */
class DashboardBrowserTest extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Path SCREENSHOTS = Path.of("target", "dashboard");
    /** The background of each state's badge (dashboard.css), so that a state is seen in colour as well as in words. */
    private static final Map<String, String> STATE_BACKGROUNDS = Map.of(
            "normal", "rgba(218, 251, 225, 1)", "nearing", "rgba(255, 241, 194, 1)", "critical", "rgba(255, 224, 194, 1)",
            "exceeded", "rgba(255, 215, 213, 1)");

    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start();
    }

    /** Each test reads only the console messages of its own page. */
    @BeforeEach
    void forgetConsoleMessages() {
        browser.consoleErrors();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String dashboard() {
        return "http://localhost:" + port + "/dashboard/";
    }

    @Test
    void an_organisation_administrator_sees_their_customer_and_nothing_of_another() throws Exception {
        int customer = newCustomerId();
        int other = newCustomerId();
        given.policy("dash-" + customer, 100, 1_000_000);
        given.customer(customer, "dash-" + customer);
        admin().put("/customers/" + customer, object("name", "Alpha Library " + customer, "storagePolicy", "dash-" + customer));
        given.space(customer, 1);
        given.plan("dash-" + customer, 2_000_000);
        given.user(customer, "boss", object("name", "Olga Boss", "password", PASSWORD, "roles", List.of("organisationAdministrator"),
                "plan", "dash-" + customer));
        given.user(customer, "ann", object("name", "Ann Writer", "roles", List.of("originator"), "plan", "dash-" + customer));
        given.pack(customer, "ann", "autumn", 300_000, Instant.now().plus(20, ChronoUnit.DAYS));
        given.webhook(customer, "http://127.0.0.1:9/hook", List.of("quota.nearing"));
        given.customer(other);
        admin().put("/customers/" + other, object("name", "Zeta Archive " + other));
        given.space(other, 1);
        given.asset(other, 1, "secret-asset", object("size", 777_777_777));
        // Two points of the history that the chart must show: 100000 bytes, then 400000.
        given.asset(customer, 1, "first", object("size", 100_000, "owner", "ann"));
        clock.advance(Duration.ofMillis(1500));
        given.asset(customer, 1, "second", object("size", 300_000, "thumbnailSize", 5_000));
        clock.advance(Duration.ofMillis(1500));
        LedgerClient admin = admin();
        String reservation = admin.post("/customers/" + customer + "/reservations", object("space", 1, "size", 10_000)).json().get("id").asString();
        String job = URI.create(admin.post("/customers/" + customer + "/storage/recalculations", null).header("Location")).getPath();
        Poll.until(() -> admin.get(job).json().get("state").asString().equals("succeeded"), Duration.ofSeconds(30));

        browser.open(dashboard());
        signInWithPassword(Given.email(customer, "boss"), PASSWORD);
        awaitView(".organisation-view");

        JsonNode quota = admin.get("/customers/" + customer + "/quota").json();
        WebElement size = browser.find("[data-limit='totalSizeOfStoredImages']");
        assertThat(size.findElement(By.cssSelector(".used [data-bytes]")).getAttribute("data-bytes"))
                .isEqualTo("400000").isEqualTo(limit(quota, "totalSizeOfStoredImages").get("used").asString());
        assertThat(size.findElement(By.cssSelector(".used [data-bytes]")).getAttribute("title")).isEqualTo("400,000 bytes");
        assertThat(size.findElement(By.cssSelector(".used [data-bytes]")).getText()).isEqualTo("390.6 KiB");
        assertThat(browser.find("[data-limit='numberOfStoredImages'] .used [data-value]").getAttribute("data-value")).isEqualTo("2");
        assertState(browser.find("#limits-title .state"), "normal");
        JsonNode space = admin.get("/customers/" + customer + "/spaces/1/storage").json();
        assertThat(browser.find("#spaces tr[data-space='1'] [data-bytes]").getAttribute("data-bytes"))
                .isEqualTo(space.get("totalSizeOfStoredImages").asString());
        WebElement ann = browser.find("#users tr[data-user='ann']");
        JsonNode annFigures = admin.get("/customers/" + customer + "/users/ann").json();
        assertThat(ann.findElements(By.cssSelector("[data-bytes]")).stream().map(e -> e.getAttribute("data-bytes")).toList())
                .startsWith(annFigures.get("used").asString(), annFigures.get("capacity").asString(), "300000");
        assertThat(ann.getText()).contains("autumn");
        assertThat(browser.find("#jobs").getText()).contains("Recalculation").contains("succeeded").contains("no drift");
        assertThat(browser.find("#reservations").getText()).contains(reservation);
        assertThat(browser.find("[data-limit='totalSizeOfStoredImages']").getText()).contains("Reserved 9.77 KiB");

        Map<String, String> points = chartPoints();
        assertThat(points.values()).contains("100000", "400000");
        assertThat(points).isEqualTo(apiHistory("/customers/" + customer, "totalSizeOfStoredImages", null));

        new Select(browser.find("#range")).selectByValue("month");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".history figcaption"), "P1D"));
        // Daily points from the customer's first midnight on: none yet, as the API says for the same range.
        assertThat(chartPoints()).isEqualTo(apiHistory("/customers/" + customer, "totalSizeOfStoredImages", "P1D"));
        new Select(browser.find("#range")).selectByValue("day");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".history figcaption"), "PT1S"));
        assertThat(browser.driver().getPageSource()).doesNotContain("Zeta Archive").doesNotContain("777777777").doesNotContain("secret-asset");

        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the organisation's view").isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("organisation.png"));

        // Usable at 360 px: nothing wider than the screen but the tables, which scroll in their own frames.
        browser.resize(360, 800);
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(360);
        browser.screenshot(SCREENSHOTS.resolve("organisation-360.png"));
        browser.resize(1280, 1600);

        // 920000 stored and 10000 reserved of 1000000 bytes: nearing; then every byte taken: exceeded. Each seen in words and
        // in colour after Refresh.
        given.asset(customer, 1, "third", object("size", 520_000));
        refresh();
        assertState(browser.find("#limits-title .state"), "nearing");
        given.asset(customer, 1, "fourth", object("size", 70_000));
        refresh();
        assertState(browser.find("#limits-title .state"), "exceeded");
        assertThat(browser.find("[data-limit='totalSizeOfStoredImages'] .used [data-bytes]").getAttribute("data-bytes")).isEqualTo("990000");
        awaitWebhooksAttempted(customer);
        refresh();
        assertThat(browser.find(".webhook").getText()).contains("quota.nearing");

        assertThat(browser.consoleErrors()).as("console errors (a refusal by the Content-Security-Policy would be one)").isEmpty();
        logOutAndForget("Olga Boss");

        // The customer's key reads the same view; it is refused another customer's.
        JsonNode key = admin.post("/customers/" + customer + "/keys", null).json();
        browser.find("input[name='method'][value='key']").click();
        browser.find("#key").sendKeys(key.get("key").asString());
        browser.find("#secret").sendKeys(key.get("secret").asString());
        browser.find("#customer").sendKeys(String.valueOf(other));
        browser.find("#sign-in").click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not a key of customer " + other));
        browser.find("#customer").clear();
        browser.find("#customer").sendKeys(String.valueOf(customer));
        browser.find("#sign-in").click();
        awaitView(".organisation-view[data-customer='" + customer + "']");
        assertThat(browser.find("#view h1").getText()).isEqualTo("Alpha Library " + customer + " (customer " + customer + ")");
        assertThat(browser.find("[data-limit='totalSizeOfStoredImages'] .used [data-bytes]").getAttribute("data-bytes")).isEqualTo("990000");
        logOutAndForget("key " + key.get("key").asString());
    }

    @Test
    void an_originator_sees_their_capacity_packs_and_history() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.user(customer, "ada", object("name", "Ada Originator", "password", PASSWORD, "roles", List.of("originator"), "quota", 1_000_000));
        given.user(customer, "bob", object("name", "Bob Neighbour", "roles", List.of("originator"), "quota", 1_000_000));
        given.pack(customer, "ada", "winter", 250_000, Instant.now().plus(40, ChronoUnit.DAYS));
        given.asset(customer, 1, "bobs", object("size", 654_321, "owner", "bob"));
        given.asset(customer, 1, "one", object("size", 200_000, "thumbnailSize", 10_000, "owner", "ada"));
        clock.advance(Duration.ofMillis(1500));
        given.asset(customer, 1, "two", object("size", 300_000, "owner", "ada"));
        clock.advance(Duration.ofMillis(1500));

        browser.open(dashboard());
        // By keyboard alone: the email field, Tab to the password, Enter to sign in.
        WebElement email = browser.awaitElement("#email");
        email.click();
        email.sendKeys(Given.email(customer, "ada"), Keys.TAB, PASSWORD, Keys.ENTER);
        awaitView(".originator-view");

        String accessToken = login(Given.email(customer, "ada"), PASSWORD).get("access_token").asString();
        JsonNode capacity = bearer(accessToken).get("/api/v4/user/capacity").json().get("data");
        assertThat(browser.find(".capacity .used [data-bytes]").getAttribute("data-bytes")).isEqualTo("510000")
                .isEqualTo(capacity.get("used").asString());
        assertThat(browser.find(".capacity .total [data-bytes]").getAttribute("data-bytes")).isEqualTo("1250000")
                .isEqualTo(capacity.get("total").asString());
        assertThat(browser.find(".capacity .packs [data-bytes]").getAttribute("data-bytes"))
                .isEqualTo(capacity.get("storage_pack_total").asString());
        assertThat(browser.find(".capacity [role='meter']").getAttribute("aria-valuenow")).isEqualTo("41");
        assertState(browser.find("#capacity-title .state"), "normal");
        assertThat(browser.find("#packs").getText()).contains("winter");

        Map<String, String> points = chartPoints();
        assertThat(points.values()).contains("210000", "510000");
        assertThat(points).isEqualTo(apiHistory("/customers/" + customer + "/users/ada", "used", null));
        assertThat(browser.driver().getPageSource()).doesNotContain("Bob Neighbour").doesNotContain("654321");

        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the originator's view").isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("originator.png"));

        // 1150000 of 1250000: 92%, nearing.
        given.asset(customer, 1, "three", object("size", 640_000, "owner", "ada"));
        refresh();
        assertState(browser.find("#capacity-title .state"), "nearing");
        assertThat(browser.find(".capacity .used [data-bytes]").getAttribute("data-bytes")).isEqualTo("1150000");

        assertThat(browser.consoleErrors()).isEmpty();
        logOutAndForget("Ada Originator");
    }

    @Test
    void the_administrator_sees_every_customer_by_usage_and_the_policies() throws Exception {
        int customer = newCustomerId();
        given.policy("dash-admin-" + customer, 10, 1_000_000);
        given.customer(customer, "dash-admin-" + customer);
        given.space(customer, 1);
        given.asset(customer, 1, "a", object("size", 500_000));
        int nearing = newCustomerId();
        int full = newCustomerId();
        for (int filled : List.of(nearing, full)) {
            given.customer(filled, "dash-admin-" + customer);
            given.space(filled, 1);
            given.asset(filled, 1, "a", object("size", filled == full ? 1_000_000 : 950_000));
        }

        browser.open(dashboard());
        browser.awaitElement("input[name='method'][value='key']").click();
        browser.find("#key").sendKeys(ADMIN_KEY);
        browser.find("#secret").sendKeys("a wrong secret");
        browser.find("#sign-in").click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not valid"));
        assertThat(browser.consoleErrors()).singleElement().asString().contains("401");
        browser.find("#secret").clear();
        browser.find("#secret").sendKeys(ADMIN_SECRET);
        browser.find("#sign-in").click();
        awaitView(".admin-view");
        browser.awaitElement(".history[data-points]");

        JsonNode listed = admin().get("/customers?orderBy=usage&pageSize=100").json();
        List<WebElement> rows = browser.all("#customers tr.customer-row");
        assertThat(rows).hasSize(listed.get("member").size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode member = listed.get("member").get(i);
            assertThat(rows.get(i).getAttribute("data-customer")).isEqualTo(member.get("id").asString());
            assertThat(rows.get(i).findElement(By.cssSelector("[data-bytes]")).getAttribute("data-bytes"))
                    .isEqualTo(member.get("totalSizeOfStoredImages").asString());
            assertThat(rows.get(i).findElement(By.cssSelector(".state")).getAttribute("data-state"))
                    .isEqualTo(member.get("state").asString());
        }
        assertThat(browser.find("#policies").getText()).contains("dash-admin-" + customer);
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the administrator's view").isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("administrator.png"));

        new Select(browser.find("#state-filter")).selectByValue("exceeded");
        browser.await(ExpectedConditions.attributeToBe(By.id("state-filter"), "value", "exceeded"));
        browser.await(driver -> browser.all("#customers .state").stream().allMatch(state -> "exceeded".equals(state.getAttribute("data-state"))));
        List<String> exceeded = admin().get("/customers?orderBy=usage&state=exceeded&pageSize=100").json().get("member").valueStream()
                .map(member -> member.get("id").asString()).toList();
        assertThat(exceeded).isNotEmpty().doesNotContain(String.valueOf(nearing), String.valueOf(customer));
        assertThat(browser.all("#customers tr.customer-row").stream().map(row -> row.getAttribute("data-customer")).toList())
                .isEqualTo(exceeded);

        // A customer by its number: its view, as its organisation administrator sees it; a write moves it to nearing.
        browser.find("#open-customer").sendKeys(String.valueOf(customer), Keys.ENTER);
        awaitView(".organisation-view[data-customer='" + customer + "']");
        assertState(browser.find("#limits-title .state"), "normal");
        given.asset(customer, 1, "b", object("size", 450_000));
        refresh();
        assertState(browser.find("#limits-title .state"), "nearing");
        browser.find(".organisation-view button.secondary").click();
        awaitView(".admin-view");

        assertThat(browser.consoleErrors()).isEmpty();
        logOutAndForget("the administrator (" + ADMIN_KEY + ")");
    }

    @Test
    void the_page_is_anonymous_static_and_served_with_a_strict_content_security_policy() {
        LedgerClient.Response page = anonymous().get("/dashboard/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "connect-src 'self'", "frame-ancestors 'none'", "require-trusted-types-for 'script'").doesNotContain("unsafe");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(page.header("Permissions-Policy")).contains("camera=()", "geolocation=()");
        assertThat(page.body()).contains("<script src=\"dashboard.js\" defer></script>").doesNotContain("<script>")
                .doesNotContain("style=").doesNotContain("http://").doesNotContain("https://");
        for (String file : List.of("dashboard.js", "dashboard.css", "icon.svg")) {
            LedgerClient.Response served = anonymous().get("/dashboard/" + file);
            assertThat(served.status()).as(file).isEqualTo(200);
            assertThat(served.header("Content-Security-Policy")).as(file).isEqualTo(page.header("Content-Security-Policy"));
        }
        assertThat(anonymous().get("/dashboard/dashboard.js").body()).doesNotContain("innerHTML").doesNotContain("eval(")
                .doesNotContain("localStorage").doesNotContain("sessionStorage").doesNotContain("document.cookie");
        LedgerClient.Response bare = anonymous().get("/dashboard");
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).endsWith("/dashboard/");
    }

    private void signInWithPassword(String email, String password) {
        browser.awaitElement("#email").sendKeys(email);
        browser.find("#password").sendKeys(password);
        browser.find("#sign-in").click();
    }

    /** Waits for a view and for its history chart. */
    private void awaitView(String css) {
        browser.awaitElement("#view " + css);
        browser.await(driver -> "false".equals(browser.find("#view").getAttribute("aria-busy")) ? true : null);
        browser.await(driver -> browser.all(".chart-holder[aria-busy='false'] .history").isEmpty() ? null : true);
    }

    private void refresh() {
        WebElement before = browser.find("#view > .view");
        browser.find("#refresh").click();
        browser.await(ExpectedConditions.stalenessOf(before));
        browser.await(driver -> "false".equals(browser.find("#view").getAttribute("aria-busy")) ? true : null);
    }

    private static void assertState(WebElement badge, String state) {
        assertThat(badge.getText()).isEqualTo(state);
        assertThat(badge.getCssValue("background-color")).as("the colour of %s", state).isEqualTo(STATE_BACKGROUNDS.get(state));
    }

    private static JsonNode limit(JsonNode quota, String name) {
        for (JsonNode limit : quota.get("limits")) {
            if (limit.get("limit").asString().equals(name)) {
                return limit;
            }
        }
        throw new AssertionError("no limit " + name + " in " + quota);
    }

    /** The chart's points, from the table beside it (opened, read, closed again): instant to value. */
    private static Map<String, String> chartPoints() {
        browser.find(".history summary").click();
        browser.awaitElement(".history details[open] table");
        Map<String, String> points = new LinkedHashMap<>();
        for (WebElement row : browser.all(".history tr.history-point")) {
            points.put(row.getAttribute("data-at"), row.getAttribute("data-value"));
        }
        browser.find(".history summary").click();
        return points;
    }

    /** The API's history of a scope over the range the chart says it shows (its caption's times), as the administrator reads it. */
    private Map<String, String> apiHistory(String scope, String figure, String step) {
        List<WebElement> range = browser.all(".history figcaption time");
        String query = "?from=" + encode(range.get(0).getAttribute("datetime")) + "&to=" + encode(range.get(1).getAttribute("datetime"))
                + (step == null ? "" : "&step=" + step);
        Map<String, String> points = new LinkedHashMap<>();
        for (JsonNode point : admin().get(scope + "/storage/history" + query).json().get("points")) {
            points.put(point.get("at").asString(), point.get(figure).asString());
        }
        return points;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private void awaitWebhooksAttempted(int customer) throws Exception {
        Poll.until(() -> jdbc.sql("""
                        SELECT count(*) > 0 FROM webhook_delivery d JOIN webhook_event e ON e.seq = d.event
                        WHERE e.customer = :customer AND d.attempts > 0
                        """).param("customer", customer).query(Boolean.class).single(), Duration.ofSeconds(30));
    }

    /** Logs out: the sign-in form again, nothing of the view left, and no credential kept anywhere in the browser. */
    private static void logOutAndForget(String name) {
        assertThat(browser.find("#who").getText()).isEqualTo("Signed in as " + name);
        browser.find("#logout").click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(browser.find("#who").getText()).isEmpty();
        assertThat(browser.find("#view").getText()).isEmpty();
        assertThat(browser.all("#view *")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(name);
        assertThat(browser.storage()).containsEntry("local", 0L).containsEntry("session", 0L).containsEntry("cookies", "");
        assertThat(browser.find("#password").getAttribute("value")).isEmpty();
        assertThat(browser.find("#secret").getAttribute("value")).isEmpty();
    }
}
