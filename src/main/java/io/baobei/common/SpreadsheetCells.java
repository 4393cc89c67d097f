package io.baobei.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Cells of exported CSV / XLSX files (import reports, audit export). */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    /** A cell starting with = + - @ (or a tab / CR) would be run as a formula by a spreadsheet: prefix a quote. */
    public static String neutralise(String cell) {
        if (cell == null) {
            return "";
        }
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** Produces the rows of an export, each handed to the sink as its (already neutralised) cells. */
    @FunctionalInterface
    public interface Rows {
        void each(Consumer<List<String>> sink);
    }

    /**
     * Streams a CSV file that Excel opens correctly: UTF-8 with a BOM (without it Excel reads UTF-8 as the
     * local code page), the header, then the rows as they are produced.
     */
    public static void writeCsv(OutputStream out, List<String> header, Rows rows) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
            printer.printRecord(header);
            rows.each(cells -> {
                try {
                    printer.printRecord(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
