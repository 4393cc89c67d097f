package io.baobei.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import io.baobei.common.InvalidInputException;
import io.baobei.customer.CustomerFields;

/**
 * Reads an import file row by row without loading it into memory: CSV (UTF-8 with or without BOM, or GBK
 * as Chinese Excel exports it — detected, or chosen by the caller) through Commons CSV, XLSX through
 * POI's streaming (SAX) reader. The header row names the columns; English names or their Chinese labels.
 */
final class ImportFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ImportFiles.class);
    /** OLE2 compound file: .xls, .doc, encrypted .xlsx */
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    /** the POI error stays in the log: it names classes and means nothing to the user */
    private static final String XLSX_UNREADABLE = "无法读取 XLSX 文件：文件已损坏，或不是 Excel 工作簿（.xlsx）";

    static final List<String> COLUMNS = List.of("companyName", "creditCode", "contactName", "phone", "email",
            "industry", "region", "grade", "owner");
    private static final Map<String, String> ALIASES = aliases();

    record Row(int number, Map<String, String> values) {

        String get(String column) {
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    private ImportFiles() {
    }

    /** Calls {@code handler} for every data row; returns how many there were. */
    static int read(Path file, Charset forcedCharset, Consumer<Row> handler) throws IOException {
        if (isXlsx(file)) {
            return readXlsx(file, handler);
        }
        refuseForeign(file, forcedCharset);
        try {
            return readCsv(file, charsetOf(file, forcedCharset), forcedCharset != null, handler);
        } catch (UncheckedIOException e) {
            throw InvalidInputException.of("file", "CSV 文件格式不正确，请检查引号是否成对");
        }
    }

    /**
     * Files that are certainly neither CSV nor XLSX would otherwise be read as text and refused for a missing
     * header at best: say what they are and what to do instead.
     */
    private static void refuseForeign(Path file, Charset forcedCharset) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(8192);
        }
        if (startsWith(start, OLE2)) {
            // old .xls workbooks and password-protected .xlsx files are both OLE2 containers
            throw InvalidInputException.of("file", "不支持旧版 Excel（.xls）文件或加密的工作簿：请在 Excel 中另存为未加密的 .xlsx 或 CSV 后再上传");
        }
        if (forcedCharset != null) {
            return;
        }
        if (startsWith(start, new byte[] {(byte) 0xFF, (byte) 0xFE}) || startsWith(start, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            throw InvalidInputException.of("file", "不支持 UTF-16 编码的文件：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传");
        }
        for (byte b : start) {
            if (b == 0) {
                throw InvalidInputException.of("file", "文件不是 CSV 或 XLSX 格式（含有二进制内容）：请上传 .csv 或 .xlsx 文件");
            }
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    static boolean isXlsx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    /** UTF-8 when the file has a BOM or decodes as UTF-8 throughout; otherwise GB18030 (a superset of GBK). */
    static Charset charsetOf(Path file, Charset forced) throws IOException {
        if (forced != null) {
            return forced;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
            CharBuffer chars = CharBuffer.allocate(64 * 1024);
            byte[] chunk = new byte[32 * 1024];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                bytes.put(chunk, 0, read).flip();
                chars.clear();
                if (decoder.decode(bytes, chars, false).isError()) {
                    return Charset.forName("GB18030");
                }
                bytes.compact();
            }
            bytes.flip();
            chars.clear();
            if (decoder.decode(bytes, chars, true).isError() || decoder.flush(chars).isError()) {
                return Charset.forName("GB18030");
            }
        } catch (CharacterCodingException e) {
            return Charset.forName("GB18030");
        }
        return StandardCharsets.UTF_8;
    }

    private static int readCsv(Path file, Charset charset, boolean forced, Consumer<Row> handler) throws IOException {
        // strict decoding: a byte that is not text in this charset refuses the file instead of becoming U+FFFD
        // (or mojibake) in a customer's name
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CSVParser parser = null;
        try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader);
            int number = 0;
            Map<Integer, String> columns = null;
            for (CSVRecord record : parser) {
                if (columns == null) {
                    columns = header(record.toList());
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (Map.Entry<Integer, String> column : columns.entrySet()) {
                    if (column.getKey() < record.size()) {
                        values.put(column.getValue(), record.get(column.getKey()));
                    }
                }
                handler.accept(new Row(++number, values));
            }
            if (columns == null) {
                throw InvalidInputException.of("file", "文件为空：第一行应为表头 " + String.join(",", COLUMNS));
            }
            return number;
        } catch (UncheckedIOException | CharacterCodingException e) {
            // Commons CSV reports unreadable input (a stray quote, undecodable bytes) as UncheckedIOException
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            String where = parser == null ? "文件开头" : "第 " + (parser.getCurrentLineNumber() + 1) + " 行附近";
            if (cause instanceof CharacterCodingException) {
                throw InvalidInputException.of("file", forced
                        ? "文件内容不是有效的 " + charset.name() + " 编码（" + where + "）：请检查 charset 参数"
                        : "无法识别文件编码（" + where + "）：内容既不是有效的 UTF-8，也不是 GBK。"
                          + "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传");
            }
            throw InvalidInputException.of("file", "CSV 文件格式不正确（" + where + "）：请检查引号是否成对");
        }
    }

    private static int readXlsx(Path file, Consumer<Row> handler) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw InvalidInputException.of("file", "工作簿中没有工作表");
            }
            SheetRows rows = new SheetRows(handler);
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null,
                        new ReadOnlySharedStringsTable(pkg), rows, new DataFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
            if (rows.columns == null) {
                throw InvalidInputException.of("file", "工作表为空：第一行应为表头 " + String.join(",", COLUMNS));
            }
            return rows.number;
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            LOG.info("Unreadable XLSX upload: {}", e.toString());
            throw InvalidInputException.of("file", XLSX_UNREADABLE);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // POI signals a damaged or foreign file with runtime exceptions (POIXMLException, NotOfficeXmlFile …);
            // the rows handled before stay handled
            if (e.getCause() instanceof InvalidInputException invalid) {
                throw invalid;
            }
            LOG.info("Unreadable XLSX upload: {}", e.toString());
            throw InvalidInputException.of("file", XLSX_UNREADABLE);
        }
    }

    /** Collects the cells of each sheet row and hands complete rows on. */
    private static final class SheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final Consumer<Row> handler;
        private Map<Integer, String> columns;
        private final Map<Integer, String> cells = new TreeMap<>();
        private int number;

        SheetRows(Consumer<Row> handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.values().stream().allMatch(v -> v == null || v.isBlank())) {
                return;
            }
            if (columns == null) {
                int last = cells.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
                String[] names = new String[last + 1];
                cells.forEach((index, value) -> names[index] = value);
                columns = header(Arrays.asList(names));
                return;
            }
            Map<String, String> values = new HashMap<>();
            columns.forEach((index, column) -> values.put(column, cells.get(index)));
            handler.accept(new Row(++number, values));
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            cells.put((int) new CellReference(reference).getCol(), formattedValue);
        }
    }

    /** Column index → column name; refuses a header without companyName. */
    private static Map<Integer, String> header(List<String> names) {
        Map<Integer, String> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).strip().replace("\uFEFF", "");
            String column = ALIASES.get(name.toLowerCase(Locale.ROOT));
            if (column != null) {
                columns.put(i, column);
            }
        }
        if (!columns.containsValue("companyName")) {
            throw InvalidInputException.of("file", "表头缺少 companyName（公司名称）列；应为 " + String.join(",", COLUMNS));
        }
        return columns;
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new HashMap<>();
        COLUMNS.forEach(c -> aliases.put(c.toLowerCase(Locale.ROOT), c));
        // a column titled as the field is named in messages (公司名称, 所属行业 …), or shorter
        CustomerFields.ALL.stream().filter(rule -> COLUMNS.contains(rule.key()))
                .forEach(rule -> aliases.put(rule.label(), rule.key()));
        aliases.put("电话", "phone");
        aliases.put("行业", "industry");
        aliases.put("地区", "region");
        aliases.put("归属销售", "owner");
        return aliases;
    }
}
