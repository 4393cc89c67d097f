package io.baobei.importing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import io.baobei.common.InvalidInputException;
import io.baobei.fuzz.FuzzStrings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ImportFiles#read} on arbitrary bytes: a file either reads as rows, or is refused with
 * {@link InvalidInputException} (a Chinese message for the user) or fails with {@link IOException}.
 * Anything else becomes an HTTP 500 in {@code POST /api/customer-imports}.
 */
class ImportFilesFuzzTest {

    private static final byte[] XLSX = workbook();
    private static final Map<String, byte[]> XLSX_PARTS = unzip(XLSX);
    private static final Charset GB18030 = Charset.forName("GB18030");

    @Property(tries = 300)
    void arbitraryBytes(@ForAll("bytes") byte[] content, @ForAll("charsets") Charset forced) throws IOException {
        check(content, forced);
    }

    @Property(tries = 200)
    void bytesThatLookLikeAZip(@ForAll("zipMagic") byte[] content, @ForAll("charsets") Charset forced) throws IOException {
        check(content, forced);
    }

    @Property(tries = 200)
    void aWorkbookWithBytesChanged(@ForAll("mutatedXlsx") byte[] content) throws IOException {
        check(content, null);
    }

    @Property(tries = 200)
    void aWellFormedZipWithChangedParts(@ForAll("changedParts") byte[] content) throws IOException {
        check(content, null);
    }

    @Property(tries = 500)
    void csvWithAValidHeaderAndArbitraryRows(@ForAll("csv") byte[] content, @ForAll("charsets") Charset forced)
            throws IOException {
        check(content, forced);
    }

