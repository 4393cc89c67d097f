package io.baobei.dedup;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matcher against the labelled pairs in src/test/resources/dedup/labelled-pairs.csv: side b is an
 * existing customer held by a colleague, side a is what a rep registers. Prints precision and recall per
 * category; fails when a distinct pair is CONFLICT, when fewer than 97 % of the duplicates are caught,
 * or when a formatting-only variant is not CONFLICT.
 */
class LabelledPairsTest {

    record Pair(int id, String category, boolean duplicate, MatchRules.Profile a, MatchRules.Profile b, String text) {
    }

    private static final MatchRules RULES = new MatchRules(new DedupProperties(null, null, null).similarThreshold());
    private static final List<Pair> PAIRS = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (Reader reader = new InputStreamReader(
                LabelledPairsTest.class.getResourceAsStream("/dedup/labelled-pairs.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                PAIRS.add(new Pair(Integer.parseInt(r.get("id")), r.get("category"), "DUPLICATE".equals(r.get("label")),
                        MatchRules.Profile.of(r.get("a_name"), r.get("a_credit_code"), r.get("a_phone"), null),
                        MatchRules.Profile.of(r.get("b_name"), r.get("b_credit_code"), r.get("b_phone"), null),
                        r.get("a_name") + " | " + r.get("b_name")));
            }
        }
    }

    /** What a rep registering a would get if b were a colleague's customer (found only if indexed so). */
    static Verdict verdict(Pair pair) {
        if (!pair.a().wouldFind(pair.b())) {
            return Verdict.CLEAR;
        }
        MatchRules.Evaluation evaluation = RULES.evaluate(pair.a(), pair.b());
        return evaluation.isStrong() ? Verdict.CONFLICT : evaluation.isMatch() ? Verdict.SUSPECT : Verdict.CLEAR;
    }

    /**
     * The check compares stored customers by their stored analysis and the blind indexes of phone and email:
     * every pair gets the same reasons and score as with names analysed afresh and clear contact data.
     */
    @Test
    void storedProfilesGiveTheSameEvaluations() {
        // any injective function stands for the HMAC here
        UnaryOperator<String> blindIndex = v -> v == null ? null : "hmac:" + v;
        for (Pair pair : PAIRS) {
            MatchRules.Profile b = pair.b();
            MatchRules.Profile stored = MatchRules.Profile.stored(b.name(), b.creditCode(), blindIndex.apply(b.phone()),
                    blindIndex.apply(b.email()));
            assertThat(RULES.evaluate(pair.a().blindIndexed(blindIndex), stored)).as(pair.text())
                    .isEqualTo(RULES.evaluate(pair.a(), b));
        }
    }

    @Test
    void meetsTheAccuracyBar() {
        assertThat(PAIRS).hasSizeGreaterThanOrEqualTo(300);
        Map<String, int[]> byCategory = new TreeMap<>(); // caught, total
        List<String> falseConflicts = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        List<String> formatNotConflict = new ArrayList<>();
        int duplicates = 0;
        int caught = 0;
        int flaggedDistinct = 0;
        int[] flagged = new int[Verdict.values().length];
        for (Pair pair : PAIRS) {
            Verdict verdict = verdict(pair);
            flagged[verdict.ordinal()]++;
            int[] counts = byCategory.computeIfAbsent((pair.duplicate() ? "DUPLICATE " : "DISTINCT  ") + pair.category(),
                    k -> new int[3]);
            counts[verdict.ordinal()]++;
            if (pair.duplicate()) {
                duplicates++;
                if (verdict != Verdict.CLEAR) {
                    caught++;
                } else {
                    missed.add(pair.id() + ": " + pair.text());
                }
                if (pair.category().equals("FORMAT") && verdict != Verdict.CONFLICT) {
                    formatNotConflict.add(pair.id() + ": " + pair.text() + " → " + verdict);
                }
            } else {
                if (verdict == Verdict.CONFLICT) {
                    falseConflicts.add(pair.id() + ": " + pair.text());
                }
                if (verdict != Verdict.CLEAR) {
                    flaggedDistinct++;
                }
            }
        }
        System.out.println("category                        CLEAR  SUSPECT  CONFLICT");
        byCategory.forEach((category, c) ->
                System.out.printf("%-30s %6d %8d %9d%n", category, c[0], c[1], c[2]));
        int flaggedTotal = flagged[Verdict.SUSPECT.ordinal()] + flagged[Verdict.CONFLICT.ordinal()];
        System.out.printf("duplicates flagged (SUSPECT or CONFLICT): recall %.3f (%d/%d), precision %.3f (%d/%d)%n",
                (double) caught / duplicates, caught, duplicates, (double) caught / flaggedTotal, caught, flaggedTotal);
        long conflicts = flagged[Verdict.CONFLICT.ordinal()];
        long trueConflicts = conflicts - falseConflicts.size();
        long duplicateConflicts = PAIRS.stream().filter(Pair::duplicate).filter(p -> verdict(p) == Verdict.CONFLICT).count();
        System.out.printf("CONFLICT: precision %.3f (%d/%d), recall over duplicates %.3f (%d/%d)%n",
                conflicts == 0 ? 1.0 : (double) trueConflicts / conflicts, trueConflicts, conflicts,
                (double) duplicateConflicts / duplicates, duplicateConflicts, duplicates);
        System.out.printf("distinct pairs flagged SUSPECT: %d; missed duplicates: %s%n", flaggedDistinct, missed);

        assertThat(falseConflicts).as("distinct pairs judged CONFLICT").isEmpty();
        assertThat((double) caught / duplicates).as("recall of duplicates; missed: " + missed).isGreaterThanOrEqualTo(0.97);
        assertThat(formatNotConflict).as("formatting-only variants must be CONFLICT").isEmpty();
    }
}
