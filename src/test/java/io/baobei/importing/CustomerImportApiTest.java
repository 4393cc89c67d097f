package io.baobei.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerRepository;
import io.baobei.customer.CustomerStatus;
import io.baobei.dedup.CompanyName;
import io.baobei.dedup.CompanyNames;
import io.baobei.support.BaobeiWebTest;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Customer import over HTTP: CSV (UTF-8 with BOM, GBK) and XLSX, per-row report, re-runs, async. */
@BaobeiWebTest
class CustomerImportApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String HEADER = "companyName,creditCode,contactName,phone,email,industry,region,grade,owner\n";

    @Autowired TestRestTemplate rest;
    @Autowired CustomerRepository customers;

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachRowIsValidatedAndCheckedAndARerunCreatesNothingTwice() {
        String t = tag();
        String csv = HEADER
                + "深圳市青禾" + t + "科技有限公司,,周先生,13811112222,,IT,广东省深圳市,B,\n"          // 1 pool
                + "杭州远帆" + t + "电子有限公司,,吴女士,,,MANUFACTURING,浙江省杭州市,A," + REP_A1 + "\n" // 2 owned
                + "南京好运" + t + "贸易有限公司,,郑经理,12345,,RETAIL,江苏省南京市,C,\n"            // 3 bad phone
                + "青禾" + t + "科技（深圳）有限公司,,,,,IT,,,\n"                                   // 4 same as row 1
                + "苏州凯达" + t + "机械有限公司,,,,,,,,nobody\n";                                // 5 unknown owner
        byte[] withBom = ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);

        Map<String, Object> report = upload(ADMIN, withBom, "customers.csv", null).getBody();

        assertThat(report).containsEntry("state", "DONE").containsEntry("totalRows", 5).containsEntry("created", 2)
                .containsEntry("duplicates", 1).containsEntry("invalid", 2).containsEntry("progressPercent", 100);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("rows");
        assertThat(rows).extracting(r -> r.get("outcome"))
                .containsExactly("CREATED", "CREATED", "INVALID", "DUPLICATE", "INVALID");
        assertThat((String) rows.get(2).get("message")).contains("联系电话格式不正确");
        assertThat(rows.get(3).get("duplicateOf")).isEqualTo(rows.get(0).get("customerId"));
        assertThat((String) rows.get(3).get("reasons")).contains("NAME_CORE");
        assertThat((String) rows.get(4).get("message")).contains("nobody");

        Customer pooled = customers.findById(((Number) rows.get(0).get("customerId")).longValue()).orElseThrow();
        assertThat(pooled.getStatus()).isEqualTo(CustomerStatus.POOL);
        Customer owned = customers.findById(((Number) rows.get(1).get("customerId")).longValue()).orElseThrow();
        assertThat(owned.getOwner()).isEqualTo(REP_A1);
        assertThat(owned.getStatus()).isEqualTo(CustomerStatus.PROTECTED);
        assertThat(owned.getProtectionProcessInstanceId()).isNotNull();
        // an import stores the analysed name the duplicate check compares against
        assertThat(pooled.getAnalysedName()).isEqualTo(CompanyNames.analyze(pooled.getCompanyName()));
        assertThat(owned.getAnalysedName()).isEqualTo(CompanyNames.analyze(owned.getCompanyName()));

        Map<String, Object> again = upload(ADMIN, withBom, "customers.csv", null).getBody();
        assertThat(again).containsEntry("created", 0).containsEntry("duplicates", 3).containsEntry("invalid", 2);
    }

    @Test
    void gbkFilesFromChineseExcelAreDetected() {
        String t = tag();
        String csv = HEADER + "廣州市銀河" + t + "資訊有限公司,,黄工,020-88889999,,,广东省广州市,D,\n";
        Map<String, Object> report = upload(ADMIN, csv.getBytes(Charset.forName("GBK")), "excel.csv", null).getBody();

        assertThat(report).containsEntry("created", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) report.get("rows")).get(0);
        assertThat((String) row.get("companyName")).startsWith("廣州市銀河");
        Customer customer = customers.findById(((Number) row.get("customerId")).longValue()).orElseThrow();
        assertThat(customer.getPhone()).isEqualTo("02088889999");
        assertThat(customer.getAnalysedName()).isEqualTo(CompanyNames.analyze("廣州市銀河" + t + "資訊有限公司"))
                .extracting(CompanyName::region).isNotNull();
    }

    @Test
    void xlsxFilesImportAndTheReportCanBeDownloaded() throws IOException {
        String t = tag();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet();
            String[][] cells = {{"公司名称", "联系电话", "意向等级"}, {"成都锦城" + t + "软件有限公司", "13922223333", "B"},
                    {"=HYPERLINK(\"http://x\")" + t, "", ""}};
            for (int r = 0; r < cells.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < cells[r].length; c++) {
                    row.createCell(c).setCellValue(cells[r][c]);
                }
            }
            workbook.write(bytes);
        }
        Map<String, Object> report = upload(ADMIN, bytes.toByteArray(), "customers.xlsx", null).getBody();
        assertThat(report).containsEntry("totalRows", 2).containsEntry("created", 2);

        ResponseEntity<String> csv = rest.withBasicAuth(ADMIN, PASSWORD)
                .getForEntity("/api/imports/" + report.get("id") + "/report.csv", String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getBody()).contains("row,outcome,companyName").contains("成都锦城" + t)
                .as("formula-like cells are neutralised").contains("'=HYPERLINK");
        ResponseEntity<byte[]> xlsx = rest.withBasicAuth(ADMIN, PASSWORD)
                .getForEntity("/api/imports/" + report.get("id") + "/report.xlsx", byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(xlsx.getBody()).startsWith('P', 'K');
    }

    @Test
    void largeOrAsyncImportsRunInTheBackground() {
        String t = tag();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 30; i++) {
            csv.append("西安秦岭").append(t).append(i).append("号工贸有限公司,,,,,,,,\n");
        }
        ResponseEntity<Map<String, Object>> accepted = upload(ADMIN, csv.toString().getBytes(StandardCharsets.UTF_8),
                "big.csv", "true");
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String url = "/api/imports/" + accepted.getBody().get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(get(url).get("state")));
        assertThat(get(url)).containsEntry("totalRows", 30).containsEntry("processedRows", 30)
                .containsEntry("progressPercent", 100);
    }

    @Test
    void importsAreForAdminsAndABadFileIsRefusedReadably() {
        assertThat(upload(REP_A1, HEADER.getBytes(StandardCharsets.UTF_8), "x.csv", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map<String, Object>> noHeader = upload(ADMIN, "foo,bar\n1,2\n".getBytes(StandardCharsets.UTF_8),
                "x.csv", null);
        assertThat(noHeader.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noHeader.getBody().toString()).contains("表头缺少 companyName");
    }

    private Map<String, Object> get(String url) {
        return rest.withBasicAuth(ADMIN, PASSWORD).exchange(url, HttpMethod.GET, null, JSON).getBody();
    }

    private ResponseEntity<Map<String, Object>> upload(String user, byte[] content, String fileName, String async) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        if (async != null) {
            form.add("async", async);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, PASSWORD).exchange("/api/customers/import", HttpMethod.POST,
                new HttpEntity<>(form, headers), JSON);
    }
}