    private static void check(byte[] content, Charset forced) throws IOException {
        Path file = Files.createTempFile("import-fuzz", ".bin");
        try {
            Files.write(file, content);
            AtomicInteger rows = new AtomicInteger();
            int total;
            try {
                total = ImportFiles.read(file, forced, row -> {
                    assertThat(row.number()).isEqualTo(rows.incrementAndGet());
                    assertThat(ImportFiles.COLUMNS).containsAll(row.values().keySet());
                    for (String column : ImportFiles.COLUMNS) {
                        String value = row.get(column);
                        assertThat(value == null || !value.isBlank() && value.equals(value.strip())).isTrue();
                    }
                });
            } catch (InvalidInputException refused) {
                Statistics.label("outcome").collect("refused");
                assertThat(refused.errors()).isNotEmpty()
                        .allSatisfy(e -> assertThat(FuzzStrings.containsChinese(e.message())).isTrue());
                return;
            } catch (IOException failed) {
                Statistics.label("outcome").collect("IOException");
                return;
            } catch (RuntimeException unexpected) {
                // e.g. Commons CSV's UncheckedIOException for a stray quote or POI's runtime exceptions for a
                // damaged XLSX, both found by this property, must reach the caller as a readable refusal
                throw new AssertionError("unexpected " + unexpected + " reading " + describe(content)
                        + " (forced charset " + forced + ")", unexpected);
            }
            Statistics.label("outcome").collect("read");
            assertThat(total).isEqualTo(rows.get());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    // ---- generators

    @Provide
    Arbitrary<Charset> charsets() {
        return Arbitraries.of(StandardCharsets.UTF_8, GB18030, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16)
                .injectNull(0.6);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    @Provide
    Arbitrary<byte[]> zipMagic() {
        return bytes().map(tail -> concat(new byte[] {'P', 'K', 3, 4}, tail));
    }

    @Provide
    Arbitrary<byte[]> mutatedXlsx() {
        Arbitrary<int[]> change = Combinators.combine(Arbitraries.integers().between(0, XLSX.length - 1),
                        Arbitraries.integers().between(0, 255))
                .as((at, value) -> new int[] {at, value});
        return Combinators.combine(change.list().ofMinSize(1).ofMaxSize(20),
                        Arbitraries.integers().between(4, XLSX.length).injectNull(0.8))
                .as((changes, truncateAt) -> {
                    byte[] bytes = XLSX.clone();
                    changes.forEach(c -> bytes[c[0]] = (byte) c[1]);
                    return truncateAt == null ? bytes : java.util.Arrays.copyOf(bytes, truncateAt);
                });
    }

    /** A valid ZIP whose parts (sheet, workbook, content types, relations …) are damaged as text. */
    @Provide
    Arbitrary<byte[]> changedParts() {
        List<String> names = new ArrayList<>(XLSX_PARTS.keySet());
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.of("<c r=\"XFE1\"><v>1</v></c>", "<c r=\"A0\">", "<c r=\"\"><v>x</v></c>", "<c><v>x</v></c>",
                        "<c r=\"A1\" t=\"s\"><v>99999</v></c>", "<c r=\"A1\" t=\"s\"><v>-1</v></c>",
                        "<c r=\"B2\" t=\"inlineStr\"><is><t>公司名称</t></is></c>", "<row r=\"-1\">", "<row r=\"9999999999\">",
                        "<c r=\"A1\" s=\"999\"><v>1</v></c>", "<c r=\"A1\" t=\"n\"><v>NaN</v></c>",
                        "<c r=\"A1\" t=\"d\"><v>x</v></c>", "<c r=\"A1\" t=\"e\"><v>#REF!</v></c>", "&#0;", "&unknown;",
                        "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>", "<![CDATA[", "]]>", "</sheetData>", "<sheetData>",
                        "\u0000", "\uFEFF", "<?xml version=\"1.0\"?>", "Target=\"../../../etc/passwd\"",
                        "Target=\"worksheets/none.xml\"", "<sheet name=\"x\" sheetId=\"1\" r:id=\"rId99\"/>"),
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withChars("<>/=\"'&;:rcvst0123456789AZ ").ofMaxLength(30));
        Arbitrary<String> part = Arbitraries.of(names);
        Arbitrary<Object[]> edit = Combinators.combine(part, Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(0, 40), fragment)
                .as((name, where, cut, text) -> new Object[] {name, where, cut, text});
        return Combinators.combine(edit.list().ofMinSize(1).ofMaxSize(5), Arbitraries.of(names).injectNull(0.85))
                .as((edits, dropped) -> {
                    Map<String, byte[]> parts = new LinkedHashMap<>(XLSX_PARTS);
                    for (Object[] e : edits) {
                        String name = (String) e[0];
                        String xml = new String(parts.get(name), StandardCharsets.UTF_8);
                        int at = (int) Math.floor((double) e[1] * xml.length());
                        int end = Math.min(xml.length(), at + (int) e[2]);
                        parts.put(name, (xml.substring(0, at) + e[3] + xml.substring(end)).getBytes(StandardCharsets.UTF_8));
                    }
                    if (dropped != null) {
                        parts.remove(dropped);
                    }
                    return zip(parts);
                });
    }

    @Provide
    Arbitrary<byte[]> csv() {
        Arbitrary<String> header = Arbitraries.of("companyName,creditCode,contactName,phone,email,industry,region,grade,owner",
                "公司名称,联系人,电话,邮箱,行业,地区,意向等级,归属销售", "\uFEFFcompanyName", " CompanyName ,phone,phone,companyName",
                "公司名称,\"电话\",\"\"");
        Arbitrary<String> cell = Arbitraries.oneOf(FuzzStrings.hostile().map(s -> s == null ? "" : s),
                Arbitraries.strings().withChars("\",\r\n 公司a").ofMaxLength(12),
                Arbitraries.of("\"quoted\"", "\"open", "a\"b", "\"a\"b", "\"\"", "\"x\"\"y\"", "\r", "\n\n"));
        Arbitrary<String> line = cell.list().ofMaxSize(12).map(cells -> String.join(",", cells));
        Arbitrary<String> text = Combinators.combine(header, line.list().ofMaxSize(8), Arbitraries.of("\n", "\r\n", "\r"))
                .as((h, lines, eol) -> h + eol + String.join(eol, lines));
        return Arbitraries.frequencyOf(
                Tuple.of(4, text.map(t -> t.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, text.map(t -> t.getBytes(GB18030))),
                Tuple.of(1, text.map(t -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        t.getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(1, text.map(t -> t.getBytes(StandardCharsets.UTF_16))),
                Tuple.of(1, Combinators.combine(text, bytes()).as((t, b) -> concat(t.getBytes(StandardCharsets.UTF_8), b))));
    }

    // ---- helpers

    private static byte[] workbook() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("客户");
            String[][] rows = {
                    {"公司名称", "统一社会信用代码", "联系人", "联系电话", "邮箱", "所属行业", "所在地区", "意向等级", "归属销售"},
                    {"深圳市腾达科技有限公司", "91440300708461136T", "王先生", "13800138000", "wang@example.cn", "IT", "广东省深圳市", "A", "rep1"},
                    {"广州恒通贸易有限公司", "", "李女士", "020-88889999", "", "RETAIL", "广东省广州市", "b", ""}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            sheet.createRow(3).createCell(0).setCellValue(42.5);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                parts.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }

    private static byte[] zip(Map<String, byte[]> parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                out.putNextEntry(new ZipEntry(part.getKey()));
                out.write(part.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String describe(byte[] content) {
        StringBuilder out = new StringBuilder(content.length + " bytes: ");
        for (int i = 0; i < Math.min(64, content.length); i++) {
            out.append(String.format("%02x", content[i]));
        }
        return out.append(content.length > 64 ? "…" : "").toString();
    }
}
