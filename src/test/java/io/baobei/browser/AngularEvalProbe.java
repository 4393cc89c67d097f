package io.baobei.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AngularJS, in Camunda's {@code lib/deps.js}, checks on every page load whether eval is allowed: it calls
 * {@code new Function("")}, catches the EvalError and from then on parses its expressions without eval. Under a
 * policy without 'unsafe-eval' the browser reports that attempt as a violation; it is expected and harmless. This
 * finds the probe in the deps.js the application serves, so a report can be matched to it by position: any other
 * violation, also another eval in deps.js, still fails the browser tests.
 */
final class AngularEvalProbe {

    static final String DEPS_JS = "META-INF/resources/webjars/camunda/lib/deps.js";
    /** AngularJS's csp() feature test, as minified in Camunda 7.24's deps.js. */
    static final String PROBE = "noUnsafeEval:function(){try{return new Function(\"\"),!1}catch(e){return!0}}()";
    /** What HeadlessChromium logs for a violation: "... blocked eval at <script url>:<line>:<column>". */
    private static final Pattern REPORT = Pattern.compile("blocked eval at (\\S+?)(?:\\?\\S*)?:(\\d+):(\\d+)");

    private static final AngularEvalProbe INSTANCE = locate();

    private final int line;
    private final int firstColumn;
    private final int lastColumn;

    private AngularEvalProbe(int line, int firstColumn, int lastColumn) {
        this.line = line;
        this.firstColumn = firstColumn;
        this.lastColumn = lastColumn;
    }

    /** Whether the console entry reports the probe's eval attempt and nothing else. */
    static boolean isProbe(String consoleEntry) {
        Matcher report = REPORT.matcher(consoleEntry);
        if (!report.find() || !report.group(1).endsWith("/camunda/lib/deps.js")) {
            return false;
        }
        int reportedLine = Integer.parseInt(report.group(2));
        int reportedColumn = Integer.parseInt(report.group(3));
        return reportedLine == INSTANCE.line && reportedColumn >= INSTANCE.firstColumn
                && reportedColumn <= INSTANCE.lastColumn;
    }

    private static AngularEvalProbe locate() {
        String source;
        try (InputStream in = AngularEvalProbe.class.getClassLoader().getResourceAsStream(DEPS_JS)) {
            if (in == null) {
                throw new IllegalStateException(DEPS_JS + " not on the test classpath");
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = source.indexOf(PROBE);
        if (start < 0 || source.indexOf(PROBE, start + 1) >= 0) {
            throw new IllegalStateException("AngularJS's eval probe not found exactly once in " + DEPS_JS
                    + " (new Camunda version?): look at the browser console and update AngularEvalProbe.PROBE");
        }
        int lineStart = source.lastIndexOf('\n', start) + 1;
        int line = (int) source.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
        // 1-based columns, as browsers report them
        return new AngularEvalProbe(line, start - lineStart + 1, start - lineStart + PROBE.length());
    }
}
