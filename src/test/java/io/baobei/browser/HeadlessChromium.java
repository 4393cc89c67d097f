package io.baobei.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the browser tests. Uses the system chromedriver explicitly, so Selenium
 * Manager never tries to download a browser or driver.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** CI sets this to make a missing browser a failure instead of a skip. */
    static final String REQUIRED_PROPERTY = "baobei.test.browser.required";

    final ChromeDriver driver;
    private final Path profile;

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
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
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
