package io.baobei.dedup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompanyNamesTest {

    @Test
    void fullWidthSpacesPunctuationAndCaseDoNotMatter() {
        String canonical = CompanyNames.normalize("深圳市腾达科技有限公司");
        assertThat(CompanyNames.normalize(" 深圳市 腾达科技（有限公司） ")).isEqualTo(canonical);
        assertThat(CompanyNames.normalize("深圳市腾达科技有限公司。")).isEqualTo(canonical);
        assertThat(CompanyNames.normalize("ＡＢＣ Tech Co., Ltd.")).isEqualTo(CompanyNames.normalize("abc tech co ltd"));
    }

    @Test
    void differentCompaniesStayDifferent() {
        assertThat(CompanyNames.normalize("中国银行")).isNotEqualTo(CompanyNames.normalize("中国建设银行"));
    }
}
