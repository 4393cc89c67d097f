package io.baobei.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import io.baobei.dedup.CompanyNames;
import io.baobei.dedup.Confusables;
import io.baobei.dedup.CreditCodes;

/**
 * Realistic synthetic Chinese company names and strong keys for the duplicate-check benchmark.
 * <p>
 * A name is {@code [region]trade industry legal-form}: the trade name is 2–4 characters drawn from a
 * vocabulary of about 600 characters that brands really use, with a Zipf-like skew (华, 新, 金, 达 … are
 * everywhere, most characters are rare). That skew is what matters for the benchmark: it makes some
 * blocking keys ({@code t:华泰}, {@code p:hua-tai-ke-ji}) popular, and popular keys are what a check pays for.
 * Everything is drawn from a caller's {@link SplittableRandom}, so a seed reproduces a data set.
 */
final class SyntheticCompanies {

    /** Characters of trade names, roughly most common first (the Zipf rank); duplicates are dropped. */
    private static final String VOCABULARY = """
            华新金达盛鑫源泰恒兴宏鸿祥瑞丰德安信诚通利聚博创远航汇力众海天佳美明中宇辉龙凯晟昌隆福和润康永成
            荣富顺益裕万长东方正大联合同锦绣星光阳云峰山川江河湖泉林森竹松柏青蓝绿红紫白银鼎晶卓越优品尚
            旺亿腾飞跃翔鹏鹰凤麟虎骏驰奥威雅乐欣悦怡馨家宜智慧灵睿思哲道仁义礼贤俊杰英豪雄伟毅坚实厚朴
            素真忠良善好君王皇圣宝玉珠翠珍琪琳瑶璐瑾璟琦玮璞瑜环球乾坤元亨贞吉春夏秋冬雨雪霜风雷电影声
            香甜蜜果茶米麦稻谷豆桃李梅兰菊莲荷花叶草一二三五六七八九百千首先初始本标准精工匠心诺尔克斯
            特普朗扬帆舟船桥路港湾城都邦州府镇乡田园庄楼阁宫台亭苑庭坊泽滨浩瀚洋涛波浪潮汐沛沃溢清澈淼
            焱垚磊犇骉赛嘉泓澜渊沁湘楚豫皖闽粤桂琼蜀渝黔滇陕甘宁青藏蒙辽吉黑津沪京冀晋鲁浙苏赣鄂纳川易
            启航迅捷快速高峻岭峦崇巍嵩岳泰衡恒常久远广阔宽容融洽协调合作共赢胜利凯旋捷报喜庆祥和瑞丽
            倍佰仟兆图业运通茂升进财禄寿喜满堂贵登科甲第状元魁冠群英汇萃集粹凝精致微妙趣味道和睦邻友谊情缘
            达财源广进茂升腾飞跃龙凤呈祥麒麟瑞兽仙鹤松鹤延年福禄寿喜财吉星高照紫气东来金玉满堂富贵荣华
            锐博越领航尖端先锋前沿新锐明日未来世纪时代年华岁月星辰日月乾元坤泰鼎新革故创意灵感思维格局
            启明晨曦朝霞夕彩虹霓虹晴朗蔚霁澄湛渟澹潇湄渚汀洲屿岛礁岬矶湘沅澧漓邕浔赣瓯婺剡睦歙徽泾渭
            骐骥驹骁骋骢骊骏鹏鹍鸾鹓鹭鸥鹄鹤雁燕莺鹂雀鸽鹊凰翎羽翼翱翔冲霄凌云霞蔚苍穹碧霄翠微琅玕琮璜
            璋圭璧琥珀玛瑙翡珊瑚琉璃瓷陶砚墨笔纸卷册典籍章程律吕韵律诗词歌赋曲乐琴瑟笙箫鼓钟磬铎铭鉴镜
            辰宸煜炜烨熠炫灿烁耀晖曜昊旭晓暄昕昱曦亮赫熙敬勤俭谦逊谐畅锋钧铄钰钢铁铜锡镇邦固稳健康泰安平顺
            力拓展开拓进取超凡群策众志万方四海八方九州神舟华夏炎黄轩辕尧舜禹汤文武周秦汉唐宋明清朝代
            """;

