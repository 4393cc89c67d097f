package io.baobei.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.baobei.common.InvalidInputException;
import io.baobei.common.SpreadsheetCells;
import io.baobei.common.TextRules;
import io.baobei.identity.Actor;
import io.baobei.identity.UserDirectory;

/** 客户导入 (admins): upload, progress, per-row report. */
@RestController
@Tag(name = "导入", description = "批量导入客户（管理员）")
public class CustomerImportController {

    private static final List<String> REPORT_HEADER = List.of("row", "outcome", "companyName", "customerId",
            "duplicateOf", "reasons", "message");

    private final CustomerImportService service;
    private final CustomerImportRowRepository rows;
    private final UserDirectory directory;

    public CustomerImportController(CustomerImportService service, CustomerImportRowRepository rows,
                                    UserDirectory directory) {
        this.service = service;
        this.rows = rows;
        this.directory = directory;
    }

    public record RowView(int row, ImportOutcome outcome, String companyName, Long customerId, Long duplicateOf,
                          String reasons, String message) {
    }

    public record Report(Long id, ImportState state, String fileName, int totalRows, int processedRows,
                         int progressPercent, int created, int duplicates, int suspected, int invalid, String error,
                         List<RowView> rows) {
    }

    @PostMapping(value = "/api/customers/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "导入客户（CSV 或 XLSX）",
            description = "表头：companyName,creditCode,contactName,phone,email,industry,region,grade,owner。"
                    + "owner 为空则进入公海池。每个字段按与报备相同的规则校验，错误信息相同；industry、grade 可填代码或中文名称，"
                    + "为空时为“其他”和 C。小文件直接返回报告（200），大文件或 async=true 返回 202 {id}，"
                    + "用 GET /api/imports/{id} 查看进度。CSV 编码自动识别 UTF-8/GBK，也可用 charset 指定。")
    public ResponseEntity<?> upload(@RequestParam("file") MultipartFile file,
                                    @RequestParam(required = false) String charset,
                                    @RequestParam(defaultValue = "false") boolean async) throws IOException {
        Actor actor = directory.currentAdmin();
        if (file.isEmpty()) {
            throw InvalidInputException.of("file", "请上传文件（字段名 file）");
        }
        Charset forced = parseCharset(charset);
        Path copy = Files.createTempFile("baobei-import-", ".upload");
        file.transferTo(copy);
        String name = displayName(file.getOriginalFilename());
        CustomerImportService.Started started = service.start(copy, name, forced, async, actor);
        if (started.finished()) {
            return ResponseEntity.ok(report(started.id(), 0, Integer.MAX_VALUE));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", started.id()));
    }

    @GetMapping("/api/imports/{id}")
    @Operation(summary = "导入进度与报告", description = "rows 按行号分页：page、size（默认 1000）。")
    public Report get(@PathVariable Long id, @RequestParam(defaultValue = "0") int page,
                      @RequestParam(defaultValue = "1000") int size) {
        directory.currentAdmin();
        return report(id, Math.max(page, 0), Math.min(Math.max(size, 1), 10_000));
    }

    @GetMapping("/api/imports/{id}/report.csv")
    @Operation(summary = "下载逐行报告（CSV，Excel 可直接打开）")
    public ResponseEntity<StreamingResponseBody> csvReport(@PathVariable Long id) {
        directory.currentAdmin();
        service.find(id);
        StreamingResponseBody body = out -> writeCsv(id, out);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=import-" + id + "-report.csv")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(body);
    }

    @GetMapping("/api/imports/{id}/report.xlsx")
    @Operation(summary = "下载逐行报告（XLSX）")
    public ResponseEntity<StreamingResponseBody> xlsxReport(@PathVariable Long id) {
        directory.currentAdmin();
        service.find(id);
        StreamingResponseBody body = out -> writeXlsx(id, out);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=import-" + id + "-report.xlsx")
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(body);
    }

    private Report report(Long id, int page, int size) {
        CustomerImport current = service.find(id);
        List<RowView> views = rows.findByImportIdOrderByRowNumber(id, PageRequest.of(page, size)).stream()
                .map(CustomerImportController::view).toList();
        int progress = current.getTotalRows() == 0 ? 100 : (int) (100L * current.getProcessedRows() / current.getTotalRows());
        return new Report(id, current.getState(), current.getFileName(), current.getTotalRows(),
                current.getProcessedRows(), progress, current.getCreated(), current.getDuplicates(),
                current.getSuspected(), current.getInvalid(), current.getError(), views);
    }

    private void writeCsv(Long id, OutputStream out) throws IOException {
        SpreadsheetCells.writeCsv(out, REPORT_HEADER, sink -> service.forEachRow(id, row -> sink.accept(cells(view(row)))));
    }

    private void writeXlsx(Long id, OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet("导入报告");
            write(sheet.createRow(0), REPORT_HEADER);
            int[] index = {1};
            service.forEachRow(id, row -> write(sheet.createRow(index[0]++), cells(view(row))));
            workbook.write(out);
            workbook.dispose();
        }
    }

    private static void write(Row row, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            row.createCell(i).setCellValue(cells.get(i));
        }
    }

    /** Report cells, neutralised against formula injection. */
    static List<String> cells(RowView view) {
        return Stream.of(String.valueOf(view.row()), view.outcome().name(), view.companyName(),
                        view.customerId() == null ? "" : view.customerId().toString(),
                        view.duplicateOf() == null ? "" : view.duplicateOf().toString(), view.reasons(), view.message())
                .map(SpreadsheetCells::neutralise).toList();
    }

    private static RowView view(CustomerImportRow row) {
        return new RowView(row.getRowNumber(), row.getOutcome(), row.getCompanyName(), row.getCustomerId(),
                row.getDuplicateOf(), row.getReasons(), row.getMessage());
    }

    /**
     * The uploaded file's name as the report shows it: without a client's folder path, control characters
     * replaced, at most 255 characters (customer_import.file_name).
     */
    static String displayName(String original) {
        if (original == null || original.isBlank()) {
            return "upload";
        }
        String name = TextRules.replaceControlCharacters(original.substring(Math.max(original.lastIndexOf('/'),
                original.lastIndexOf('\\')) + 1).strip());
        if (name.length() > 255) {
            name = name.substring(0, Character.isHighSurrogate(name.charAt(254)) ? 254 : 255);
        }
        return name.isEmpty() ? "upload" : name;
    }

    private static Charset parseCharset(String charset) {
        if (charset == null || charset.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(charset.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw InvalidInputException.of("charset", "不支持的编码：" + charset + "（可用 UTF-8 或 GBK）");
        }
    }
}
