package io.baobei.customer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
    private final UserDirectory directory;

    public CustomerController(CustomerService service, UserDirectory directory) {
        this.service = service;
        this.directory = directory;
    }

    @GetMapping("/{id}")
    @Operation(summary = "查看客户", description = "销售可查看本人客户及公海客户，主管可查看所管理团队的客户；其他情况返回 404。")
    public CustomerResponse get(@PathVariable Long id) {
        Actor actor = directory.currentActor();
        return CustomerResponse.of(service.find(id, actor), actor);
    }

    @GetMapping
    @Operation(summary = "客户列表（分页）", description = "销售：本人客户；主管：所管理团队的客户；管理员：全部。")
    public PageResponse<CustomerResponse> list(
            @PageableDefault(size = 20, sort = "id", direction = Sort.Direction.ASC) Pageable pageable) {
        Actor actor = directory.currentActor();
        return PageResponse.of(service.list(actor, pageable), c -> CustomerResponse.of(c, actor));
    }
}
