package io.baobei.pool;

import java.time.Instant;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.baobei.common.InvalidInputException;
import io.baobei.common.PageResponse;
import io.baobei.customer.ClaimRule;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerService;
import io.baobei.customer.Grade;
import io.baobei.identity.UserDirectory;

/** 公海池 over REST: the pool for every signed-in user, claims under the same rules and process as Tasklist. */
@RestController
@RequestMapping("/api/pool")
@Tag(name = "公海池", description = "浏览公海客户、领取、查看自己的领取")
public class PoolController {

    private final CustomerService customers;
    private final PoolClaimRequests requests;
    private final PoolClaimService claims;
    private final UserDirectory directory;

    public PoolController(CustomerService customers, PoolClaimRequests requests, PoolClaimService claims,
                          UserDirectory directory) {
        this.customers = customers;
        this.requests = requests;
        this.claims = claims;
        this.directory = directory;
    }

    /** A pool customer as every rep may see it: no contact data, no previous owner. */
    public record PoolEntry(Long id, String companyName, String industry, String region, Grade grade,
                            Instant inPoolSince, String reclaimReason, String reclaimReasonLabel,
                            Instant claimableFrom, Instant drawUntil) {

        static PoolEntry of(Customer c) {
            return new PoolEntry(c.getId(), c.getCompanyName(), c.getIndustry(), c.getRegion(), c.getGrade(),
                    c.getInPoolSince(), c.getPoolReason() == null ? null : c.getPoolReason().name(),
                    c.getPoolReason() == null ? null : c.getPoolReason().label(), c.getClaimableFrom(), c.getDrawUntil());
        }
    }

    @GetMapping
    @Operation(summary = "公海客户列表（分页）", description = "任何已登录用户可查看。q 按公司名称匹配（含名称分析：深圳星河 可找到 深圳市星河…有限公司）；"
            + "可按行业、地区、等级筛选。显示进入公海的原因与时间、可领取时间；不含联系方式与原归属人。")
    public PageResponse<PoolEntry> list(@RequestParam(required = false) String q,
                                        @RequestParam(required = false) String industry,
                                        @RequestParam(required = false) String region,
                                        @RequestParam(required = false) String grade,
                                        @PageableDefault(size = 20, sort = "inPoolSince", direction = Sort.Direction.DESC)
                                        Pageable pageable) {
        directory.currentActor();
        CustomerService.PoolFilter filter;
        try {
            filter = PoolClaimService.filter(q, industry, region, grade);
        } catch (InvalidInputException e) {
            throw PoolClaimService.withApiFields(e);
        }
        return PageResponse.of(customers.findInPool(filter, pageable), PoolEntry::of);
    }

    public record ClaimRequest(String reason) {
    }

    /** The answer to a claim: outcome, the refusing rule, a Chinese message, and when to try again or the draw. */
    public record ClaimAnswer(Long claimId, ClaimStatus outcome, ClaimRule rule, String message, Instant retryAfter,
                              Instant drawAt) {

        static ClaimAnswer of(PoolClaimService.ClaimView claim) {
            return new ClaimAnswer(claim.claimId(), claim.status(), claim.rule(), claim.message(), claim.retryAfter(),
                    claim.drawAt());
        }
    }

    @PostMapping("/{customerId}/claim")
    @Operation(summary = "领取公海客户", description = "outcome：GRANTED 已领取；PENDING_APPROVAL 待主管审批；PENDING_DRAW 抽签窗口内，drawAt 时抽签；"
            + "REFUSED 规则不允许（rule：QUOTA、DAILY_LIMIT、COOLDOWN、NOT_IN_POOL、NOT_YET_PUBLISHED；retryAfter 为可再试的时间）；"
            + "LOST 已被同事领取。多条规则同时不允许时，给出持续最久的一条。客户不存在时 404；仅销售可领取，其他角色 403。")
    public ClaimAnswer claim(@PathVariable Long customerId, @RequestBody(required = false) ClaimRequest request) {
        return ClaimAnswer.of(requests.claim(directory.currentActor(), customerId,
                request == null ? null : request.reason()));
    }

    @GetMapping("/claims")
    @Operation(summary = "我的领取（分页）", description = "本人提交的领取及其结果，最新的在前。")
    public PageResponse<PoolClaimService.ClaimView> myClaims(
            @PageableDefault(size = 20, sort = "id", direction = Sort.Direction.DESC) Pageable pageable) {
        return PageResponse.of(claims.claimsOf(directory.currentActor().username(), pageable), c -> c);
    }
}
