package io.baobei.dedup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompanyNamesTest {

    @Test
    void fullWidthSpacesPunctuationCaseAndTraditionalCharactersDoNotMatter() {
        String canonical = CompanyNames.normalize("深圳市腾达科技有限公司");
        assertThat(CompanyNames.normalize(" 深圳市 腾达科技（有限公司） ")).isEqualTo(canonical);
        assertThat(CompanyNames.normalize("深圳市騰達科技有限公司。")).isEqualTo(canonical);
        assertThat(CompanyNames.normalize("ＡＢＣ Tech Co., Ltd.")).isEqualTo(CompanyNames.normalize("abc tech co ltd"));
    }

    @ParameterizedTest
    @CsvSource({
            "深圳市腾达科技有限公司, 深圳市腾迖科技有限公司, true",
            "深圳市腾达科技有限公司, 深圳市腾科技有限公司, true",
            "深圳市𠮷达科技有限公司, 深圳市吉达科技有限公司, true",
            "深圳市腾达科技有限公司, 深圳市达腾科技有限公司, false",
            "深圳市腾达科技有限公司, 深圳市腾达科技有限公司, true",
            "深圳市腾达科技有限公司, 广州市腾达科技有限公司, false"})
    void aTypoIsOneCharacterAsTypedAwayFromTheWholeName(String a, String b, boolean oneEdit) {
        // 𠮷 is one character in two UTF-16 units: one edit, not two
        assertThat(CompanyNames.analyze(a).withinOneEditOf(CompanyNames.analyze(b))).isEqualTo(oneEdit);
        assertThat(CompanyNames.analyze(b).withinOneEditOf(CompanyNames.analyze(a))).isEqualTo(oneEdit);
    }

    @ParameterizedTest
    @CsvSource({
            "深圳市腾达科技有限公司, 腾达科技, 腾达, 440300, false",
            "腾达科技（深圳）有限公司, 腾达科技, 腾达, 440300, false",
            "广东省深圳市腾达科技有限责任公司, 腾达科技, 腾达, 440300, false",
            "腾达科技有限公司, 腾达科技, 腾达, , false",
            "腾达科技有限公司深圳分公司, 腾达科技, 腾达, , true",
            "延边朝鲜族自治州长白山食品有限公司, 长白山食品, 长白山, 222400, false",
            "'ABC Technology Co., Ltd.', abctechnology, abc, , false"})
    void takesANameApart(String name, String core, String trade, String region, boolean branch) {
        CompanyName analysed = CompanyNames.analyze(name);
        assertThat(analysed.core()).isEqualTo(core);
        assertThat(analysed.trade()).isEqualTo(trade);
        assertThat(analysed.region()).isEqualTo(region);
        assertThat(analysed.branch()).isEqualTo(branch);
    }

    @Test
    void differentCompaniesStayDifferent() {
        assertThat(CompanyNames.normalize("中国银行")).isNotEqualTo(CompanyNames.normalize("中国建设银行"));
        assertThat(CompanyNames.analyze("中国银行").core()).isNotEqualTo(CompanyNames.analyze("中国建设银行").core());
    }

    @Test
    void typoNeighboursShareABlockingKey() {
        assertThat(CompanyNames.analyze("深圳市腾达科技有限公司").blockingKeys())
                .containsAnyElementsOf(CompanyNames.analyze("深圳市腾大科技有限公司").blockingKeys());
        assertThat(CompanyNames.analyze("深圳市星辰科技有限公司").blockingKeys())
                .doesNotContainAnyElementsOf(CompanyNames.analyze("深圳市海浪科技有限公司").blockingKeys());
    }
}
