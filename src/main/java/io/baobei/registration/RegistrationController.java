package io.baobei.registration;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.PageResponse;
import io.baobei.identity.UserDirectory;

/** 报备 over REST: the same process and rules as Tasklist, for integrations, scripts and mobile approvals. */
@RestController
@RequestMapping("/api/registrations")
@Tag(name = "报备", description = "提交报备、查询报备、主管审核")
public class RegistrationController {

    private final RegistrationApplication application;
    private final RegistrationService service;
    private final UserDirectory directory;

    public RegistrationController(RegistrationApplication application, RegistrationService service,
                                  UserDirectory directory) {
        this.application = application;
        this.service = service;
        this.directory = directory;
    }

    public record Created(Long id, RegistrationStatus status, String processInstanceId) {
    }

    /** {@code duplicate}: with REJECT, the reason is a duplicate of an existing customer (the submitter may appeal) */
    public record DecisionRequest(String decision, String reason, Boolean duplicate) {
    }

    private static final Map<String, String> DECISION_FIELDS = Map.of(
            RegistrationVariables.REVIEW_DECISION, "decision", RegistrationVariables.REVIEW_REASON, "reason",
            RegistrationVariables.REJECTED_AS_DUPLICATE, "duplicate");

    /** A registration of the caller's own customer: the Chinese message and the customer the caller already holds. */
    @ExceptionHandler(OwnCustomerException.class)
    ResponseEntity<Map<String, Object>> ownCustomer(OwnCustomerException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("message", e.getMessage(), "customerId", e.customerId()));
    }

    @PostMapping
    @Operation(summary = "提交报备（销售）", description = "与 Tasklist 的报备表单相同的流程与校验；400 时返回每个字段的中文错误。"
            + "industry 为行业代码（如 IT）或其中文名称（如 信息技术/互联网），grade 为 A–D 或其中文说明。"
            + "报备的客户已在本人名下（信用代码、电话、邮箱相同，或名称规范化后相同）时立即返回 409："
            + "{\"message\": \"该客户已在您名下：…\", \"customerId\": …}。")
    public ResponseEntity<Created> submit(@RequestBody RegistrationForm form) {
        Created created = application.submit(form);
        return ResponseEntity.created(URI.create("/api/registrations/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看报备", description = "销售仅能查看本人的报备，主管可查看所管理团队的报备。")
    public RegistrationResponse get(@PathVariable Long id) {
        return RegistrationResponse.of(service.find(id, directory.currentActor()));
    }

    @GetMapping
    @Operation(summary = "报备列表（分页）")
    public PageResponse<RegistrationResponse> list(
            @PageableDefault(size = 20, sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable) {
        return PageResponse.of(service.list(directory.currentActor(), pageable), RegistrationResponse::of);
    }

    @PostMapping("/{id}/decision")
    @Operation(summary = "审核报备（提交人所在团队的主管）",
            description = "完成 Tasklist 中同一个审核任务。decision: APPROVE | REJECT | REVISE；驳回与退回需填写 reason。"
                    + "驳回时 duplicate: true 表示因与查重发现的疑似重复客户相同而驳回（提交人可申诉）。无待审核任务时返回 409。")
    public Map<String, Object> decide(@PathVariable Long id, @RequestBody DecisionRequest request) {
        try {
            application.decide(id, request.decision(), request.reason(), request.duplicate());
        } catch (InvalidInputException e) {
            // the rules name the process variables; a REST client sent "decision" and "reason"
            throw new InvalidInputException(e.errors().stream().map(error -> new FieldError(
                    DECISION_FIELDS.getOrDefault(error.field(), error.field()), error.message())).toList());
        }
        Registration registration = service.find(id, directory.currentActor());
        return Map.of("id", id, "status", registration.getStatus());
    }
}
