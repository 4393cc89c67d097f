package io.baobei.duplicates;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.PageResponse;
import io.baobei.common.TextRules;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;

/** 数据中已有的重复客户 (admins): the scan, its clusters, the merge. */
@RestController
@RequestMapping("/api/duplicates")
@Tag(name = "重复客户", description = "扫描数据中已有的重复客户并合并（管理员）")
class DuplicatesController {

    private final DuplicateScanService scans;
    private final DuplicateClusterService clusters;
    private final UserDirectory directory;

    DuplicatesController(DuplicateScanService scans, DuplicateClusterService clusters, UserDirectory directory) {
        this.scans = scans;
        this.clusters = clusters;
        this.directory = directory;
    }

    @PostMapping("/scans")
    @Operation(summary = "发起重复客户扫描（管理员）", description = "后台逐批扫描全部客户（可在重启后继续），202 并返回进度；"
            + "已有扫描进行中时 409。进度见 GET /api/duplicates/scans/latest。")
    public ResponseEntity<DuplicateScanService.ScanView> start() {
        Actor admin = directory.currentAdmin();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(scans.start(admin));
    }

    @GetMapping("/scans/latest")
    @Operation(summary = "最近一次扫描的进度（管理员）", description = "state：RUNNING、DONE、FAILED；phase：NAME_KEYS、PHONES、"
            + "EMAILS、CLUSTERS、DONE；percent 为已读取的索引行所占比例。尚未扫描过时 404。")
    public DuplicateScanService.ScanView latest() {
        directory.currentAdmin();
        return scans.latest();
    }

    @GetMapping("/clusters")
    @Operation(summary = "重复组（管理员）", description = "最近一次完成的扫描找到的重复组，成员多的在前；每组列出客户（最多 50 个）"
            + "与相互匹配的客户对及其理由（CREDIT_CODE、PHONE、EMAIL、NAME_CORE、NAME_SIMILAR、BRANCH …）。state：OPEN（默认）或 MERGED。")
    public PageResponse<DuplicateClusterService.ClusterView> list(@RequestParam(required = false) String state,
                                                                  @RequestParam(defaultValue = "0") int page,
                                                                  @RequestParam(defaultValue = "20") int size) {
        directory.currentAdmin();
        return clusters.list(state, page, size);
    }

    /** survivorId: null = the rule (the protected owner's customer, else the one registered first). */
    public record MergeBody(Long survivorId, List<Long> customerIds, Boolean acrossOwners, String note) {
    }

    @PostMapping("/clusters/{id}/merge")
    @Operation(summary = "合并重复组（管理员）", description = "保留一个客户（survivorId；不填时为保护中的客户，否则最早登记的客户），"
            + "其他客户的跟进记录、报备与归属历史移到保留客户，它们关闭为已合并（不删除），正在进行的保护期结束。"
            + "customerIds 可只合并组内部分客户。客户分属不同销售时 409 并说明冲突，确认后加 acrossOwners: true。")
    public DuplicateClusterService.MergeView merge(@PathVariable Long id, @RequestBody MergeBody body) {
        Actor admin = directory.currentAdmin();
        List<FieldError> errors = new ArrayList<>();
        if (body == null) {
            throw new InvalidInputException(List.of(new FieldError("body", "缺少请求内容：请发送一个 JSON 对象")));
        }
        String note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
        if (note != null) {
            TextRules.check("note", "合并说明", note, 500, errors);
        }
        if (body.customerIds() != null && (body.customerIds().size() > DuplicateClusterService.MAX_MERGE
                || body.customerIds().stream().anyMatch(Objects::isNull))) {
            errors.add(new FieldError("customerIds", "请列出要合并的客户编号，一次最多 " + DuplicateClusterService.MAX_MERGE + " 个"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return clusters.merge(id, new DuplicateClusterService.MergeRequest(body.survivorId(), body.customerIds(),
                Boolean.TRUE.equals(body.acrossOwners()), note), admin);
    }
}
