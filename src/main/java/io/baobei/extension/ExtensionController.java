package io.baobei.extension;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.baobei.common.Choices;
import io.baobei.common.InvalidInputException;
import io.baobei.common.PageResponse;
import io.baobei.customer.Customer;
import io.baobei.customer.CustomerService;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;
import io.baobei.protection.ExtensionInput;

/** 申请延期 over REST: the owner asks, the team's managers decide; the same process as the follow-up task's action. */
@RestController
@Tag(name = "申请延期", description = "归属销售申请延长保护期，团队主管审批")
public class ExtensionController {

    private final ExtensionService service;
    private final ExtensionDecisions decisions;
    private final CustomerService customers;
    private final UserDirectory directory;

    public ExtensionController(ExtensionService service, ExtensionDecisions decisions, CustomerService customers,
                               UserDirectory directory) {
        this.service = service;
        this.decisions = decisions;
        this.customers = customers;
        this.directory = directory;
    }

    /** days: a whole number of days (1..90, protection.ExtensionInput; ExtensionPolicy.dmn may allow fewer); reason: required. */
    public record ExtensionBody(Object days, String reason) {
    }

    @PostMapping("/api/customers/{id}/extension")
    @Operation(summary = "申请延长保护期", description = "仅归属销售可申请（客户须在其保护期中）。201 {id, status: PENDING}：等待团队主管审批；"
            + "409：超出延期限制（ExtensionPolicy：每个保护期的次数、每次的天数；申请记为 REFUSED，message 为原因），"
            + "客户不在您的保护期中，或已有待审批的申请。看不到的客户 404；同团队主管或管理员（非归属人）403。")
    public ResponseEntity<?> request(@PathVariable Long id, @RequestBody(required = false) ExtensionBody body) {
        Actor actor = directory.currentActor();
        Customer customer = customers.findWithDetails(id, actor); // 404 out of scope, as the customer API
        if (!actor.username().equals(customer.getOwner())) {
            throw new AccessDeniedException("only the owner asks to extend a protection");
        }
        ExtensionInput input = ExtensionInput.read(body == null ? null : body.days(),
                body == null ? null : body.reason(), "days", "reason");
        ExtensionService.ExtensionView view = service.submit(actor.username(), id, null, input, ExtensionChannel.API);
        if (view.status() == ExtensionStatus.REFUSED) {
            // recorded (the refusal is part of the history), yet a conflict for the caller
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("message", view.message());
            refusal.put("id", view.id());
            refusal.put("status", view.status());
            return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON).body(refusal);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    public record DecisionBody(String decision, String reason) {
    }

    @PostMapping("/api/extensions/{id}/decision")
    @Operation(summary = "审批延期申请", description = "decision：APPROVE 批准 / REJECT 驳回（驳回须填 reason）。仅申请人所在团队的主管或管理员，"
            + "且不能是申请人本人（403）；已处理的申请 409。批准后保护期由后台步骤延长，稍后 status 变为 APPROVED。")
    public ExtensionService.ExtensionView decide(@PathVariable Long id, @RequestBody DecisionBody body) {
        return decisions.decide(directory.currentActor(), id, body.decision(), body.reason());
    }

    @GetMapping("/api/extensions")
    @Operation(summary = "延期申请（分页）", description = "销售：本人的申请；主管：本人的与所管理团队的（待审批的即待我审批）；管理员：全部。"
            + "status 可选：PENDING、APPROVED、REJECTED、REFUSED、CANCELLED。")
    public PageResponse<ExtensionService.ExtensionView> list(@RequestParam(required = false) String status,
            @PageableDefault(size = 20, sort = "id", direction = Sort.Direction.DESC) Pageable pageable) {
        Actor actor = directory.currentActor();
        ExtensionStatus wanted = Choices.parse(ExtensionStatus.class, status);
        if (wanted == null && status != null && !status.isBlank()) {
            throw InvalidInputException.of("status", "状态应为 PENDING、APPROVED、REJECTED、REFUSED 或 CANCELLED");
        }
        return PageResponse.of(service.list(actor, wanted, pageable), v -> v);
    }
}
