package io.baobei.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.baobei.common.PageResponse;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "客户", description = "客户查询（按调用者范围）")
public class CustomerController {

    private final CustomerService service;
    private final OwnershipRequests ownership;
    private final UserDirectory directory;
    private final Clock clock;

    CustomerController(CustomerService service, OwnershipRequests ownership, UserDirectory directory, Clock clock) {
        this.service = service;
        this.ownership = ownership;
        this.directory = directory;
        this.clock = clock;
    }

    public record ReleaseRequest(String reason) {
    }

    @PostMapping("/{id}/release")
    @Operation(summary = "释放客户到公海", description = "仅归属销售本人。客户按发布规则回到公海，释放人进入冷却期；其他人 403 / 404。")
    public CustomerResponse release(@PathVariable Long id, @RequestBody(required = false) ReleaseRequest request) {
        Actor actor = directory.currentActor();
        return response(ownership.release(id, actor, request == null ? null : request.reason()), actor);
    }

    public record TransferRequest(String toOwner, String reason, Boolean overrideQuota) {
    }

    @PostMapping("/{id}/transfer")
    @Operation(summary = "转移客户", description = "客户所在团队的主管（团队内）或管理员（可跨团队）。检查接收人的保有量，"
            + "主管可选择超额转移（overrideQuota，记入历史）。打开的跟进任务立即改派给接收人，保护期限不变。销售 403，其他团队主管 404。")
    public CustomerResponse transfer(@PathVariable Long id, @RequestBody TransferRequest request) {
        Actor actor = directory.currentActor();
        return response(ownership.transfer(id, actor, request.toOwner(), request.reason(),
                Boolean.TRUE.equals(request.overrideQuota())), actor);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "客户归属历史", description = "归属人、主管与管理员可查看：每次授予、领取、转移、释放、回收、成交，以及报备填写的与档案不同的信息。")
    public List<OwnershipRequests.HistoryEntry> history(@PathVariable Long id) {
        return ownership.history(id, directory.currentActor());
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看客户", description = "销售可查看本人客户及公海客户，主管可查看所管理团队的客户；其他情况返回 404。")
    public CustomerResponse get(@PathVariable Long id) {
        Actor actor = directory.currentActor();
        return response(service.find(id, actor), actor);
    }

    @GetMapping
    @Operation(summary = "客户列表（分页）", description = "销售：本人客户；主管：所管理团队的客户；管理员：全部。")
    public PageResponse<CustomerResponse> list(
            @PageableDefault(size = 20, sort = "id", direction = Sort.Direction.ASC) Pageable pageable) {
        Actor actor = directory.currentActor();
        return PageResponse.of(service.list(actor, pageable), c -> response(c, actor));
    }

    private CustomerResponse response(Customer customer, Actor actor) {
        return CustomerResponse.of(customer, actor, Instant.now(clock));
    }
}
