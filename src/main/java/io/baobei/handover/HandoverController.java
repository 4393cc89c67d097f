package io.baobei.handover;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;

@RestController
@RequestMapping("/api/handovers")
@Tag(name = "离职交接", description = "离职销售的客户与待办任务交接")
public class HandoverController {

    private final HandoverService service;
    private final UserDirectory directory;

    HandoverController(HandoverService service, UserDirectory directory) {
        this.service = service;
        this.directory = directory;
    }

    public record HandoverBody(String fromUser, String mode, List<String> receivers, Boolean overrideQuota,
                               Boolean disableUser, Boolean preview) {
    }

    @PostMapping
    @Operation(summary = "离职交接（预览或发起）", description = "团队主管（本团队销售）或管理员（任何人）。preview=true 时只返回预览"
            + "（客户数、待处理任务、每位接收人分到的客户数、保有量不足的接收人），200；否则发起交接，202 {id}，"
            + "之后用 GET /api/handovers/{id} 查看进度。销售 403，离职人不存在 404，接收人不在团队内 400。")
    public ResponseEntity<?> handover(@RequestBody HandoverBody body) {
        Actor actor = directory.currentActor();
        HandoverRequest request = HandoverRequest.of(body.fromUser(), body.mode(), body.receivers(),
                body.overrideQuota(), body.disableUser());
        if (Boolean.TRUE.equals(body.preview())) {
            return ResponseEntity.ok(service.preview(actor, request));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", service.start(actor, request)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "离职交接进度", description = "state：RUNNING（进行中）、DONE（全部转移）、PARTIAL（部分未转移，逐个列出原因）、"
            + "PREVIEW（Tasklist 中待确认）、CANCELLED。发起人、离职人所在团队的主管与管理员可查看，其他人 404。")
    public HandoverService.View get(@PathVariable Long id) {
        return service.view(id, directory.currentActor());
    }
}
