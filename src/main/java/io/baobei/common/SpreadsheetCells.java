package io.baobei.importing;

/** Cells of exported CSV / XLSX files. */
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
}
