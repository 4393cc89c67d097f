package io.baobei.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the browser tests. Uses the system chromedriver explicitly, so Selenium
 * Manager never tries to download a browser or driver. Keeps the browser console, so tests can assert that no
 * Content-Security-Policy violation happened.
 */
final class HeadlessChromium implements AutoCloseable {

    /** The browser's time zone: a sales team in China. Its "today" is {@link Tasklist#today()}. */
    static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** CI sets this to make a missing browser a failure instead of a skip. */
    static final String REQUIRED_PROPERTY = "baobei.test.browser.required";

    final ChromeDriver driver;
    private final Path profile;
    /**
     * Logs every CSP violation of a page to its console. Chrome logs some itself, but not an eval that a script
     * attempts and catches (the EvalError is all there is), while the violation event fires for every one.
     */
    private static final String REPORT_CSP_VIOLATIONS = """
            document.addEventListener('securitypolicyviolation', function (e) {
              console.error('Content Security Policy violation: ' + e.effectiveDirective + ' blocked '
                  + (e.blockedURI || '?') + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber);
            });
            """;

    /** Every console entry so far; ChromeDriver hands each one out only once. */
    private final List<String> console = new ArrayList<>();
    private int checkedUpTo;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test when Chromium is missing, or fails it when the browser is required. */
    static void assumeAvailable() {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "Chromium browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install -y chromium chromium-driver)";
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            Assertions.assertTrue(available, message + "; required because -D" + REQUIRED_PROPERTY + "=true");
        } else {
            Assumptions.assumeTrue(available, message + "; skipped (set -D" + REQUIRED_PROPERTY + "=true to fail)");
        }
    }

    static HeadlessChromium start() throws IOException {
        Path profile = Files.createTempDirectory("baobei-chromium-");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1000", "--lang=zh-CN",
                "--user-data-dir=" + profile.toAbsolutePath());
        // Tasklist chooses its locale from the browser's Accept-Language
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        // keep the console (CSP violations end up there)
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                // the browser of a sales team in China: dates and times as they see them (footer: Asia/Shanghai)
                .withEnvironment(Map.of("TZ", ZONE.getId()))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // before any script of every page this browser opens
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", REPORT_CSP_VIOLATIONS));
        return new HeadlessChromium(driver, profile);
    }

    /**
     * A wait on this browser's pages, polling every 200 ms. Tasklist, Cockpit and Admin (AngularJS) re-render
     * freely, so a stale element is looked up again instead of failing the wait.
     */
    WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The whole browser console of this session, oldest first. */
    List<String> console() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
        return List.copyOf(console);
    }

    /**
     * Console entries about the Content-Security-Policy that appeared since the previous call, except the
     * reports of AngularJS's eval probe (see AngularEvalProbe).
     */
    List<String> newCspViolations() {
        List<String> all = console();
        List<String> violations = all.subList(checkedUpTo, all.size()).stream()
                .filter(HeadlessChromium::isCspViolation)
                .filter(entry -> !AngularEvalProbe.isProbe(entry))
                .toList();
        checkedUpTo = all.size();
        return violations;
    }

    static boolean isCspViolation(String consoleEntry) {
        return consoleEntry.contains("Content Security Policy") || consoleEntry.contains("unsafe-eval");
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
