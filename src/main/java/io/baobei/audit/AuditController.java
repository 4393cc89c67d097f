package io.baobei.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.baobei.common.PageResponse;
import io.baobei.identity.UserDirectory;
import io.baobei.common.SpreadsheetCells;

/** The audit log for admins: query, export, verify. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "审计", description = "审计日志（管理员）")
public class AuditController {

    private final AuditLog auditLog;
    private static final List<String> EXPORT_HEADER = List.of("id", "occurredAt", "actor", "action", "objectType",
            "objectId", "before", "after", "reason", "prevHash", "hash");

    private final AuditEntryRepository entries;
    private final UserDirectory directory;
    private final TransactionTemplate readOnly;

    public AuditController(AuditLog auditLog, AuditEntryRepository entries, UserDirectory directory,
                           PlatformTransactionManager transactionManager) {
        this.auditLog = auditLog;
        this.entries = entries;
        this.directory = directory;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    public record EntryView(Long id, Instant occurredAt, String actor, String action, String objectType,
                            String objectId, String before, String after, String reason, String hash) {

        static EntryView of(AuditEntry e) {
            return new EntryView(e.getId(), e.getOccurredAt(), e.getActor(), e.getAction(), e.getObjectType(),
                    e.getObjectId(), e.getBefore(), e.getAfter(), e.getReason(), e.getHash());
        }
    }

    @GetMapping
    @Operation(summary = "查询审计日志", description = "按操作人、对象类型与编号、时间段过滤，新的在前。")
    public PageResponse<EntryView> search(@RequestParam(required = false) String actor,
                                          @RequestParam(required = false) String objectType,
                                          @RequestParam(required = false) String objectId,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                          @RequestParam(defaultValue = "0") int page,
                                          @RequestParam(defaultValue = "50") int size) {
        directory.currentAdmin();
        return PageResponse.of(entries.search(actor, objectType, objectId, from, to,
                PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 500))), EntryView::of);
    }

    @GetMapping("/verify")
    @Operation(summary = "校验审计日志的哈希链", description = "任何一条记录被修改、插入或删除都会被发现。")
    public AuditLog.Verification verify() {
        directory.currentAdmin();
        return auditLog.verify();
    }

    @GetMapping("/export.csv")
    @Operation(summary = "导出审计日志（CSV）")
    public ResponseEntity<StreamingResponseBody> export() {
        directory.currentAdmin();
        StreamingResponseBody body = out -> SpreadsheetCells.writeCsv(out, EXPORT_HEADER,
                sink -> readOnly.executeWithoutResult(s -> {
                    try (Stream<AuditEntry> stream = entries.streamAll()) {
                        stream.forEach(e -> sink.accept(cells(e)));
                    }
                }));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=audit.csv")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(body);
    }

    private static List<String> cells(AuditEntry e) {
        return Stream.of(String.valueOf(e.getId()), e.getOccurredAt().toString(), e.getActor(), e.getAction(),
                e.getObjectType(), e.getObjectId(), e.getBefore(), e.getAfter(), e.getReason(), e.getPrevHash(),
                e.getHash()).map(SpreadsheetCells::neutralise).toList();
    }
}
