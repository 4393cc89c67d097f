package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.baobei.customer.CustomerRepository;
import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.registration.Registration;
import io.baobei.registration.RegistrationRepository;
import io.baobei.registration.RegistrationStatus;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.TestIdentities;

/**
 * The happy path as people click it in Camunda Tasklist (zh locale): a rep registers a prospect with the
 * Camunda Form, the duplicate check runs on the job executor, the team manager approves, and the rep gets
 * the follow-up task. Screenshots of every step land in target/screenshots/tasklist. No step may make the
 * browser report a Content-Security-Policy violation.
 */
@BaobeiWebTest
@Tag("browser")
class TasklistBrowserTest {

    private static final Screenshots SCREENSHOTS = new Screenshots("tasklist");
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(30);
    /** Statuses the happy path never passes through: no use waiting any longer. */
    private static final Set<RegistrationStatus> DEAD_ENDS = EnumSet.of(RegistrationStatus.CONFLICT,
            RegistrationStatus.REJECTED, RegistrationStatus.REVISION, RegistrationStatus.WITHDRAWN);

    @LocalServerPort
    int port;
    @Autowired
    RegistrationRepository registrations;
    @Autowired
    CustomerRepository customers;

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
    void repRegistersManagerApprovesRepGetsFollowUpTask() {
        // unique company and phone: the duplicate check would otherwise match earlier runs' customers
        String company = "浏览器测试科技有限公司" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String phone = "139" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);

        // 1. The site root sends an anonymous visitor to the Baobei login page, and from there into Tasklist.
        step("rep-login", () -> login(TestIdentities.REP_A1));

        // 2. Start the registration process with its Camunda Form.
        step("start-form-filled", () -> fillStartForm(company, phone));
        step("process-started", this::submitStartForm);

        // 3. The duplicate check runs asynchronously on the job executor.
        Registration submitted = awaitRegistration(company, RegistrationStatus.IN_REVIEW);
        assertThat(submitted.getSubmitter()).isEqualTo(TestIdentities.REP_A1);
        assertThat(submitted.getIndustry()).isEqualTo(Industry.IT);
        assertThat(submitted.getGrade()).isEqualTo(Grade.A);
        assertThat(submitted.getPhone()).isEqualTo(phone);
        // "today" of the browser, which runs on this machine (the day may just have turned)
        assertThat(submitted.getFirstContactDate()).isIn(LocalDate.now(), LocalDate.now().minusDays(1));

        // 4. Signing out of Tasklist ends the Spring session too: the login page is back.
        step("rep-logged-out", this::logout);

        // 5. The manager claims and approves the review task.
        step("manager-login", () -> login(TestIdentities.MGR_A));
        step("review-task-opened", () -> openTask("待我审核", "审核报备", company));
        step("review-task-claimed", this::claim);
        step("review-approved", () -> {
            chooseRadio("审核结果", "批准");
            screenshot("review-decision-chosen");
            complete();
        });

