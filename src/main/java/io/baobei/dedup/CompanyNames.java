package io.baobei.dedup;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.Transliterator;

/**
 * Company names as people really type them, reduced to what identifies the company: full-width and
 * half-width forms (NFKC), traditional and simplified characters (ICU's Traditional-Simplified
 * transliterator), case, spaces and punctuation, region words in front or in brackets, legal forms
 * (有限公司, 有限责任公司, Co., Ltd. …), branch suffixes (分公司, 办事处 …) and trailing industry words.
 */
public final class CompanyNames {

    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

    private static final Pattern BRACKETS = Pattern.compile("[(\\[{（【〔［｛《<]([^)\\]}）】〕］｝》>]*)[)\\]}）】〕］｝》>]");
    private static final Pattern NOT_NAME = Pattern.compile("[^\\p{L}\\p{N}]");
    /** "…公司" followed by a branch part: the company is the part before it */
    private static final Pattern BRANCH = Pattern.compile(
            "^(.+?(?:有限责任公司|股份有限公司|有限公司|公司|集团|银行))(.+?(?:分公司|分行|支行|办事处|研究所|研究院|分部|营业部"
                    + "|经营部|服务部|销售部|门市部|分店|分厂|代表处|联络处|分所|服务中心|销售中心|工作站))$");
    /** a branch suffix without "公司" before it: 腾达科技深圳办事处 */
    private static final Pattern BARE_BRANCH = Pattern.compile("^(.+?)(分公司|分行|支行|办事处|分部|营业部|经营部|代表处|联络处)$");

    /** legal forms, longest first; English ones in their folded form (no spaces or dots) */
    private static final List<String> LEGAL_FORMS = sortedLongestFirst(List.of(
            "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司", "总公司", "公司", "集团",
            // typed short: "…有限" / "…有限责任" without 公司
            "股份有限", "有限责任", "有限",
            "有限合伙", "普通合伙", "合伙企业", "个人独资企业", "企业",
            "companylimited", "coltd", "colimited", "coinc", "corporation", "corp", "incorporated", "inc", "limited",
            "ltd", "llc", "gmbh", "group", "company"));

    /**
     * industry and business words: shared by many unrelated companies, so never distinctive. 控股 is one too, not a
     * legal form: a holding company (美的控股) and the operating company of its brand (美的集团) are different legal
     * entities, so their cores must differ (same brand: SUSPECT, never CONFLICT).
     */
    private static final List<String> INDUSTRY_WORDS = sortedLongestFirst(List.of("控股", "投资控股",
            "信息技术", "信息科技", "网络科技", "电子商务", "电子科技", "智能科技", "生物科技", "医疗科技", "新能源",
            "供应链", "进出口", "人力资源", "企业管理", "实业发展", "建筑工程", "装饰工程", "环保科技", "文化传媒",
            "科技", "技术", "信息", "网络", "电子", "贸易", "商贸", "工贸", "实业", "发展", "投资", "咨询", "管理", "服务",
            "文化", "传媒", "广告", "建筑", "工程", "建设", "装饰", "设计", "物流", "国际", "软件", "智能", "数据",
            "互联网", "生物", "医药", "医疗", "器械", "能源", "环保", "教育", "培训", "餐饮", "食品", "农业", "房地产",
            "置业", "物业", "金融", "保险", "证券", "银行", "机械", "设备", "制造", "精密", "材料", "化工", "汽车",
            "电器", "家电", "通讯", "通信", "光电", "半导体", "照明", "纺织", "服装", "鞋业", "家具", "印刷", "包装",
            "旅游", "酒店", "劳务", "健康", "美容", "体育", "娱乐", "影视", "数码", "创新", "商务", "物资", "五金",
            "建材", "钢铁", "矿业", "石油", "电力", "水务", "环境", "检测", "物联网", "云计算", "人工智能", "大数据",
            "电气", "仪器", "仪表", "塑胶", "塑料", "橡胶", "玻璃", "陶瓷", "工艺", "礼品", "日用", "用品", "商业",
            "实验", "研究", "开发", "产业", "经营", "营销", "策划", "展览", "会展", "租赁", "运输", "货运", "快递",
            "航运", "船务", "贸", "地产", "置地", "乳业", "水泥", "石化", "重工", "燃气", "药业", "制药", "超市", "百货",
            "家居", "tech", "technology", "technologies", "trading", "software", "network", "electronics"));

    /**
     * Version of {@link #analyze}'s output, stored with each customer's analysed name (customer.name_version).
     * Raise it whenever analyze, its word lists, dedup/regions.csv or the blocking keys (CompanyName.blockingKeys,
     * dedup/confusables.txt, dedup/polyphones.txt) change — 2: 控股 an industry word, typo keys by pinyin and shape: at start-up, customers analysed
     * by another version are analysed again (CustomerNameIndex), and until then the check analyses them on the fly.
     */
    public static final int ANALYSIS_VERSION = 2;

