package io.baobei.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.baobei.common.DisplayTimes;
import io.baobei.engine.AsSystem;
import io.baobei.identity.Actor;
import io.baobei.identity.Role;
import io.baobei.identity.SitePage;
import io.baobei.identity.UserDirectory;

/**
 * 我的客户: the signed-in person's customers in the scope of GET /api/customers (a rep their own, a manager the
 * teams they manage, an admin all), most urgent first: the next follow-up due, then the end of protection.
 */
@Controller
@SitePage
class CustomerPageController {

    static final int PAGE_SIZE = 30;
    /** Tasklist opens a task from its address. */
    static final String TASKLIST_TASK = "/camunda/app/tasklist/default/#/?task=";
    /** Due within this many days: shown as urgent. */
    static final int SOON_DAYS = 3;

    private final CustomerService customers;
    private final ProtectionPort protection;
    private final UserDirectory directory;
    private final AsSystem asSystem;
    private final Clock clock;

    CustomerPageController(CustomerService customers, ProtectionPort protection, UserDirectory directory,
                           AsSystem asSystem, Clock clock) {
        this.customers = customers;
        this.protection = protection;
        this.directory = directory;
        this.asSystem = asSystem;
        this.clock = clock;
    }

    /** One customer as the page shows it; {@code urgency} is a CSS class: overdue, soon or empty. */
    record Row(Long id, String companyName, String status, String statusClass, String grade, String industry,
               String region, String owner, String protectedUntil, String daysLeft, String followUpDue,
               String urgency, String taskLink) {
    }

    @GetMapping("/customers")
    String customers(@RequestParam(defaultValue = "0") int page, Model model) {
        Actor actor = directory.currentActor();
        Page<Customer> found = customers.listMostUrgentFirst(actor, page, PAGE_SIZE);
        List<Customer> content = found.getContent();
        Map<String, String> owners = directory.names(content.stream().map(Customer::getOwner).toList());
        Map<String, String> tasks = asSystem.call(() -> protection.openFollowUpTasks(
                content.stream().map(Customer::getProtectionProcessInstanceId).toList()));
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.now(clock);
        List<Row> rows = new ArrayList<>();
        for (Customer c : content) {
            String task = c.getProtectionProcessInstanceId() == null ? null : tasks.get(c.getProtectionProcessInstanceId());
            // the follow-up task is its owner's to work on; a manager cannot open it in Tasklist
            boolean ownTask = task != null && actor.username().equals(c.getOwner());
            // a won deal keeps its old end date, but no protection runs any more: no countdown
            boolean protecting = c.getStatus() == CustomerStatus.PROTECTED && c.getProtectedUntil() != null;
            rows.add(new Row(c.getId(), c.getCompanyName(), c.getStatus().label(),
                    c.getStatus().name().toLowerCase(java.util.Locale.ROOT), c.getGrade().name(), Industry.labelOf(c.getIndustry()),
                    c.getRegion(), c.getOwner() == null ? null : owners.get(c.getOwner()),
                    protecting ? DisplayTimes.minute(c.getProtectedUntil(), clock) : null,
                    protecting ? daysLeft(today, c.getProtectedUntil()) : null,
                    c.getNextFollowUpDue() == null ? null : DisplayTimes.minute(c.getNextFollowUpDue(), clock),
                    protecting ? urgency(now, c.getNextFollowUpDue(), c.getProtectedUntil()) : "",
                    ownTask ? TASKLIST_TASK + task : null));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("page", found);
        model.addAttribute("showOwner", actor.role() != Role.REP);
        model.addAttribute("title", actor.role() == Role.REP ? "我的客户" : actor.isAdmin() ? "全部客户" : "团队客户");
        return "customer/customers";
    }

    /** "剩余 12 天", "今天到期", "已到期": in calendar days of the business time zone. */
    private String daysLeft(LocalDate today, Instant until) {
        long days = ChronoUnit.DAYS.between(today, LocalDate.ofInstant(until, clock.getZone()));
        return days > 0 ? "剩余 " + days + " 天" : days == 0 ? "今天到期" : "已到期";
    }

    private static String urgency(Instant now, Instant followUpDue, Instant protectedUntil) {
        Instant first = followUpDue == null ? protectedUntil
                : protectedUntil == null || followUpDue.isBefore(protectedUntil) ? followUpDue : protectedUntil;
        if (first == null) {
            return "";
        }
        return first.isBefore(now) ? "overdue" : first.isBefore(now.plus(SOON_DAYS, ChronoUnit.DAYS)) ? "soon" : "";
    }
}
