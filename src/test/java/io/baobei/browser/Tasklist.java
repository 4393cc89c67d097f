package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.baobei.support.TestIdentities;

/**
 * What a person does in Camunda Tasklist (zh locale) and its Camunda Forms (form-js), for the browser tests: sign
 * in and out, start a process from the start dialog, open a task, fill, claim and complete it. Every {@link #step}
 * is screenshotted and fails on an error notification or a Content-Security-Policy violation.
 */
final class Tasklist implements AutoCloseable {

    static final Duration UI_TIMEOUT = Duration.ofSeconds(20);
    /** How long a process may take to reach a task (the job executor runs the asynchronous steps). */
    static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(30);

    /** The id of the task open in Tasklist, in the page's address. */
    private static final Pattern OPEN_TASK = Pattern.compile("[?&]task=([0-9a-zA-Z-]+)");

    private final HeadlessChromium chromium;
    private final WebDriver driver;
    private final WebDriverWait wait;
    private final Screenshots screenshots;
    private final int port;

    private Tasklist(HeadlessChromium chromium, Screenshots screenshots, int port) {
        this.chromium = chromium;
        this.driver = chromium.driver;
        this.wait = chromium.waitUpTo(UI_TIMEOUT);
        this.screenshots = screenshots;
        this.port = port;
    }

    /**
     * A new headless browser for the application on {@code port}; skips the test without Chromium (fails it when the
     * browser is required, see {@link HeadlessChromium#assumeAvailable()}).
     */
    static Tasklist open(Screenshots screenshots, int port) throws IOException {
        HeadlessChromium.assumeAvailable();
        return new Tasklist(HeadlessChromium.start(), screenshots, port);
    }

    @Override
    public void close() throws IOException {
        chromium.close();
    }

    WebDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        return wait;
    }

    // --- signing in and out --------------------------------------------------------------------------------

    /** The site root sends an anonymous visitor to the Baobei login page, and from there into Tasklist. */
    void login(String username) {
        login(username, username);
    }

    /** The same for a user whose name Tasklist shows in its header instead of the login ({@code shownAs}: part of it). */
    void login(String username, String shownAs) {
        driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(TestIdentities.PASSWORD);
        screenshot(username + "-login-page");
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/default/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".account .dropdown-toggle"), shownAs));
        waitForTasklist();
    }

    /** Signing out of Tasklist ends the Spring session too: the login page is back, Tasklist asks for a login. */
    void logout() {
        clickWhenReady(By.cssSelector(".account .dropdown-toggle"));
        clickWhenReady(By.xpath("//li[contains(@class,'logout')]/a[normalize-space(.)='退出登录']"));
        wait.until(ExpectedConditions.urlContains("/login?logout"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit")));
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit")));
    }

    /** Tasklist is ready once it shows who is logged in and has loaded the filters. */
    private void waitForTasklist() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".account .dropdown-toggle")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .content h4 a")));
    }

    // --- starting a process --------------------------------------------------------------------------------

    /** Opens 发起流程, picks the process by its name and waits for its Camunda Form in the dialog. */
    void openStartForm(String processName) {
        clickWhenReady(By.xpath("//a[@ng-click='open()' and contains(normalize-space(.), '发起流程')]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-content")));
        clickWhenReady(By.xpath("//div[contains(@class,'modal-body')]//a[normalize-space(.)='" + processName + "']"));
        // form-js renders the Camunda Form inside the modal
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-body .fjs-form")));
    }

    /** 发起: the dialog closes and Tasklist confirms with a notification. */
    void submitStartForm() {
        clickWhenReady(By.xpath("//div[contains(@class,'modal-footer')]//button[contains(@class,'btn-primary') and normalize-space(.)='发起']"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-content")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notifications"), "流程已发起"));
    }

    // --- tasks ---------------------------------------------------------------------------------------------

    /**
     * Selects the filter and opens the task called {@code taskName} whose form shows {@code value} in the field
     * labelled {@code fieldLabel}. The task cards don't show that field, so it opens the tasks of that name one by
     * one; if none fits yet (the process may still be on its way to the task), it reloads the page, as a user would.
     */
    void openTask(String filter, String taskName, String fieldLabel, String value) {
        long deadline = System.nanoTime() + BACKEND_TIMEOUT.toNanos();
        List<String> seen = List.of();
        while (System.nanoTime() < deadline) {
            selectFilter(filter);
            seen = new ArrayList<>();
            if (openCardOf(taskName, fieldLabel, value, seen)) {
                return;
            }
            driver.navigate().refresh();
            waitForTasklist();
        }
        throw new AssertionError("no task " + taskName + " with " + fieldLabel + " " + value + " in filter " + filter
                + "; saw " + seen);
    }

    /**
     * Selects the filter and opens the one task called {@code taskName} in it, waiting (reloading) until there is
     * one: for a user who has no other task of that name.
     */
    void openOnlyTask(String filter, String taskName) {
        long deadline = System.nanoTime() + BACKEND_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            selectFilter(filter);
            List<WebElement> links = taskLinks(taskName);
            if (!links.isEmpty()) {
                assertThat(links).as("tasks " + taskName + " in filter " + filter).hasSize(1);
                openTaskLink(links.get(0), taskName);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-card .fjs-form")));
                return;
            }
            driver.navigate().refresh();
            waitForTasklist();
        }
        throw new AssertionError("no task " + taskName + " in filter " + filter);
    }

    private void selectFilter(String filter) {
        // the link also holds the (hidden) task counter, so match its first text node only
        String filterItem = "//section[contains(@class,'task-filters')]//div[contains(@class,'task-filter')]"
                + "[.//h4/a[normalize-space(text()[1])='" + filter + "']]";
        clickWhenReady(By.xpath(filterItem + "//h4/a"));
        wait.until(ExpectedConditions.attributeContains(By.xpath(filterItem), "class", "active"));
    }

    private static String taskLinksXpath(String taskName) {
        return "//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
                + "//h4[contains(@class,'task')]/a[normalize-space(.)='" + taskName + "']";
    }

    /** The links of the listed tasks of that name, after the list had up to 3 seconds to show one. */
    private List<WebElement> taskLinks(String taskName) {
        By links = By.xpath(taskLinksXpath(taskName));
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(3)).until(d -> {
                List<WebElement> found = d.findElements(links);
                return found.isEmpty() ? null : found;
            });
        } catch (TimeoutException e) {
            return List.of();
        }
    }

    /**
     * Opens the task whose card shows {@code value} (every filter shows the company name on its cards), on this page
     * of the list or a later one: a director's or an admin's list can hold more than one page of 15 tasks, and tasks
     * created while another test had moved the engine's clock are listed first (Tasklist sorts by creation date).
     * Then waits for the form to show that value in the field labelled {@code fieldLabel}.
     */
    private boolean openCardOf(String taskName, String fieldLabel, String value, List<String> seen) {
        String cards = "//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
                + "[.//h4[contains(@class,'task')]/a[normalize-space(.)='" + taskName + "']]";
        By card = By.xpath(cards + "[contains(normalize-space(.), " + xpathLiteral(value) + ")]"
                + "//h4[contains(@class,'task')]/a");
        By nextPage = By.xpath("//ul[contains(@class,'pagination')][ancestor::*[.//ol[contains(@class,'tasks-list')]]]"
                + "/li[contains(@class,'pagination-next') and not(contains(@class,'disabled'))]/a");
        if (taskLinks(taskName).isEmpty()) {
            return false;
        }
        for (int page = 1; page <= 20; page++) {
            List<WebElement> found = driver.findElements(card);
            if (!found.isEmpty()) {
                openTaskLink(found.get(0), taskName);
                // Tasklist reuses the form and loads the new task's variables asynchronously: wait for them
                wait.until(d -> value.equals(shownValue(fieldLabel)) ? true : null);
                return true;
            }
            driver.findElements(By.xpath(cards)).forEach(other -> seen.add(other.getText().replace('\n', ' ')));
            List<WebElement> next = driver.findElements(nextPage);
            if (next.isEmpty()) {
                return false;
            }
            WebElement firstCard = driver.findElement(By.cssSelector("ol.tasks-list > li.task"));
            scrollIntoView(next.get(0)).click();
            wait.until(ExpectedConditions.stalenessOf(firstCard));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.tasks-list > li.task")));
        }
        return false;
    }

    /** An XPath string literal for any text (a company name may hold a quote). */
    private static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private static String taskId(WebElement taskLink) {
        String href = taskLink.getAttribute("href");
        return href.substring(href.indexOf("task=") + "task=".length());
    }

    private void openTaskLink(WebElement link, String taskName) {
        String taskId = taskId(link);
        scrollIntoView(link).click();
        wait.until(ExpectedConditions.urlContains("task=" + taskId));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-card h2.task"), taskName));
    }

    /** The value of the open task's form field labelled {@code label}, or null while there is none. */
    String shownValue(String label) {
        List<WebElement> forms = driver.findElements(By.cssSelector(".task-card .fjs-form"));
        if (forms.isEmpty()) {
            return null;
        }
        String value = inputOf(label).getAttribute("value");
        return value == null || value.isBlank() ? null : value;
    }

    /** The title of the open task. */
    String openTaskName() {
        return driver.findElement(By.cssSelector(".task-card h2.task")).getText();
    }

    /** The text of the task list (its cards). */
    String taskListText() {
        return driver.findElement(By.cssSelector(".tasks-list")).getText();
    }

    /**
     * A group task (审核报备, 审批领取) is claimed for its candidate as it opens (custom/baobei-tasks.js): no 认领 click,
     * the "×" that gives it back replaces 认领 and the form can be filled.
     */
    void claim() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-card button.unclaim")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-card button.claim")));
    }

    /**
     * 完成: Tasklist closes the task's form once the engine has accepted it. Information notifications that stay
     * (e.g. "您在同一流程中还被分配了以下任务") can cover the button at the foot of a long form; a user closes them.
     */
    void complete() {
        Matcher open = OPEN_TASK.matcher(driver.getCurrentUrl());
        assertThat(open.find()).as("a task is open: " + driver.getCurrentUrl()).isTrue();
        closeInfoNotifications();
        clickWhenReady(By.xpath("//div[contains(@class,'form-actions')]/button[normalize-space(.)='完成']"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-card .fjs-form")));
        // the list reloads a moment later: until then the completed task is still listed (and opening it fails)
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(
                ".tasks-list a[href*='task=" + open.group(1) + "']"), 0));
    }

    // --- Camunda Form (form-js) fields ---------------------------------------------------------------------

    /** The visible form-js field whose label reads {@code label} (required fields add a "*"). */
    WebElement fieldGroup(String label) {
        return wait.until(d -> field(label).orElse(null));
    }

    /** The form-js field labelled {@code label} as the form shows it now: none while a conditional hides it. */
    Optional<WebElement> field(String label) {
        return driver.findElements(By.cssSelector(".fjs-form-field")).stream()
                .filter(field -> field.findElements(By.cssSelector(".fjs-form-field-label")).stream()
                        .findFirst()
                        .map(l -> l.getText().replace("*", "").trim().equals(label))
                        .orElse(false))
                .findFirst();
    }

    WebElement inputOf(String label) {
        return fieldGroup(label).findElement(By.cssSelector("input, textarea"));
    }

    void type(String label, String text) {
        WebElement input = scrollIntoView(inputOf(label));
        input.click();
        input.sendKeys(text);
    }

    /** Opens the field's date picker (flatpickr) and clicks today's date. */
    void pickToday(String label) {
        WebElement field = fieldGroup(label);
        WebElement input = scrollIntoView(field.findElement(By.cssSelector("input.flatpickr-input")));
        input.click();
        WebElement today = wait.until(ExpectedConditions.elementToBeClickable(
                field.findElement(By.cssSelector(".flatpickr-calendar .flatpickr-day.today"))));
        today.click();
        wait.until(d -> !input.getAttribute("value").isBlank());
    }

    /** Opens the select and clicks the option that reads {@code option}. */
    void select(String label, String option) {
        WebElement field = fieldGroup(label);
        scrollIntoView(field.findElement(By.cssSelector(".fjs-input-group"))).click();
        WebElement item = wait.until(d -> field.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
                .filter(i -> i.getText().trim().equals(option)).findFirst().orElse(null));
        item.click();
    }

    /**
     * Types {@code text} into a searchable select and clicks the one option that contains it; returns that option's
     * text.
     */
    String searchAndSelect(String label, String text) {
        WebElement field = fieldGroup(label);
        WebElement input = scrollIntoView(field.findElement(By.cssSelector(".fjs-input-group input")));
        input.click();
        input.sendKeys(text);
        List<WebElement> items = wait.until(d -> {
            List<WebElement> found = field.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
                    .filter(i -> i.getText().contains(text)).toList();
            return found.isEmpty() ? null : found;
        });
        assertThat(items).as("options of " + label + " containing " + text).hasSize(1);
        String option = items.get(0).getText().trim();
        items.get(0).click();
        return option;
    }

    void chooseRadio(String label, String option) {
        WebElement field = fieldGroup(label);
        WebElement choice = field.findElements(By.cssSelector("label")).stream()
                .filter(l -> l.getText().trim().equals(option)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + option + " in " + label));
        scrollIntoView(choice).click();
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    void clickWhenReady(By locator) {
        scrollIntoView(wait.until(ExpectedConditions.elementToBeClickable(locator))).click();
    }

    /** Centers the element in its scrolling column, clear of Tasklist's fixed header and footer. */
    WebElement scrollIntoView(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        return element;
    }

    /**
     * Runs one user-visible step; screenshots the result, or the page and its HTML when the step fails. A step
     * that made Tasklist show an error or the browser report a Content-Security-Policy violation fails.
     */
    void step(String name, Runnable action) {
        try {
            action.run();
            assertThat(errorNotifications()).as("Tasklist error notifications after " + name).isEmpty();
            screenshot(name);
            assertThat(chromium.newCspViolations()).as("Content-Security-Policy violations in the console after " + name)
                    .isEmpty();
        } catch (RuntimeException | AssertionError e) {
            screenshot(name + "-FAILED");
            screenshots.dump(driver, name + "-FAILED");
            throw e;
        }
    }

    private void closeInfoNotifications() {
        for (WebElement close : driver.findElements(By.cssSelector(".notifications .alert-info button.close"))) {
            try {
                if (close.isDisplayed()) {
                    close.click();
                }
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                // the notification timed out by itself meanwhile
            }
        }
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".notifications .alert-info")));
    }

    /** The red notifications Tasklist shows when a request fails (e.g. the start form is rejected). */
    private List<String> errorNotifications() {
        return wait.until(d -> d.findElements(By.cssSelector(".notifications .alert-danger")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList());
    }

    void screenshot(String name) {
        screenshots.take(driver, name);
    }

    // --- added for RegistrationSilenceBrowserTest ----------------------------------------------------------

    /** Replaces the text of the form field labelled {@code label}, as a user selecting all and typing over it. */
    void retype(String label, String text) {
        WebElement input = scrollIntoView(inputOf(label));
        input.click();
        input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"));
        input.sendKeys(org.openqa.selenium.Keys.DELETE);
        input.sendKeys(text);
    }

    /** The id of the task open in Tasklist. */
    String openTaskId() {
        Matcher open = OPEN_TASK.matcher(driver.getCurrentUrl());
        assertThat(open.find()).as("a task is open: " + driver.getCurrentUrl()).isTrue();
        return open.group(1);
    }

    /** Waits for Tasklist's red notifications (a refused request) and returns their texts. */
    List<String> awaitErrorNotifications() {
        return wait.until(d -> {
            List<String> shown = errorNotifications();
            return shown.isEmpty() ? null : shown;
        });
    }

    /**
     * POSTs {@code body} to {@code path} of the engine API from the signed-in page, with Tasklist's XSRF token, as
     * Tasklist's own scripts do; returns "status body".
     */
    String postFromPage(String path, String body) {
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = (document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')) || '').substring(11);
                fetch(arguments[0], {method: 'POST', credentials: 'same-origin', body: arguments[1],
                        headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-XSRF-TOKEN': token}})
                    .then(r => r.text().then(t => done(r.status + ' ' + t)), e => done('0 ' + e));
                """, path, body);
        return String.valueOf(answer);
    }

    /**
     * Waits up to {@link #BACKEND_TIMEOUT} for the back end (the job executor runs checks, grants and records
     * asynchronously) until {@code probe} answers something; fails naming {@code what}.
     */
    static <T> T awaitBackend(String what, java.util.function.Supplier<java.util.Optional<T>> probe) {
        long deadline = System.nanoTime() + BACKEND_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Screenshots.sleep(250);
        }
        throw new AssertionError(what + " not within " + BACKEND_TIMEOUT);
    }

    /** The browser's today (its date picker's "today"): Asia/Shanghai, whatever zone this machine runs in. */
    static java.time.LocalDate today() {
        return java.time.LocalDate.now(HeadlessChromium.ZONE);
    }
}