    /** longest folded name the customer table stores (normalized_name) */
    public static final int MAX_NORMALIZED_LENGTH = 400;

    private CompanyNames() {
    }

    /** The whole name folded: the key under which formatting-only variants meet. */
    public static String normalize(String name) {
        return normalizePrepared(prepare(name));
    }

    /** {@link #normalize} of a name already {@link #prepare prepared}: analyze transliterates once, not three times. */
    private static String normalizePrepared(String prepared) {
        // removing punctuation can bring together characters that NFKC composes (Hangul jamo, accents):
        // repeat until nothing changes, so normalising a normalised name is a no-op
        String folded = fold(prepared);
        for (int i = 0; i < 4; i++) {
            String again = fold(prepare(folded));
            if (again.equals(folded)) {
                break;
            }
            folded = again;
        }
        return folded;
    }

    /** Takes a name apart for matching; see {@link CompanyName}. */
    public static CompanyName analyze(String name) {
        Regions regions = Regions.get();
        String prepared = prepare(name);
        String text = NOT_NAME_EXCEPT_BRACKETS.matcher(prepared).replaceAll("");
        String full = normalizePrepared(prepared);

        boolean branch = false;
        Matcher branchPart = BRANCH.matcher(text);
        if (branchPart.matches()) {
            branch = true;
            text = branchPart.group(1);
        } else {
            Matcher bare = BARE_BRANCH.matcher(text);
            if (bare.matches() && bare.group(1).length() >= 2) {
                branch = true;
                text = stripTrailingRegion(bare.group(1), regions);
            }
        }

        String region = null;
        boolean group = false;
        StringBuilder withoutBrackets = new StringBuilder();
        Matcher bracket = BRACKETS.matcher(text);
        while (bracket.find()) {
            String content = fold(bracket.group(1));
            String code = regions.codeOf(content);
            if (code != null) {
                region = code;
                bracket.appendReplacement(withoutBrackets, "");
            } else if (LEGAL_FORMS.contains(content)) {
                group |= content.contains("集团");
                bracket.appendReplacement(withoutBrackets, "");
            } else {
                bracket.appendReplacement(withoutBrackets, Matcher.quoteReplacement(content));
            }
        }
        bracket.appendTail(withoutBrackets);
        String rest = fold(withoutBrackets.toString());

        for (String word = regions.leadingWord(rest); word != null && rest.length() - word.length() >= 2;
             word = regions.leadingWord(rest)) {
            String code = regions.codeOf(word);
            region = regions.compatible(region, code) ? regions.moreSpecific(region, code) : region;
            rest = rest.substring(word.length());
        }
        String beforeLegalForm = rest;
        rest = stripSuffixes(rest, LEGAL_FORMS);
        rest = stripTrailingRegion(rest, regions);
        rest = stripSuffixes(rest, LEGAL_FORMS);
        group |= beforeLegalForm.substring(rest.length()).contains("集团");
        String core = rest.isEmpty() ? full : rest;
        String trade = stripSuffixes(core, INDUSTRY_WORDS);
        return new CompanyName(full, core, trade, region, branch, group);
    }

    private static final Pattern NOT_NAME_EXCEPT_BRACKETS = Pattern.compile("[^\\p{L}\\p{N}()\\[\\]{}（）【】〔〕［］｛｝《》<>]");

    /** NFKC (full-width → half-width), traditional → simplified, lower case. */
    private static String prepare(String name) {
        if (name == null) {
            return "";
        }
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        String simplified = TO_SIMPLIFIED.get().transliterate(nfkc);
        // ICU's table maps 苧 → 苎 and 苎 → 苧; fix one spelling so normalising twice changes nothing
        return simplified.replace('苧', '苎').toLowerCase(Locale.ROOT);
    }

    private static String fold(String text) {
        return NOT_NAME.matcher(text).replaceAll("");
    }

    private static String stripSuffixes(String text, List<String> suffixes) {
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String suffix : suffixes) {
                if (text.endsWith(suffix) && text.length() - suffix.length() >= 2) {
                    text = text.substring(0, text.length() - suffix.length());
                    stripped = true;
                    break;
                }
            }
        }
        return text;
    }

    private static String stripTrailingRegion(String text, Regions regions) {
        for (int length = Math.min(10, text.length() - 2); length >= 2; length--) {
            if (regions.codeOf(text.substring(text.length() - length)) != null) {
                return text.substring(0, text.length() - length);
            }
        }
        return text;
    }

    private static List<String> sortedLongestFirst(List<String> words) {
        return words.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}