    /** Industry words the name analyser strips (CompanyNames), most common first, and the Industry code each suggests. */
    private static final String[][] INDUSTRIES = {
            {"科技", "IT"}, {"贸易", "RETAIL"}, {"电子", "MANUFACTURING"}, {"商贸", "RETAIL"}, {"实业", "OTHER"},
            {"信息技术", "IT"}, {"网络科技", "IT"}, {"建筑工程", "CONSTRUCTION"}, {"物流", "LOGISTICS"},
            {"机械设备", "MANUFACTURING"}, {"医药", "HEALTHCARE"}, {"食品", "RETAIL"}, {"文化传媒", "SERVICES"},
            {"环保科技", "ENERGY"}, {"新能源", "ENERGY"}, {"企业管理", "SERVICES"}, {"软件", "IT"}, {"电子商务", "RETAIL"},
            {"供应链", "LOGISTICS"}, {"教育", "EDUCATION"}, {"投资", "FINANCE"}, {"装饰工程", "CONSTRUCTION"},
            {"生物科技", "HEALTHCARE"}, {"智能科技", "IT"}, {"化工", "ENERGY"}, {"服装", "MANUFACTURING"},
            {"建材", "CONSTRUCTION"}, {"医疗器械", "HEALTHCARE"}, {"汽车", "MANUFACTURING"}, {"餐饮", "SERVICES"},
            {"广告", "SERVICES"}, {"咨询", "SERVICES"}, {"房地产", "CONSTRUCTION"}, {"农业", "OTHER"},
            {"进出口", "RETAIL"}, {"精密", "MANUFACTURING"}, {"光电", "MANUFACTURING"}, {"通信", "IT"},
            {"照明", "MANUFACTURING"}, {"包装", "MANUFACTURING"},
    };

    private static final String[] LEGAL_FORMS = {"有限公司", "有限责任公司", "股份有限公司", "集团有限公司"};
    private static final double[] LEGAL_FORM_SHARES = {0.70, 0.15, 0.10, 0.05};

    /** Cities most companies are registered in; the rest of the prefecture-level cities share the remainder. */
    private static final List<String> MAJOR_CITIES = List.of("深圳", "上海", "北京", "广州", "杭州", "成都", "苏州",
            "南京", "武汉", "重庆", "天津", "西安", "东莞", "佛山", "宁波", "青岛", "长沙", "郑州", "厦门", "合肥",
            "济南", "福州", "无锡", "昆明");

    /**
     * A few simplified → traditional pairs for the "typed in traditional characters" variant; each is
     * checked against the analyser at start-up (pairs ICU folds differently are dropped).
     */
    private static final String SIMPLIFIED = "华达兴发国龙丰汇广圣宝联电贸实业际网络讯务设备机药医门长乐万云飞鸿凯伟东"
            + "苏无锡郑厦济庆宁责进软传环装饰农车汽气庄楼阁鹏凤麟骏驰乐欣悦馨贤杰义礼宝玮环";
    private static final String TRADITIONAL = "華達興發國龍豐匯廣聖寶聯電貿實業際網絡訊務設備機藥醫門長樂萬雲飛鴻凱偉東"
            + "蘇無錫鄭廈濟慶寧責進軟傳環裝飾農車汽氣莊樓閣鵬鳳麟駿馳樂欣悅馨賢傑義禮寶瑋環";

