package io.baobei.registration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.baobei.common.DisplayTimes;
import io.baobei.identity.Actor;
import io.baobei.identity.Role;
import io.baobei.identity.SitePage;
import io.baobei.identity.UserDirectory;

/**
 * 我的报备: every registration in the scope of GET /api/registrations (a rep their own, a manager also their
 * teams', an admin all), newest first, with its status and, for a rejection, send-back or refusal, the reason.
 */
@Controller
@SitePage
class RegistrationPageController {

    static final int PAGE_SIZE = 30;

    private final RegistrationService registrations;
    private final UserDirectory directory;
    private final Clock clock;

    RegistrationPageController(RegistrationService registrations, UserDirectory directory, Clock clock) {
        this.registrations = registrations;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * One registration as the page shows it. {@code reasonLabel}/{@code reason}: the manager's reason (驳回原因,
     * 退回原因, 审核意见) or, when the ownership rules refused the grant, the rule's explanation (未通过原因).
     */
    record Row(Long id, String companyName, String status, String statusClass, String submitter, String submittedAt,
               String reviewer, String decidedAt, String reasonLabel, String reason) {
    }

    @GetMapping("/registrations")
    String registrations(@RequestParam(defaultValue = "0") int page, Model model) {
        Actor actor = directory.currentActor();
        Page<Registration> found = registrations.list(actor, PageRequest.of(Math.max(0, page), PAGE_SIZE,
                Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.DESC, "id"))));
        Map<String, String> names = directory.names(found.getContent().stream()
                .flatMap(r -> Stream.of(r.getSubmitter(), r.getDecidedBy())).toList());
        List<Row> rows = new ArrayList<>();
        for (Registration r : found.getContent()) {
            String[] reason = reason(r);
            rows.add(new Row(r.getId(), r.getCompanyName(), r.getStatus().label(),
                    r.getStatus().name().toLowerCase(java.util.Locale.ROOT), names.get(r.getSubmitter()),
                    DisplayTimes.minute(r.getCreatedAt(), clock),
                    r.getDecidedBy() == null ? null : names.get(r.getDecidedBy()),
                    r.getDecidedAt() == null ? null : DisplayTimes.minute(r.getDecidedAt(), clock),
                    reason[0], reason[1]));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("page", found);
        model.addAttribute("showSubmitter", actor.role() != Role.REP);
        model.addAttribute("title", actor.role() == Role.REP ? "我的报备" : actor.isAdmin() ? "全部报备" : "我的及团队报备");
        return "registration/registrations";
    }

    /** The label and the text of the reason to show, or nulls. */
    private static String[] reason(Registration r) {
        if (r.getStatus() == RegistrationStatus.REFUSED && r.getRefusalReason() != null) {
            return new String[] {"未通过原因", r.getRefusalReason()};
        }
        if (r.getStatus() == RegistrationStatus.APPEAL_DISMISSED && r.getRefusalReason() != null) {
            return new String[] {"申诉结论", r.getRefusalReason()};
        }
        if (r.getDecisionReason() == null || r.getDecision() == null) {
            return new String[] {null, null};
        }
        return new String[] {switch (r.getDecision()) {
            case REJECT -> "驳回原因";
            case REVISE -> "退回原因";
            case APPROVE -> "审核意见";
        }, r.getDecisionReason()};
    }
}
