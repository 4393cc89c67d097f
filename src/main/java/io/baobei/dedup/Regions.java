package io.baobei.dedup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * China's administrative divisions (src/main/resources/dedup/regions.csv, see regions.SOURCE.md), as the
 * region words people put in company names: full names (广东省, 深圳市, 南山区, 延边朝鲜族自治州) and the short
 * forms used for provinces, prefectures and county-level cities (广东, 深圳, 延边, 昆山). District and county
 * short forms (南山, 朝阳) are left out on purpose: they are also common trade names.
 */
final class Regions {

    /** NBS grouping rows, not place names. */
    private static final List<String> PLACEHOLDERS = List.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");
    private static final Pattern AUTONOMOUS = Pattern.compile("自治(区|州|县|旗)$");
    private static final List<String> ETHNIC = List.of("壮族", "回族", "维吾尔", "朝鲜族", "藏族", "蒙古族", "苗族", "彝族",
            "土家族", "哈尼族", "傣族", "白族", "布依族", "侗族", "黎族", "哈萨克", "哈萨克族", "柯尔克孜", "傈僳族", "景颇族",
            "羌族", "瑶族", "畲族", "满族", "达斡尔族", "鄂温克族", "鄂伦春", "水族", "仫佬族", "毛南族", "仡佬族", "纳西族",
            "普米族", "独龙族", "怒族", "拉祜族", "佤族", "撒拉族", "土族", "东乡族", "保安族", "裕固族", "锡伯族", "塔吉克",
            "各族", "蒙古");
    private static final List<String> SUFFIXES = List.of("特别行政区", "省", "市", "地区", "盟", "区", "县", "旗");

    private static final Regions INSTANCE = load();

    /** region word → region code */
    private final Map<String, String> codeByWord = new HashMap<>();
    /** region code → parent code */
    private final Map<String, String> parentByCode = new HashMap<>();
    private final int longestWord;

    private Regions(List<String[]> rows) {
        int longest = 0;
        for (String[] row : rows) {
            String code = row[0];
            String name = row[1];
            int level = Integer.parseInt(row[2]);
            parentByCode.put(code, row.length > 3 && !row[3].isEmpty() ? row[3] : null);
            if (PLACEHOLDERS.contains(name)) {
                continue;
            }
            codeByWord.putIfAbsent(name, code);
            String shortForm = shortForm(name);
            boolean countyDistrict = level == 3 && !name.endsWith("市");
            if (shortForm != null && shortForm.length() >= 2 && !countyDistrict) {
                codeByWord.putIfAbsent(shortForm, code);
            }
            longest = Math.max(longest, name.length());
        }
        codeByWord.put("中国", "CN");
        codeByWord.put("中华", "CN");
        parentByCode.put("CN", null);
        this.longestWord = longest;
    }

    static Regions get() {
        return INSTANCE;
    }

    /** The longest region word at the start of {@code text}, or null. */
    String leadingWord(String text) {
        for (int length = Math.min(longestWord, text.length()); length >= 2; length--) {
            if (codeByWord.containsKey(text.substring(0, length))) {
                return text.substring(0, length);
            }
        }
        return null;
    }

    /** The region code of a whole word (e.g. a bracket's content), or null. */
    String codeOf(String word) {
        return codeByWord.get(word);
    }

    /** True when one region contains the other or they are the same: a name's regions don't contradict. */
    boolean compatible(String a, String b) {
        if (a == null || b == null || a.equals(b) || "CN".equals(a) || "CN".equals(b)) {
            return true;
        }
        return isAncestor(a, b) || isAncestor(b, a);
    }

    /** The more specific of two compatible regions. */
    String moreSpecific(String a, String b) {
        if (a == null || "CN".equals(a)) {
            return b;
        }
        if (b == null || "CN".equals(b)) {
            return a;
        }
        return isAncestor(a, b) ? b : a;
    }

    private boolean isAncestor(String ancestor, String code) {
        for (String c = parentByCode.get(code); c != null; c = parentByCode.get(c)) {
            if (c.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    static String shortForm(String name) {
        if (AUTONOMOUS.matcher(name).find()) {
            String rest = AUTONOMOUS.matcher(name).replaceAll("");
            boolean stripped = true;
            while (stripped) {
                stripped = false;
                for (String ethnic : ETHNIC) {
                    if (rest.endsWith(ethnic) && rest.length() - ethnic.length() >= 2) {
                        rest = rest.substring(0, rest.length() - ethnic.length());
                        stripped = true;
                    }
                }
            }
            return rest;
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && name.length() - suffix.length() >= 2) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    private static Regions load() {
        try (var in = Regions.class.getResourceAsStream("/dedup/regions.csv")) {
            if (in == null) {
                throw new IllegalStateException("dedup/regions.csv missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = reader.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
            return new Regions(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