    private static final String[] SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘".split("");
    private static final String[] GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志红晓东海燕".split("");
    private static final String[] MAIL_DOMAINS = {"qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "aliyun.com"};

    /** One way of writing a company name. */
    enum Style {
        /** 深圳市腾达科技有限公司 */
        REGION_FIRST,
        /** 腾达科技有限公司 */
        NO_REGION,
        /** 腾达科技（深圳）有限公司 */
        REGION_IN_BRACKETS
    }

    /**
     * The parts of a generated name, kept so the benchmark can write the same company differently.
     *
     * @param city     index into the cities, or -1 without region
     * @param industry index into the industry words
     * @param legal    index into the legal forms
     */
    record Company(Style style, int city, String trade, int industry, int legal) {

        String name() {
            String rest = INDUSTRIES[industry][0];
            return switch (style) {
                case REGION_FIRST -> CITIES.get(city).fullName() + trade + rest + LEGAL_FORMS[legal];
                case NO_REGION -> trade + rest + LEGAL_FORMS[legal];
                case REGION_IN_BRACKETS -> trade + rest + "（" + CITIES.get(city).shortName() + "）" + LEGAL_FORMS[legal];
            };
        }

        String industryCode() {
            return INDUSTRIES[industry][1];
        }

        /** Province and city as the registration form's region field holds them, or null. */
        String regionText() {
            return city < 0 ? null : CITIES.get(city).regionText();
        }

        /** The division code of the city (first digits of a credit code), or a generic one without region. */
        String divisionCode() {
            return city < 0 ? "110000" : CITIES.get(city).code();
        }
    }

    record City(String code, String fullName, String shortName, String regionText) {
    }

    private static final List<City> CITIES = loadCities();
    private static final char[] CHARACTERS = distinct(VOCABULARY);
    private static final Map<Character, Character> TO_TRADITIONAL = traditionalPairs();

    private final double[] characterCdf = zipfCdf(CHARACTERS.length, 0.7);
    private final double[] majorCityCdf = zipfCdf(MAJOR_CITIES.size(), 0.8);
    private final double[] industryCdf = zipfCdf(INDUSTRIES.length, 0.9);
    private final int[] majorCities = MAJOR_CITIES.stream().mapToInt(SyntheticCompanies::cityIndex).toArray();

    /** A random company: 55 % region first, 30 % without region, 15 % region in brackets. */
    Company company(SplittableRandom random) {
        double styleDraw = random.nextDouble();
        Style style = styleDraw < 0.55 ? Style.REGION_FIRST : styleDraw < 0.85 ? Style.NO_REGION : Style.REGION_IN_BRACKETS;
        int city = style == Style.NO_REGION ? -1
                : random.nextDouble() < 0.65 ? majorCities[draw(majorCityCdf, random)] : random.nextInt(CITIES.size());
        return new Company(style, city, trade(random), draw(industryCdf, random), legalForm(random));
    }

    /** A trade name of 2 (40 %), 3 (40 %) or 4 (20 %) characters without a repeated character. */
    String trade(SplittableRandom random) {
        double lengthDraw = random.nextDouble();
        int length = lengthDraw < 0.4 ? 2 : lengthDraw < 0.8 ? 3 : 4;
        StringBuilder trade = new StringBuilder(length);
        while (trade.length() < length) {
            char c = CHARACTERS[draw(characterCdf, random)];
            if (trade.indexOf(String.valueOf(c)) < 0) {
                trade.append(c);
            }
        }
        return trade.toString();
    }

    private char character(SplittableRandom random) {
        return CHARACTERS[draw(characterCdf, random)];
    }

    private static int legalForm(SplittableRandom random) {
        double draw = random.nextDouble();
        for (int i = 0; i < LEGAL_FORM_SHARES.length - 1; i++) {
            draw -= LEGAL_FORM_SHARES[i];
            if (draw < 0) {
                return i;
            }
        }
        return LEGAL_FORM_SHARES.length - 1;
    }

    // --- variants of an existing company, as a colleague would type it again ---

    /** The region moved: 深圳市腾达… ↔ 腾达…（深圳）…; without region, the legal form changes instead. */
    static String regionMoved(Company company) {
        return switch (company.style()) {
            case REGION_FIRST -> withStyle(company, Style.REGION_IN_BRACKETS).name();
            case REGION_IN_BRACKETS -> withStyle(company, Style.REGION_FIRST).name();
            case NO_REGION -> legalFormChanged(company);
        };
    }

    /** 有限公司 → 有限责任公司, anything else → 有限公司. */
    static String legalFormChanged(Company company) {
        int legal = company.legal() == 0 ? 1 : 0;
        return new Company(company.style(), company.city(), company.trade(), company.industry(), legal).name();
    }

    /** The name in traditional characters, as far as the small mapping table reaches. */
    static String traditional(Company company) {
        StringBuilder name = new StringBuilder(company.name());
        for (int i = 0; i < name.length(); i++) {
            Character t = TO_TRADITIONAL.get(name.charAt(i));
            if (t != null) {
                name.setCharAt(i, t);
            }
        }
        return name.toString();
    }

    /** The kinds of one-character typo a check can carry. */
    enum Typo {
        /** 同音字: an IME slip picks another character of the same pinyin (华 → 化) */
        HOMOPHONE,
        /** 形近字: a character that looks alike (未 → 末), from the analyser's 形近 table */
        SHAPE,
        /** any other character of the brand vocabulary: a slip no reader would call a typo of the same name */
        RANDOM
    }

    /**
     * One character of the trade name replaced as a rep would mistype it: a homophone among the 3,755 common
     * characters (GB 2312 level 1) or a character of the same 形近 group. Returns null when no character of
     * the trade name has one (then the caller draws another customer).
     */
    String typo(Company company, Typo kind, SplittableRandom random) {
        if (kind == Typo.RANDOM) {
            return typo(company, random);
        }
        int[] trade = company.trade().codePoints().toArray();
        List<int[]> options = new ArrayList<>(); // position, replacement
        for (int at = 0; at < trade.length; at++) {
            List<Integer> replacements = kind == Typo.HOMOPHONE ? HOMOPHONES.getOrDefault(
                    Confusables.readings(trade[at]).get(0), List.of()) : SHAPES.getOrDefault(
                    Confusables.shapeClass(trade[at]), List.of());
            for (int replacement : replacements) {
                if (replacement != trade[at]) {
                    options.add(new int[]{at, replacement});
                }
            }
        }
        if (options.isEmpty()) {
            return null;
        }
        int[] option = options.get(random.nextInt(options.size()));
        trade[option[0]] = option[1];
        return new Company(company.style(), company.city(), new String(trade, 0, trade.length), company.industry(),
                company.legal()).name();
    }

    /** GB 2312 level 1: the 3,755 most common characters (rows 16–55 of the standard, bytes B0A1–D7F9). */
    private static final List<Integer> COMMON = commonCharacters();
    private static final Map<String, List<Integer>> HOMOPHONES = COMMON.stream().collect(
            Collectors.groupingBy(cp -> Confusables.readings(cp).get(0)));
    private static final Map<Integer, List<Integer>> SHAPES = shapes();

    private static List<Integer> commonCharacters() {
        List<Integer> characters = new ArrayList<>();
        java.nio.charset.Charset gb2312 = java.nio.charset.Charset.forName("GB2312");
        for (int high = 0xB0; high <= 0xD7; high++) {
            for (int low = 0xA1; low <= 0xFE; low++) {
                if (high == 0xD7 && low > 0xF9) {
                    break;
                }
                String c = new String(new byte[]{(byte) high, (byte) low}, gb2312);
                if (c.codePointCount(0, c.length()) == 1 && Character.isIdeographic(c.codePointAt(0))) {
                    characters.add(c.codePointAt(0));
                }
            }
        }
        return List.copyOf(characters);
    }

    private static Map<Integer, List<Integer>> shapes() {
        Map<Integer, List<Integer>> groups = new HashMap<>();
        // every character of the analyser's table that a trade name could hold: the vocabulary and the common set
        Set<Integer> seen = new java.util.HashSet<>(COMMON);
        for (char c : CHARACTERS) {
            seen.add((int) c);
        }
        for (int cp : seen) {
            if (Confusables.hasShapeClass(cp)) {
                groups.computeIfAbsent(Confusables.shapeClass(cp), k -> new ArrayList<>()).add(cp);
            }
        }
        return groups;
    }

    /** One character of the trade name replaced by any other character of the vocabulary. */
    String typo(Company company, SplittableRandom random) {
        char[] trade = company.trade().toCharArray();
        int at = random.nextInt(trade.length);
        char replacement;
        do {
            replacement = character(random);
        } while (replacement == trade[at]);
        trade[at] = replacement;
        return new Company(company.style(), company.city(), new String(trade), company.industry(), company.legal()).name();
    }

    private static Company withStyle(Company company, Style style) {
        return new Company(style, company.city(), company.trade(), company.industry(), company.legal());
    }

    // --- strong keys ---

    /** A mainland mobile number, 1[3-9] and nine digits, as a long. */
    static long mobile(SplittableRandom random) {
        return 13_000_000_000L + random.nextLong(7_000_000_000L);
    }

    /** The way people type a mobile number they copied: {@code +86 138-0013-8000}. */
    static String typedMobile(long mobile) {
        String digits = Long.toString(mobile);
        return "+86 " + digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7);
    }

