package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.baobei.support.BaobeiWebTest;
import io.baobei.support.TestIdentities;

/**
 * The admin's tour of Cockpit, Admin and the API docs under the production security headers: every page renders,
 * and the browser reports no Content-Security-Policy violation (the webapps' policy has no 'unsafe-eval'; the
 * site's allows no inline script). Screenshots in target/screenshots/webapps.
 */
@BaobeiWebTest
@Tag("browser")
class CamundaWebappsBrowserTest {

    private static final Screenshots SCREENSHOTS = new Screenshots("webapps");
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private HeadlessChromium chromium;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void cleanScreenshots() throws IOException {
        SCREENSHOTS.clean();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        HeadlessChromium.assumeAvailable();
        chromium = HeadlessChromium.start();
        driver = chromium.driver;
        wait = chromium.waitUpTo(UI_TIMEOUT);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void adminUsesCockpitAdminAndApiDocsWithoutCspViolations() {
        step("admin-login", this::login);

        step("cockpit-dashboard", () -> {
            driver.get(url("/camunda/app/cockpit/default/#/dashboard"));
            waitForSignedIn();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ctn-view.dashboard")));
        });

        step("cockpit-processes", () -> {
            driver.get(url("/camunda/app/cockpit/default/#/processes"));
            waitForSignedIn();
            // the row of the process definition: its key links to the definition, its name is the model's
            WebElement registration = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//tr[td[contains(@class,'key')]//a[normalize-space(.)='CustomerRegistrationProcess']]")));
            assertThat(registration.findElement(By.cssSelector("td.name")).getText()).isEqualTo("客户报备");
        });

        step("cockpit-process-diagram", () -> {
            clickWhenReady(By.xpath("//td[contains(@class,'key')]//a[normalize-space(.)='CustomerRegistrationProcess']"));
            // bpmn-js draws the model
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".djs-container svg")));
            wait.until(d -> !d.findElements(By.cssSelector(".djs-element.djs-shape")).isEmpty());
        });

        step("admin-users", () -> {
            driver.get(url("/camunda/app/admin/default/#/users"));
            waitForSignedIn();
            // the first page of users, sorted by id (the suite creates many, so repA1 may be on a later page)
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a[href*='/users/" + TestIdentities.ADMIN + "']")));
            driver.get(url("/camunda/app/admin/default/#/users/" + TestIdentities.REP_A1 + "?tab=profile"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"), TestIdentities.REP_A1));
        });

        step("api-docs", () -> {
            driver.get(url("/swagger-ui.html"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .opblock")));
        });
    }

    /**
     * The check above would be worthless if the browser allowed eval or kept quiet about it: a page script's
     * caught eval fails and shows up as a violation.
     */
    @Test
    void anEvalInAWebappIsRefusedAndReported() {
        login();
        step("admin-for-eval", () -> {
            driver.get(url("/camunda/app/admin/default/#/users"));
            try {
                waitForSignedIn();
            } catch (TimeoutException slowFirstLoad) {
                // only a page to run the eval in is needed here (the tour above checks that Admin loads); once in
                // a CI run Admin's first load did not show the user within the timeout, so it gets one reload
                SCREENSHOTS.take(driver, "admin-for-eval-slow");
                driver.navigate().refresh();
                waitForSignedIn();
            }
        });

        // run from a timer, as page code: WebDriver's own script calls are exempt from the page's policy
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.evalCheck = 'pending'; setTimeout(function () {"
                + " try { new Function('return 1')(); window.evalCheck = 'allowed'; }"
                + " catch (e) { window.evalCheck = e.name; } }, 0);");
        String outcome = wait.until(d -> {
            Object result = js.executeScript("return window.evalCheck;");
            return "pending".equals(result) ? null : String.valueOf(result);
        });
        assertThat(outcome).isEqualTo("EvalError");
        List<String> reported = wait.until(d -> {
            List<String> violations = chromium.newCspViolations();
            return violations.isEmpty() ? null : violations;
        });
        assertThat(reported).anySatisfy(entry -> assertThat(entry).contains("script-src", "blocked eval"));
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Through the Baobei login page, which opens Tasklist. */
    private void login() {
        driver.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(TestIdentities.ADMIN);
        driver.findElement(By.id("password")).sendKeys(TestIdentities.PASSWORD);
        SCREENSHOTS.take(driver, "login-page");
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/default/"));
        waitForSignedIn();
    }

    private void clickWhenReady(By locator) {
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    /** The webapp has loaded and knows who is signed in. */
    private void waitForSignedIn() {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".account .dropdown-toggle"),
                TestIdentities.ADMIN));
    }

    /** Runs one step; screenshots the result and fails on any CSP report in the console since the last step. */
    private void step(String name, Runnable action) {
        try {
            action.run();
            SCREENSHOTS.take(driver, name);
            assertThat(chromium.newCspViolations()).as("Content-Security-Policy violations in the console after " + name)
                    .isEmpty();
        } catch (RuntimeException | AssertionError e) {
            SCREENSHOTS.take(driver, name + "-FAILED");
            SCREENSHOTS.dump(driver, name + "-FAILED");
            throw e;
        }
    }
}
