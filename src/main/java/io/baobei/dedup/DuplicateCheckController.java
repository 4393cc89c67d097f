package io.baobei.dedup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerFields;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerService;
import io.baobei.customer.CustomerStatus;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;

/** 查重 on its own: check a company before registering it. */
@RestController
@RequestMapping("/api/duplicates")
@Tag(name = "查重", description = "报备前查重")
public class DuplicateCheckController {

    private final DuplicateCheck duplicateCheck;
    private final CustomerNameIndex nameIndex;
    private final CustomerRepository customers;
    private final UserDirectory directory;
    private final DuplicateCheckRateLimit rateLimit;
    private final java.time.Clock clock;

    public DuplicateCheckController(DuplicateCheck duplicateCheck, CustomerNameIndex nameIndex,
                                    CustomerRepository customers, UserDirectory directory,
                                    DuplicateCheckRateLimit rateLimit, java.time.Clock clock) {
        this.duplicateCheck = duplicateCheck;
        this.nameIndex = nameIndex;
        this.customers = customers;
        this.directory = directory;
        this.rateLimit = rateLimit;
        this.clock = clock;
    }

    public record CheckRequest(String companyName, String creditCode, String phone, String email) {
    }

    /**
     * One match as the caller may see it: a colleague's customer shows only its team and since when it
     * is protected; the company name and id only where the caller may see the customer (or it is in the pool).
     * Which keys matched ({@code reasons}) and the {@code score} (which tells them apart: 1.0 a credit code, 0.9
     * a phone or email) only where the caller may see the customer's contact data (owner, the team's managers,
     * admins); elsewhere both are left out and {@code reasonsHidden} is true. Otherwise a made-up company with a
     * guessed phone would answer "PHONE" for a colleague's or a pool customer's hidden number. {@code statusLabel}
     * is the status in words, for the caller ("已在您名下").
     */
    public record MatchView(Long customerId, MatchStatus status, String statusLabel, Double score, Set<MatchReason> reasons,
                            Boolean reasonsHidden, String companyName, String team, LocalDate since) {
    }

    public record CheckResponse(Verdict verdict, List<MatchView> matches) {
    }

    @PostMapping("/check")
    @Transactional(readOnly = true)
    @Operation(summary = "查重", description = "只有公司名称必填；填写的字段按与报备相同的规则校验（格式不正确时返回 400）。销售看不到同事客户的详情，只看到所属团队和保护起始日期；"
            + "匹配依据（reasons）和分数只对能查看该客户联系方式的人显示。每人每分钟、每天的查重次数有上限，超过时返回 429 和 Retry-After。")
    public CheckResponse check(@RequestBody CheckRequest request) {
        CheckRequest checked = validate(request);
        Actor actor = directory.currentActor();
        rateLimit.acquire(actor.username());
        DuplicateCheckResult result = duplicateCheck.check(new DuplicateCandidate(checked.companyName(),
                checked.creditCode(), checked.phone(), checked.email(), actor.username()));
        Map<Long, Customer> byId = customers.findAllById(result.matches().stream().map(DuplicateMatch::customerId).toList())
                .stream().collect(Collectors.toMap(Customer::getId, Function.identity()));
        List<MatchView> views = result.matches().stream().map(match -> {
            Customer customer = byId.get(match.customerId());
            boolean details = CustomerService.hasFullAccess(customer, actor);
            boolean visible = details || customer.getStatus() == CustomerStatus.POOL;
            LocalDate since = customer.getProtectedSince() == null ? null
                    : LocalDate.ofInstant(customer.getProtectedSince(), clock.getZone());
            // the caller is the requester of this check: "已在您名下" is about them
            return new MatchView(visible ? customer.getId() : null, match.status(), match.status().labelForRequester(),
                    details ? match.score() : null,
                    details ? match.reasons() : null, details ? null : Boolean.TRUE,
                    visible ? customer.getCompanyName() : null, directory.teamName(customer.getOwnerTeam()), since);
        }).toList();
        return new CheckResponse(result.verdict(), views);
    }

    /**
     * Only the company name is required; each field is refused by the same rule and message as in a registration
     * ({@link CustomerFields}), so a value the check accepts is one the registration accepts too. Returns the request
     * with the values in canonical form.
     */
    private static CheckRequest validate(CheckRequest request) {
        List<FieldError> errors = new ArrayList<>();
        CheckRequest canonical = new CheckRequest(
                CustomerFields.COMPANY_NAME.read(request.companyName(), true, errors),
                CustomerFields.CREDIT_CODE.read(request.creditCode(), false, errors),
                CustomerFields.PHONE.read(request.phone(), false, errors),
                CustomerFields.EMAIL.read(request.email(), false, errors));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return canonical;
    }

    @PostMapping("/index/rebuild")
    @Operation(summary = "重建查重索引（管理员）", description = "升级查重规则后，或绕过应用直接写入客户表后使用。")
    public Map<String, Object> rebuildIndex() {
        directory.currentAdmin();
        return Map.of("customers", nameIndex.rebuild());
    }
}
