package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.Customer;
import io.baobei.customer.Grade;
import io.baobei.customer.OwnershipService;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.Processes;
import io.baobei.support.TestIdentities;

/**
 * A rep and a manager walk Tasklist's pages (task list, the 客户报备 start form with a validation error, its select
 * and date picker, a 客户跟进 task with its date picker and select, a review task) and see no English text of
 * Camunda's, no "migrate to Camunda 8" banner, a footer naming Baobei, dates as YYYY-MM-DD in a Chinese calendar whose
 * weeks start on Monday, and none of the Camunda controls that mean nothing to them (the unassign "×" above all).
 * The rep's tasks are listed most urgent (earliest due) first. Screenshots land in target/screenshots/tasklist-zh.
 */
@BaobeiWebTest
@Tag("browser")
class TasklistChineseBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("tasklist-zh");

    /**
     * The one list of English texts Camunda's Tasklist and Camunda Forms (form-js, flatpickr) show when nothing
     * translates them; none may appear on any page a rep or a manager sees (text, placeholders, labels).
     */
    static final List<String> KNOWN_CAMUNDA_ENGLISH = List.of(
            "Field is required", "Field must", "Value is expected", "Please select a valid value",
            "Select", "Search", "No results", "mm/dd/yyyy", "MM/DD/YYYY", "yyyy/mm/dd",
            "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
            "December", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
            "Set follow", "Follow-up", "Create task", "Keyboard", "Shortcuts", "Powered by", "Camunda 8", "Camunda Platform",
            "Priority", "Unclaim", "Process Variable", "Execution Variable", "Case Instance Variable");

    /** Controls hidden from reps and managers: Camunda's, meaningless or harmful to them. */
    private static final List<String> HIDDEN_CONTROLS = List.of(
            "li.create-task-action", "li.shortcut-help", "li.engine-select", ".ce-eol-banner", ".followup-date", ".tasks-list .priority",
            "[cam-tasklist-task-meta] .unclaim", "[cam-tasklist-task-meta] .reset-assignee",
            "[cam-tasklist-task] .instance-link", "[cam-tasklist-task] .process-definition > span",
            "[cam-tasklist-task-meta] .reset-due-date");

    /** The Chinese labels of those controls: not on the page either. */
    private static final List<String> HIDDEN_CONTROL_TEXTS = List.of(
            "创建任务", "键盘快捷键", "设置跟进日期", "设置到期日", "添加组", "流程变量", "执行变量", "案例实例变量");

    @Autowired
    OwnershipService ownership;
    @Autowired
    TestIdentities identities;
    @Autowired
    ProcessEngine engine;

    @Test
    void repAndManagerSeeChineseOnlyAndNoCamundaControls(Tasklist tasklist) {
        // a fresh rep: their follow-up tasks are only these two; the later-due one is created first
        String rep = identities.newRep("zhui", TestIdentities.TEAM_A);
        int n = ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String later = "杭州远期" + n + "科技有限公司";
        String urgent = "杭州紧急" + n + "科技有限公司";
        Instant now = Instant.now();
        importOwned(later, rep, now.plus(Duration.ofDays(20)));
        importOwned(urgent, rep, now.plus(Duration.ofDays(2)));
        String reviewed = Processes.uniqueName("浏览器中文审核");
        new Processes(engine).submit(rep, Processes.validForm(reviewed));

        // 1. The rep's task list: Chinese, no banner, Baobei in the footer, no Camunda-only controls.
        tasklist.step("rep-login", () -> tasklist.login(rep));
        tasklist.step("rep-follow-up-task", () -> tasklist.openTask("我的任务", "客户跟进", "公司名称", urgent));
        assertChineseOnly(tasklist, "rep task list and 客户跟进 task");
        String cards = tasklist.taskListText();
        assertThat(cards.indexOf(urgent)).as("the task due first is listed first: " + cards)
                .isNotNegative().isLessThan(cards.indexOf(later));
        assertThat(tasklist.driver().findElement(By.cssSelector("[cam-sorting-choices] .sort-by")).getText())
                .as("the list says how it is sorted").isEqualTo("到期日");
        assertThat(footer(tasklist)).contains("Baobei");
        assertThat(displayed(tasklist, ".task-card .assignee")).as("the assignee is still shown").isTrue();
        for (String readOnly : List.of("[cam-tasklist-task-meta] .due-date", "[cam-tasklist-task-meta] li.assignee > .set-value")) {
            assertThat(tasklist.driver().findElement(By.cssSelector(readOnly)).getCssValue("pointer-events"))
                    .as(readOnly + " cannot be clicked into an editor").isEqualTo("none");
        }

        // the sorting menu offers the task's own dates, not variables a rep cannot name
        tasklist.step("sorting-menu", () -> {
            tasklist.clickWhenReady(By.cssSelector("[cam-sorting-choices] .new-sort .dropdown-toggle"));
            String menu = tasklist.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[cam-sorting-choices] .new-sort .dropdown-menu"))).getText();
            assertThat(menu).contains("创建时间").doesNotContain("变量");
            tasklist.screenshot("sorting-menu-open");
            tasklist.clickWhenReady(By.cssSelector("[cam-sorting-choices] .new-sort .dropdown-toggle"));
        });

        // 2. The follow-up form's select and date picker.
        tasklist.step("follow-up-select-and-date", () -> {
            assertThat(selectText(tasklist, "跟进方式")).isEqualTo("请选择");
            assertChineseCalendar(tasklist, "下次计划联系日期");
        });
        assertChineseOnly(tasklist, "客户跟进 form with its calendar open");

        // 3. The 客户报备 start form: validation messages (the server's own words for the field, CustomerFields), the
        // select's placeholder, the date picker.
        tasklist.step("start-form-validation", () -> {
            tasklist.openStartForm("客户报备");
            tasklist.type("邮箱（选填）", "not-an-email");
            tasklist.type("联系人", "张");
            tasklist.inputOf("联系人").sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
            tasklist.type("公司名称", "甲");
            tasklist.inputOf("所在地区").click();
            assertThat(errorOf(tasklist, "邮箱（选填）")).isEqualTo("邮箱格式不正确，如 name@example.com");
            assertThat(errorOf(tasklist, "联系人")).isEqualTo("请填写联系人");
            assertThat(errorOf(tasklist, "公司名称")).isEqualTo("公司名称至少需要两个有效字符");
            assertThat(selectText(tasklist, "所属行业")).isEqualTo("请选择");
        });
        tasklist.step("start-form-company-name-rules", () -> {
            tasklist.retype("公司名称", "深圳市" + "长".repeat(94) + "有限公司"); // 101 characters
            tasklist.inputOf("所在地区").click();
            assertThat(errorOf(tasklist, "公司名称")).isEqualTo("公司名称不能超过 100 个字符");
            tasklist.retype("公司名称", "");
            tasklist.inputOf("所在地区").click();
            assertThat(errorOf(tasklist, "公司名称")).isEqualTo("请填写公司名称");
        });
        assertChineseOnly(tasklist, "客户报备 start form with validation errors");
        tasklist.step("start-form-date-picked", () -> {
            assertChineseCalendar(tasklist, "首次接触日期");
            assertChineseOnly(tasklist, "客户报备 start form with its calendar open");
            tasklist.pickToday("首次接触日期");
            assertThat(tasklist.inputOf("首次接触日期").getAttribute("value")).as("the picked date, YYYY-MM-DD")
                    .isIn(Tasklist.today().toString(), Tasklist.today().minusDays(1).toString());
        });
        tasklist.step("rep-logged-out", () -> {
            tasklist.clickWhenReady(By.xpath("//div[contains(@class,'modal-footer')]//button[@ng-click='$dismiss()']"));
            tasklist.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-content")));
            tasklist.logout();
        });

        // 4. The manager's pages: review task list and the review form.
        tasklist.step("manager-login", () -> tasklist.login(TestIdentities.MGR_A));
        tasklist.step("manager-review-task", () -> tasklist.openTask("待我审核", "审核报备", "公司名称", reviewed));
        // a group task is claimed for the manager on opening; its "×" gives it back to the group, so it is shown
        tasklist.claim();
        assertChineseOnly(tasklist, "manager review task", "[cam-tasklist-task-meta] .unclaim");
        assertThat(footer(tasklist)).contains("Baobei");
    }

    // --- checks --------------------------------------------------------------------------------------------

    /** No text of {@link #KNOWN_CAMUNDA_ENGLISH} visible or in a placeholder/label, no banner, no hidden control. */
    private static void assertChineseOnly(Tasklist tasklist, String where, String... shownOnPurpose) {
        String text = tasklist.driver().findElement(By.tagName("body")).getText();
        List<String> attributes = attributeTexts(tasklist);
        List<String> found = new ArrayList<>();
        for (String english : KNOWN_CAMUNDA_ENGLISH) {
            if (text.contains(english)) {
                found.add(english + " (text)");
            }
            attributes.stream().filter(a -> a.contains(english)).findFirst()
                    .ifPresent(a -> found.add(english + " (in \"" + a + "\")"));
        }
        tasklist.screenshot("checked-" + where.replace(' ', '-'));
        assertThat(found).as("Camunda English on the page: " + where).isEmpty();
        assertThat(text).as("vendor banner: " + where).doesNotContain("迁移到 Camunda");
        for (String control : HIDDEN_CONTROL_TEXTS) {
            assertThat(text).as("hidden control shown: " + where).doesNotContain(control);
        }
        for (String control : HIDDEN_CONTROLS) {
            if (List.of(shownOnPurpose).contains(control)) {
                continue;
            }
            assertThat(displayed(tasklist, control)).as(control + " shown: " + where).isFalse();
        }
    }

    /** Placeholders, aria-labels and titles of the shown elements. */
    @SuppressWarnings("unchecked")
    private static List<String> attributeTexts(Tasklist tasklist) {
        return (List<String>) ((JavascriptExecutor) tasklist.driver()).executeScript(
                "var out = [];"
                        + "document.querySelectorAll('[placeholder], [aria-label], [title]').forEach(function (e) {"
                        + "  if (!e.getClientRects().length) return;"
                        + "  ['placeholder', 'aria-label', 'title'].forEach(function (a) {"
                        + "    var v = e.getAttribute(a); if (v) out.push(v); });"
                        + "});"
                        + "return out;");
    }

    private static boolean displayed(Tasklist tasklist, String css) {
        return tasklist.driver().findElements(By.cssSelector(css)).stream().anyMatch(WebElement::isDisplayed);
    }

    private static String footer(Tasklist tasklist) {
        return tasklist.driver().findElement(By.cssSelector("footer[cam-widget-footer]")).getText();
    }

    private static String selectText(Tasklist tasklist, String label) {
        return tasklist.fieldGroup(label).findElement(By.cssSelector(".fjs-select-display")).getText().trim();
    }

    private static String errorOf(Tasklist tasklist, String label) {
        return tasklist.waiting().until(d -> {
            List<WebElement> errors = tasklist.fieldGroup(label).findElements(By.cssSelector(".fjs-form-field-error"));
            String shown = errors.isEmpty() ? "" : errors.get(0).getText().trim();
            return shown.isEmpty() ? null : shown;
        });
    }

    /** Opens the field's calendar: YYYY-MM-DD placeholder, Chinese month, weeks starting Monday; closes it. */
    private static void assertChineseCalendar(Tasklist tasklist, String label) {
        WebElement field = tasklist.fieldGroup(label);
        WebElement input = tasklist.scrollIntoView(field.findElement(By.cssSelector("input.flatpickr-input")));
        assertThat(input.getAttribute("placeholder")).isEqualTo("YYYY-MM-DD");
        input.click();
        WebElement calendar = tasklist.waiting().until(ExpectedConditions.visibilityOf(
                field.findElement(By.cssSelector(".flatpickr-calendar"))));
        List<String> weekdays = calendar.findElements(By.cssSelector(".flatpickr-weekday")).stream()
                .map(w -> w.getText().trim()).filter(w -> !w.isEmpty()).toList();
        assertThat(weekdays).startsWith("周一").endsWith("周日");
        String month = calendar.findElement(By.cssSelector(".flatpickr-monthDropdown-months option:checked")).getText();
        assertThat(month).matches("[一二三四五六七八九十]+月");
        tasklist.screenshot("calendar-" + label);
    }

    private void importOwned(String company, String rep, Instant followUpDue) {
        Customer customer = new Customer(company, Grade.B, Instant.now());
        customer.updateDetails(company, null, "王先生", Processes.uniqueMobile(), null, "IT", "浙江省杭州市", Grade.B);
        ownership.importCustomer(customer,
                new OwnershipService.ImportedOwner(rep, TestIdentities.TEAM_A, null, null, followUpDue),
                "浏览器测试导入", "test");
    }
}