    /** A valid unified social credit code: 91 (enterprise), division code, 9-character organisation code, check. */
    static String creditCode(String divisionCode, SplittableRandom random) {
        String charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder code = new StringBuilder(18).append("91").append(divisionCode);
        for (int i = 0; i < 9; i++) {
            code.append(charset.charAt(i == 8 ? random.nextInt(10) : random.nextInt(charset.length())));
        }
        return code.append(CreditCodes.checkCharacter(code.toString())).toString();
    }

    static String email(SplittableRandom random) {
        StringBuilder local = new StringBuilder();
        int letters = 4 + random.nextInt(6);
        for (int i = 0; i < letters; i++) {
            local.append((char) ('a' + random.nextInt(26)));
        }
        local.append(random.nextInt(10_000));
        return local + "@" + MAIL_DOMAINS[random.nextInt(MAIL_DOMAINS.length)];
    }

    static String contactName(SplittableRandom random) {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
    }

    // --- set-up ---

    /** Inverse-CDF draw from a precomputed cumulative distribution. */
    static int draw(double[] cdf, SplittableRandom random) {
        int i = Arrays.binarySearch(cdf, random.nextDouble());
        return Math.min(i < 0 ? -i - 1 : i, cdf.length - 1);
    }

    /** P(rank r) ∝ 1 / r^s: s 0.7 over 600 characters gives the top character about 5 % of draws. */
    static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += 1 / Math.pow(r + 1, s);
            cdf[r] = sum;
        }
        for (int r = 0; r < n; r++) {
            cdf[r] /= sum;
        }
        return cdf;
    }

    private static char[] distinct(String text) {
        LinkedHashSet<Character> seen = new LinkedHashSet<>();
        for (char c : text.toCharArray()) {
            if (Character.isIdeographic(c)) {
                seen.add(c);
            }
        }
        char[] chars = new char[seen.size()];
        int i = 0;
        for (char c : seen) {
            chars[i++] = c;
        }
        return chars;
    }

    private static Map<Character, Character> traditionalPairs() {
        Map<Character, Character> pairs = new HashMap<>();
        for (int i = 0; i < SIMPLIFIED.length(); i++) {
            char s = SIMPLIFIED.charAt(i);
            char t = TRADITIONAL.charAt(i);
            // keep only the pairs the analyser folds back (ICU maps a few traditional characters to other ones)
            if (s != t && CompanyNames.normalize(String.valueOf(t)).equals(String.valueOf(s))) {
                pairs.put(s, t);
            }
        }
        return pairs;
    }

    private static int cityIndex(String shortName) {
        for (int i = 0; i < CITIES.size(); i++) {
            if (CITIES.get(i).shortName().equals(shortName)) {
                return i;
            }
        }
        throw new IllegalStateException("city not in regions.csv: " + shortName);
    }

    /** Prefecture-level cities and the four municipalities, from the analyser's own region list. */
    private static List<City> loadCities() {
        try (var in = SyntheticCompanies.class.getResourceAsStream("/dedup/regions.csv")) {
            if (in == null) {
                throw new IllegalStateException("dedup/regions.csv missing from the classpath");
            }
            List<String[]> rows = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().skip(1)
                    .filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
            Map<String, String> provinces = rows.stream().filter(r -> r[2].equals("1"))
                    .collect(Collectors.toMap(r -> r[0], r -> r[1]));
            List<City> cities = new ArrayList<>();
            for (String[] row : rows) {
                boolean municipality = row[2].equals("1") && List.of("北京市", "上海市", "天津市", "重庆市").contains(row[1]);
                boolean prefectureCity = row[2].equals("2") && row[1].endsWith("市") && row[1].length() >= 3;
                if (municipality || prefectureCity) {
                    String province = municipality ? "" : provinces.getOrDefault(row[3], "");
                    cities.add(new City(row[0], row[1], row[1].substring(0, row[1].length() - 1), province + row[1]));
                }
            }
            return List.copyOf(cities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