        // 6. Approval grants protection asynchronously; then the rep sees the follow-up task.
        Registration approved = awaitRegistration(company, RegistrationStatus.APPROVED);
        assertThat(approved.getCustomerId()).isNotNull();
        assertThat(customers.findById(approved.getCustomerId())).isPresent();
        step("manager-logged-out", this::logout);
        step("rep-login-again", () -> login(TestIdentities.REP_A1));
        step("follow-up-task", () -> openTask("我的任务", "客户跟进", company));
        assertThat(driver.findElement(By.cssSelector(".tasks-list")).getText()).contains("客户跟进")
                .as("task cards show the company (task-local variable, readable by the assignee)").contains(company);
        assertThat(driver.findElement(By.cssSelector(".task-card h2.task")).getText()).isEqualTo("客户跟进");
        assertThat(shownCompany()).isEqualTo(company);
    }

    // --- steps -------------------------------------------------------------------------------------------

    private void login(String username) {
        driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(TestIdentities.PASSWORD);
        screenshot(username + "-login-page");
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/default/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".account .dropdown-toggle"), username));
        waitForTasklist();
    }

    /** Tasklist is ready once it shows who is logged in and has loaded the filters. */
    private void waitForTasklist() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".account .dropdown-toggle")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters .content h4 a")));
    }

    private void fillStartForm(String company, String phone) {
        clickWhenReady(By.xpath("//a[@ng-click='open()' and contains(normalize-space(.), '发起流程')]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-content")));
        clickWhenReady(By.xpath("//div[contains(@class,'modal-body')]//a[normalize-space(.)='客户报备']"));
        // form-js renders the Camunda Form inside the modal
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-body .fjs-form")));
        type("公司名称", company);
        type("联系人", "张三");
        type("联系电话", phone);
        select("所属行业", "信息技术/互联网");
        type("所在地区", "广东省深圳市");
        // the date field shows and parses mm/dd/yyyy (typed YYYY-MM-DD is misread), so use its calendar
        pickToday("首次接触日期");
        chooseRadio("意向等级", "A - 有明确意向和购买需求");
    }

    private void submitStartForm() {
        clickWhenReady(By.xpath("//div[contains(@class,'modal-footer')]//button[contains(@class,'btn-primary') and normalize-space(.)='发起']"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-content")));
        // Tasklist confirms with a notification
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notifications"), "流程已发起"));
    }

    private void logout() {
        clickWhenReady(By.cssSelector(".account .dropdown-toggle"));
        clickWhenReady(By.xpath("//li[contains(@class,'logout')]/a[normalize-space(.)='退出登录']"));
        wait.until(ExpectedConditions.urlContains("/login?logout"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit")));
        // really signed out: Tasklist asks for a login again
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit")));
    }

    /**
     * Selects the filter and opens the task called {@code taskName} that shows {@code company} in its form.
     * The task cards don't show the company, so it opens the tasks of that name one by one; if none fits
     * yet (the process may still be on its way to the task), it reloads the page, as a user would.
     */
    private void openTask(String filter, String taskName, String company) {
        long deadline = System.nanoTime() + BACKEND_TIMEOUT.toNanos();
        List<String> seen = List.of();
        while (System.nanoTime() < deadline) {
            selectFilter(filter);
            seen = new ArrayList<>();
            if (openTaskOf(taskName, company, seen)) {
                return;
            }
            driver.navigate().refresh();
            waitForTasklist();
        }
        throw new AssertionError("no task " + taskName + " for " + company + " in filter " + filter + "; saw " + seen);
    }

    private void selectFilter(String filter) {
        // the link also holds the (hidden) task counter, so match its first text node only
        String filterItem = "//section[contains(@class,'task-filters')]//div[contains(@class,'task-filter')]"
                + "[.//h4/a[normalize-space(text()[1])='" + filter + "']]";
        clickWhenReady(By.xpath(filterItem + "//h4/a"));
        wait.until(ExpectedConditions.attributeContains(By.xpath(filterItem), "class", "active"));
    }

    private boolean openTaskOf(String taskName, String company, List<String> seen) {
        String taskLinks = "//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
                + "//h4[contains(@class,'task')]/a[normalize-space(.)='" + taskName + "']";
        int count;
        try {
            count = new WebDriverWait(driver, Duration.ofSeconds(3)).until(d -> {
                int n = d.findElements(By.xpath(taskLinks)).size();
                return n > 0 ? n : null;
            });
        } catch (TimeoutException e) {
            return false;
        }
        for (int i = 1; i <= count; i++) {
            WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("(" + taskLinks + ")[" + i + "]")));
            String href = link.getAttribute("href");
            String taskId = href.substring(href.indexOf("task=") + "task=".length());
            boolean alreadyOpen = driver.getCurrentUrl().contains("task=" + taskId);
            String before = alreadyOpen ? null : shownCompany();
            scrollIntoView(link).click();
            wait.until(ExpectedConditions.urlContains("task=" + taskId));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-card h2.task"), taskName));
            // Tasklist reuses the form and loads the new task's variables asynchronously: wait for them
            String shown = wait.until(d -> {
                String value = shownCompany();
                return value == null || value.equals(before) ? null : value;
            });
            if (shown.equals(company)) {
                return true;
            }
            seen.add(shown);
        }
        return false;
    }

    /** The company name in the open task's form, or null while there is none. */
    private String shownCompany() {
        List<WebElement> forms = driver.findElements(By.cssSelector(".task-card .fjs-form"));
        if (forms.isEmpty()) {
            return null;
        }
        String value = inputOf("公司名称").getAttribute("value");
        return value == null || value.isBlank() ? null : value;
    }

    private void claim() {
        clickWhenReady(By.cssSelector(".task-card button.claim"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-card button.unclaim")));
    }

    private void complete() {
        clickWhenReady(By.xpath("//div[contains(@class,'form-actions')]/button[normalize-space(.)='完成']"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-card .fjs-form")));
    }

    // --- Camunda Form (form-js) fields ---------------------------------------------------------------------

    /** The form-js field whose label reads {@code label} (required fields add a "*"). */
    private WebElement fieldGroup(String label) {
        return wait.until(d -> d.findElements(By.cssSelector(".fjs-form-field")).stream()
                .filter(field -> field.findElements(By.cssSelector(".fjs-form-field-label")).stream()
                        .findFirst()
                        .map(l -> l.getText().replace("*", "").trim().equals(label))
                        .orElse(false))
                .findFirst().orElse(null));
    }

    private WebElement inputOf(String label) {
        return fieldGroup(label).findElement(By.cssSelector("input, textarea"));
    }

    private void type(String label, String text) {
        WebElement input = scrollIntoView(inputOf(label));
        input.click();
        input.sendKeys(text);
    }

    /** Opens the field's date picker (flatpickr) and clicks today's date. */
    private void pickToday(String label) {
        WebElement field = fieldGroup(label);
        WebElement input = scrollIntoView(field.findElement(By.cssSelector("input.flatpickr-input")));
        input.click();
        WebElement today = wait.until(ExpectedConditions.elementToBeClickable(
                field.findElement(By.cssSelector(".flatpickr-calendar .flatpickr-day.today"))));
        today.click();
        wait.until(d -> !input.getAttribute("value").isBlank());
    }

    private void select(String label, String option) {
        WebElement field = fieldGroup(label);
        scrollIntoView(field.findElement(By.cssSelector(".fjs-input-group"))).click();
        WebElement item = wait.until(d -> field.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
                .filter(i -> i.getText().trim().equals(option)).findFirst().orElse(null));
        item.click();
    }

    private void chooseRadio(String label, String option) {
        WebElement field = fieldGroup(label);
        WebElement choice = field.findElements(By.cssSelector("label")).stream()
                .filter(l -> l.getText().trim().equals(option)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + option + " in " + label));
        scrollIntoView(choice).click();
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    private Registration awaitRegistration(String company, RegistrationStatus status) {
        Supplier<Optional<Registration>> find = () -> registrations.findAll().stream()
                .filter(r -> company.equals(r.getCompanyName())).findFirst();
        long deadline = System.nanoTime() + BACKEND_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Registration> registration = find.get();
            if (registration.isPresent() && registration.get().getStatus() == status) {
                return registration.get();
            }
            if (registration.isPresent() && DEAD_ENDS.contains(registration.get().getStatus())) {
                throw new AssertionError("registration " + company + " ended " + registration.get().getStatus()
                        + " instead of reaching " + status);
            }
            sleep(250);
        }
        throw new AssertionError("registration " + company + " did not reach " + status + " within "
                + BACKEND_TIMEOUT + "; now " + find.get().map(Registration::getStatus).orElse(null));
    }

    private void clickWhenReady(By locator) {
        scrollIntoView(wait.until(ExpectedConditions.elementToBeClickable(locator))).click();
    }

    /** Centers the element in its scrolling column, clear of Tasklist's fixed header and footer. */
    private WebElement scrollIntoView(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        return element;
    }

    /**
     * Runs one user-visible step; screenshots the result, or the page and its HTML when the step fails. A step
     * that made the browser report a Content-Security-Policy violation fails.
     */
    private void step(String name, Runnable action) {
        try {
            action.run();
            assertThat(errorNotifications()).as("Tasklist error notifications after " + name).isEmpty();
            screenshot(name);
            assertThat(chromium.newCspViolations()).as("Content-Security-Policy violations in the console after " + name)
                    .isEmpty();
        } catch (RuntimeException | AssertionError e) {
            screenshot(name + "-FAILED");
            SCREENSHOTS.dump(driver, name + "-FAILED");
            throw e;
        }
    }

    /** The red notifications Tasklist shows when a request fails (e.g. the start form is rejected). */
    private List<String> errorNotifications() {
        return wait.until(d -> d.findElements(By.cssSelector(".notifications .alert-danger")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList());
    }

    private void screenshot(String name) {
        SCREENSHOTS.take(driver, name);
    }

    private static void sleep(long millis) {
        Screenshots.sleep(millis);
    }
}
