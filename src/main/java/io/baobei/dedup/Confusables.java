package io.baobei.dedup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.text.Transliterator;

/**
 * Characters people confuse when they type a company name: 同音字 (an IME slip picks another character of the
 * same pinyin: 汇/惠, 华/化, 利/力) and 形近字 (characters that look alike: 未/末, 洲/州, 锐/锋). Readings come from
 * ICU's Han-Latin transliterator without tones, plus the second readings of common polyphonic characters
 * ({@code dedup/polyphones.txt}); shapes from a hand-compiled table ({@code dedup/confusables.txt}). Sources:
 * {@code dedup/confusables.SOURCE.md}.
 */
public final class Confusables {

    private static final ThreadLocal<Transliterator> TO_PINYIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII"));
    /** ICU's transliteration costs ~0.2 ms a character; a company name uses a few thousand distinct ones */
    private static final Map<Integer, List<String>> READINGS = new ConcurrentHashMap<>();
    private static final Map<Integer, List<String>> MORE_READINGS = loadPolyphones();
    /** each character of a 形近 group → the group's first character (groups sharing a character are merged) */
    private static final Map<Integer, Integer> SHAPE_CLASS = loadShapes();

    private Confusables() {
    }

    /**
     * The toneless readings of a character, the most common first (华 → [hua]; 长 → [zhang, chang]); a
     * character that is not Han reads as itself, lower-cased.
     */
    public static List<String> readings(int codePoint) {
        return READINGS.computeIfAbsent(codePoint, cp -> {
            String self = new String(Character.toChars(cp));
            if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
                return List.of(self.toLowerCase(Locale.ROOT));
            }
            Set<String> readings = new LinkedHashSet<>();
            readings.add(TO_PINYIN.get().transliterate(self).toLowerCase(Locale.ROOT));
            readings.addAll(MORE_READINGS.getOrDefault(cp, List.of()));
            return List.copyOf(readings);
        });
    }

    /** The representative of the character's 形近 group, or the character itself. */
    public static int shapeClass(int codePoint) {
        return SHAPE_CLASS.getOrDefault(codePoint, codePoint);
    }

    /** Whether the character belongs to a 形近 group. */
    public static boolean hasShapeClass(int codePoint) {
        return SHAPE_CLASS.containsKey(codePoint);
    }

    /** Same reading (any of their readings) or the same 形近 group. */
    public static boolean confusable(int a, int b) {
        if (a == b) {
            return true;
        }
        if (shapeClass(a) == shapeClass(b) && hasShapeClass(a)) {
            return true;
        }
        List<String> x = readings(a);
        for (String reading : readings(b)) {
            if (x.contains(reading)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pinyin spellings of a text: each character's reading, joined by '-' so that "xi an" and "xian"
     * stay apart. With polyphonic characters, every combination, at most {@code max}, most common first.
     */
    public static List<String> spellings(String text, int max) {
        List<String> spellings = new ArrayList<>(List.of(""));
        text.codePoints().forEach(cp -> {
            List<String> next = new ArrayList<>();
            for (String prefix : spellings) {
                for (String reading : readings(cp)) {
                    if (next.size() < max) {
                        next.add(prefix.isEmpty() ? reading : prefix + '-' + reading);
                    }
                }
            }
            spellings.clear();
            spellings.addAll(next);
        });
        return spellings;
    }

    /** The text with each character replaced by its 形近 group's representative. */
    public static String shapeSkeleton(String text) {
        StringBuilder skeleton = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> skeleton.appendCodePoint(shapeClass(cp)));
        return skeleton.toString();
    }

    private static Map<Integer, List<String>> loadPolyphones() {
        Map<Integer, List<String>> more = new HashMap<>();
        for (String line : lines("/dedup/polyphones.txt")) {
            String[] parts = line.split("\\s+");
            more.put(parts[0].codePointAt(0), List.of(parts).subList(1, parts.length));
        }
        return Map.copyOf(more);
    }

    private static Map<Integer, Integer> loadShapes() {
        // union-find over the groups, so a character listed in two groups joins them
        Map<Integer, Integer> parent = new HashMap<>();
        for (String line : lines("/dedup/confusables.txt")) {
            int[] chars = line.codePoints().filter(cp -> !Character.isWhitespace(cp)).toArray();
            for (int c : chars) {
                parent.putIfAbsent(c, c);
            }
            for (int i = 1; i < chars.length; i++) {
                int a = root(parent, chars[0]);
                int b = root(parent, chars[i]);
                if (a != b) {
                    parent.put(b, a);
                }
            }
        }
        Map<Integer, Integer> classes = new HashMap<>();
        for (Integer c : parent.keySet()) {
            classes.put(c, root(parent, c));
        }
        return Map.copyOf(classes);
    }

    private static int root(Map<Integer, Integer> parent, int c) {
        while (parent.get(c) != c) {
            c = parent.get(c);
        }
        return c;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Confusables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
