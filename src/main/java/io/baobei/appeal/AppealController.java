package io.baobei.appeal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.PageResponse;
import io.baobei.identity.UserDirectory;

/** 申诉 over REST: the same tasks and steps as Tasklist (撞单处理 / 报备未通过 → 申诉, 裁决申诉). */
@RestController
@Tag(name = "申诉", description = "对撞单或因重复被驳回的报备提出申诉，主管或销售总监裁决")
public class AppealController {

    private final AppealApplication application;
    private final AppealService service;
    private final UserDirectory directory;

    public AppealController(AppealApplication application, AppealService service, UserDirectory directory) {
        this.application = application;
        this.service = service;
        this.directory = directory;
    }

    public record AppealRequest(String reason, String evidence, String firstContactDate) {
    }

    public record Filed(Long appealId, String status) {
    }

    public record DecisionRequest(String outcome, String reason) {
    }

    public record Decided(Long appealId, AppealStatus status, AppealOutcome outcome) {
    }

    private static final List<String> SORTABLE = List.of("createdAt", "decidedAt", "id", "status");

    private static final Map<String, String> FILE_FIELDS = Map.of(AppealVariables.APPEAL_REASON, "reason",
            AppealVariables.APPEAL_EVIDENCE, "evidence", AppealVariables.APPEAL_FIRST_CONTACT_DATE, "firstContactDate");
    private static final Map<String, String> DECISION_FIELDS = Map.of(AppealVariables.OUTCOME, "outcome",
            AppealVariables.DECISION_REASON, "reason");

    @PostMapping("/api/registrations/{id}/appeal")
    @Operation(summary = "提出申诉（报备销售本人）", description = "对撞单（撞单处理）或以“与已有客户重复”为由被驳回（查重为疑似重复）"
            + "的报备提出申诉，与 Tasklist 中选择“提出申诉”相同。reason 必填（≤1000 字），evidence 为文字与链接（≤2000 字），"
            + "firstContactDate 可选（YYYY-MM-DD）。201 {\"appealId\", \"status\": \"APPEALING\"}；不可申诉时 409；"
            + "他人的报备 403 或 404。")
    public ResponseEntity<Filed> file(@PathVariable Long id, @RequestBody AppealRequest request) {
        Appeal appeal;
        try {
            appeal = application.file(id, request.reason(), request.evidence(), request.firstContactDate());
        } catch (InvalidInputException e) {
            throw renamed(e, FILE_FIELDS);
        }
        return ResponseEntity.created(URI.create("/api/appeals?status=OPEN")).body(new Filed(appeal.getId(), "APPEALING"));
    }

    @GetMapping("/api/appeals")
    @Operation(summary = "申诉列表（分页）", description = "status: OPEN（待裁决）| DECIDED（已裁决）。销售看到本人提出的申诉，"
            + "主管与销售总监另看到可由自己裁决的申诉（不含关于自己客户的），管理员看到全部。")
    public PageResponse<AppealResponse> list(@RequestParam(defaultValue = "OPEN") String status,
            @PageableDefault(size = 20, sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable) {
        AppealStatus wanted;
        try {
            wanted = AppealStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("status", "status 应为 OPEN（待裁决）或 DECIDED（已裁决）");
        }
        // the scoped list is a JPQL query, which would take an unknown property for a server error: named here
        pageable.getSort().forEach(order -> {
            if (!SORTABLE.contains(order.getProperty())) {
                String property = order.getProperty();
                throw InvalidInputException.of("sort", "不能按“" + (property.length() > 40 ? property.substring(0, 40) + "…"
                        : property) + "”排序，可用：" + String.join("、", SORTABLE));
            }
        });
        return PageResponse.of(service.list(directory.currentActor(), wanted, pageable),
                appeal -> AppealResponse.of(appeal, service.companyName(appeal)));
    }

    @PostMapping("/api/appeals/{id}/decision")
    @Operation(summary = "裁决申诉（报备销售所在团队的主管；客户归属其他团队时为销售总监）",
            description = "完成 Tasklist 中同一个“裁决申诉”任务。outcome: DISMISS（驳回申诉）| TRANSFER（客户转给申诉人）| "
                    + "NOT_SAME（不是同一家公司，报备按新客户继续审核）；reason 必填。非裁决人（含客户归属人本人、申诉人）403；"
                    + "已裁决 409。")
    public Decided decide(@PathVariable Long id, @RequestBody DecisionRequest request) {
        Appeal appeal;
        try {
            appeal = application.decide(id, request.outcome(), request.reason());
        } catch (InvalidInputException e) {
            throw renamed(e, DECISION_FIELDS);
        }
        return new Decided(appeal.getId(), appeal.getStatus(), appeal.getOutcome());
    }

    /** The rules name the process variables; a REST client sent the request's own field names. */
    private static InvalidInputException renamed(InvalidInputException e, Map<String, String> names) {
        List<FieldError> errors = e.errors().stream()
                .map(error -> new FieldError(names.getOrDefault(error.field(), error.field()), error.message())).toList();
        return new InvalidInputException(errors);
    }
}
