package io.baobei.pool;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.baobei.common.BusinessRuleException;
import io.baobei.common.DisplayTimes;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.NotFoundException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerService;
import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.customer.OwnershipService;
import io.baobei.identity.Actor;
import io.baobei.identity.Role;
import io.baobei.identity.SitePage;
import io.baobei.identity.UserDirectory;

/**
 * 公海: the pool as GET /api/pool shows it (no contact data, no previous owner), searched and filtered the same way,
 * and 领取 through the same claim as POST /api/pool/{id}/claim (PoolClaimRequests: PoolClaimProcess with the rules,
 * approval and draw). A plain form post; the outcome is shown on the page it redirects to.
 */
@Controller
@SitePage
class PoolPageController {

    static final int PAGE_SIZE = 20;

    private final CustomerService customers;
    private final PoolClaimRequests requests;
    private final UserDirectory directory;
    private final OwnershipService ownership;
    private final Clock clock;

    PoolPageController(CustomerService customers, PoolClaimRequests requests, UserDirectory directory,
                       OwnershipService ownership, Clock clock) {
        this.customers = customers;
        this.requests = requests;
        this.directory = directory;
        this.ownership = ownership;
        this.clock = clock;
    }

    /** A pool customer as the page shows it; {@code claimableFrom} and {@code drawUntil} only while ahead. */
    /** @param approval whether its claim goes to the rep's managers (the page then asks for a reason) */
    record Row(Long id, String companyName, String industry, String region, String grade, String inPoolSince,
               String poolReason, String claimableFrom, String drawUntil, boolean approval) {
    }

    /** The outcome of a claim: {@code kind} is a CSS class (granted, pending, refused). */
    record Outcome(String kind, String title, String companyName, String rule, String message, String retryAfter,
                   String drawAt) implements Serializable { // a flash attribute, kept in the session
    }

    @GetMapping("/pool")
    String pool(@RequestParam(required = false) String q, @RequestParam(required = false) String industry,
                @RequestParam(required = false) String region, @RequestParam(required = false) String grade,
                @RequestParam(defaultValue = "0") int page, Model model) {
        Actor actor = directory.currentActor();
        model.addAttribute("q", q);
        model.addAttribute("industry", industry);
        model.addAttribute("region", region);
        model.addAttribute("grade", grade);
        model.addAttribute("industries", Industry.values());
        model.addAttribute("grades", Grade.values());
        model.addAttribute("mayClaim", actor.role() == Role.REP);
        try {
            CustomerService.PoolFilter filter = PoolClaimService.filter(q, industry, region, grade);
            Page<Customer> found = customers.findInPool(filter, PageRequest.of(Math.max(0, page), PAGE_SIZE,
                    Sort.by(Sort.Direction.DESC, "inPoolSince").and(Sort.by("id"))));
            Instant now = Instant.now(clock);
            Map<Grade, Boolean> approval = new EnumMap<>(Grade.class);
            model.addAttribute("rows", found.getContent().stream().map(c -> row(PoolController.PoolEntry.of(c), now,
                    approval.computeIfAbsent(c.getGrade(), ownership::claimNeedsApproval))).toList());
            model.addAttribute("page", found);
        } catch (InvalidInputException e) {
            model.addAttribute("rows", List.of());
            model.addAttribute("errors", e.errors().stream().map(FieldError::message).toList());
        }
        return "pool/pool";
    }

    @PostMapping("/pool/{customerId}/claim")
    String claim(@PathVariable Long customerId, @RequestParam(required = false) String reason,
                 @RequestParam(required = false) String q, @RequestParam(required = false) String industry,
                 @RequestParam(required = false) String region, @RequestParam(required = false) String grade,
                 RedirectAttributes redirect) {
        Actor actor = directory.currentActor();
        String company = customers.exists(customerId) ? customerName(customerId, actor) : null;
        Outcome outcome;
        if (actor.role() != Role.REP) {
            // as the API: managers and admins do not hold customers
            outcome = refused(company, null, "只有销售可以领取公海客户。");
        } else {
            try {
                outcome = outcome(company, requests.claim(actor, customerId, reason));
            } catch (NotFoundException e) {
                outcome = refused(null, null, "该客户不存在，请刷新公海列表。");
            } catch (BusinessRuleException e) {
                outcome = refused(company, null, e.getMessage());
            } catch (InvalidInputException e) {
                outcome = refused(company, null, String.join("；", e.errors().stream().map(FieldError::message).toList()));
            }
        }
        redirect.addFlashAttribute("outcome", outcome);
        for (String[] param : new String[][] {{"q", q}, {"industry", industry}, {"region", region}, {"grade", grade}}) {
            if (param[1] != null && !param[1].isBlank()) {
                redirect.addAttribute(param[0], param[1]);
            }
        }
        return "redirect:/pool";
    }

    /** The name of the customer claimed, for the outcome: pool customers are public, a taken one is not named. */
    private String customerName(Long customerId, Actor actor) {
        try {
            return customers.find(customerId, actor).getCompanyName();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private Outcome outcome(String company, PoolClaimService.ClaimView claim) {
        String rule = claim.rule() == null ? null : claim.rule().label();
        String retryAfter = claim.retryAfter() == null ? null : DisplayTimes.minute(claim.retryAfter(), clock);
        String drawAt = claim.drawAt() == null ? null : DisplayTimes.minute(claim.drawAt(), clock);
        return switch (claim.status()) {
            case GRANTED -> new Outcome("granted", "已领取", company, null, claim.message(), null, null);
            case PENDING_APPROVAL, PENDING_DRAW, ACCEPTED ->
                    new Outcome("pending", claim.status().label(), company, null, claim.message(), null, drawAt);
            case REFUSED, LOST, REJECTED ->
                    new Outcome("refused", "未能领取：" + claim.status().label(), company, rule, claim.message(),
                            retryAfter, null);
        };
    }

    private static Outcome refused(String company, String rule, String message) {
        return new Outcome("refused", "未能领取", company, rule, message, null, null);
    }

    private Row row(PoolController.PoolEntry entry, Instant now, boolean approval) {
        return new Row(entry.id(), entry.companyName(), Industry.labelOf(entry.industry()), entry.region(),
                entry.grade().name(), entry.inPoolSince() == null ? null : DisplayTimes.minute(entry.inPoolSince(), clock),
                entry.reclaimReasonLabel(),
                entry.claimableFrom() != null && entry.claimableFrom().isAfter(now)
                        ? DisplayTimes.minute(entry.claimableFrom(), clock) : null,
                entry.drawUntil() != null && entry.drawUntil().isAfter(now)
                        ? DisplayTimes.minute(entry.drawUntil(), clock) : null, approval);
    }
}
