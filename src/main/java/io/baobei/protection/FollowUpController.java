package io.baobei.protection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.baobei.customer.CustomerService;
import io.baobei.identity.UserDirectory;

@RestController
@Tag(name = "客户")
public class FollowUpController {

    private final ProtectionService protectionService;
    private final CustomerService customerService;
    private final UserDirectory directory;

    public FollowUpController(ProtectionService protectionService, CustomerService customerService,
                              UserDirectory directory) {
        this.protectionService = protectionService;
        this.customerService = customerService;
        this.directory = directory;
    }

    public record FollowUpResponse(Long id, String author, FollowUpChannel channel, String content,
                                   LocalDate nextContactDate, Instant createdAt) {
    }

    @GetMapping("/api/customers/{id}/follow-ups")
    @Operation(summary = "客户的跟进记录", description = "仅归属销售、其团队主管和管理员可见。")
    public List<FollowUpResponse> followUps(@PathVariable Long id) {
        customerService.findWithDetails(id, directory.currentActor());
        return protectionService.followUpsOf(id).stream()
                .map(f -> new FollowUpResponse(f.getId(), f.getAuthor(), f.getChannel(), f.getContent(),
                        f.getNextContactDate(), f.getCreatedAt()))
                .toList();
    }
}
