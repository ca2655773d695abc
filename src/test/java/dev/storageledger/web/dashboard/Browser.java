package dev.storageledger.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One headless Chromium for a test class, driven by Debian's chromium-driver. It never downloads a browser or a
 * driver: when either is missing it fails, naming the packages to install (CI's .ci/run installs them).
 */
final class Browser implements AutoCloseable {

    /** Debian's paths; the system properties dashboard.chromium and dashboard.chromedriver name others. */
    private static final Path CHROMIUM = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChromeDriver driver;
    private final String axe;

    private Browser(ChromeDriver driver, String axe) {
        this.driver = driver;
        this.axe = axe;
    }

    static Browser start() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM)).as("the browser %s is missing: install Debian's chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver; .ci/run does)", CHROMIUM).isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as("the driver %s is missing: install Debian's chromium-driver", CHROMEDRIVER)
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-GB",
                "--window-size=1280,1600", "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        String axe;
        try (InputStream script = Browser.class.getResourceAsStream("/axe.min.js")) {
            assertThat(script).as("axe-core's axe.min.js on the test class path").isNotNull();
            axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
        ChromeDriver driver = new ChromeDriver(service, options);
        // axe-core on a long page of a loaded machine may take more than the default 30 s.
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
        return new Browser(driver, axe);
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    <T> T await(ExpectedCondition<T> condition) {
        // A view drawn again replaces its elements: one found just before is stale, and looked for again.
        return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Waits until an element matches {@code css} and answers it. */
    WebElement awaitElement(String css) {
        return await(browser -> {
            List<WebElement> found = browser.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A screenshot of the whole page, saved at {@code file}. */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Object height = script("return Math.ceil(document.documentElement.scrollHeight)");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(before.getWidth(), Math.max(before.getHeight(), ((Number) height).intValue() + 140)));
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(before);
    }

    /** axe-core run in the page: its violations of impact serious or critical, each as "id (impact): help: targets". */
    List<String> seriousAccessibilityViolations() {
        script(axe);
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                    .then((results) => done(JSON.stringify(results.violations)), (error) => done('failed: ' + error));
                """);
        assertThat(String.valueOf(answer)).as("axe-core ran").doesNotStartWith("failed");
        JsonNode violations = JSON.readTree(String.valueOf(answer));
        return violations.valueStream()
                .filter(violation -> List.of("serious", "critical").contains(violation.path("impact").asString()))
                .map(violation -> violation.get("id").asString() + " (" + violation.get("impact").asString() + "): "
                        + violation.get("help").asString() + ": " + violation.get("nodes").valueStream()
                        .map(node -> node.get("target").toString()).toList())
                .toList();
    }

    /** The browser's console errors since the last call (a script refused by the Content-Security-Policy among them). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    Map<String, Object> storage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) script(
                "return { local: window.localStorage.length, session: window.sessionStorage.length, cookies: document.cookie };");
        return found;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
