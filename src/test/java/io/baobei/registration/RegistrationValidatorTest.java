package io.baobei.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Grade;
import io.baobei.customer.Industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every validation rule of a registration refuses with its own Chinese message. */
class RegistrationValidatorTest {

    private final RegistrationValidator validator = new RegistrationValidator(
            Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneId.of("Asia/Shanghai")));

    private static RegistrationForm valid() {
        return new RegistrationForm("深圳市腾达科技有限公司", "91440300708461136T", "王先生", "+86 138-0013-8000",
                "Wang@Example.CN", "IT", "广东省深圳市", "a", "2026-11-20", "需要报价");
    }

    @Test
    void acceptsAndNormalisesAValidRegistration() {
        ValidRegistration result = validator.validateNew(valid());
        assertThat(result.phone()).isEqualTo("13800138000");
        assertThat(result.email()).isEqualTo("wang@example.cn");
        assertThat(result.grade()).isEqualTo(Grade.A);
        assertThat(result.industry()).isEqualTo(Industry.IT);
        assertThat(result.normalizedName()).isEqualTo("深圳市腾达科技有限公司");
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "companyName|''|请填写公司名称",
            "companyName|'!!'|公司名称至少需要两个有效字符",
            "creditCode|91440300708461136A|统一社会信用代码不正确",
            "contactName|''|请填写联系人",
            "phone|''|请填写联系电话",
            "phone|12345|联系电话格式不正确",
            "email|wang@|邮箱格式不正确",
            "industry|''|请选择所属行业",
            "industry|MINING|所属行业不在可选范围内",
            "region|''|请填写所在地区",
            "grade|''|请选择意向等级",
            "grade|E|意向等级应为 A、B、C 或 D",
            "firstContactDate|''|请填写首次接触日期",
            "firstContactDate|20/11/2026|首次接触日期格式不正确",
            "firstContactDate|2026-11-26|首次接触日期不能晚于今天",
            "firstContactDate|2025-01-01|首次接触日期不能早于一年前"})
    void eachRuleRefusesWithItsMessage(String field, String value, String message) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> validator.validateNew(with(field, value)));
        assertThat(refused.errors()).containsExactly(new FieldError(field, refused.errors().get(0).message()));
        assertThat(refused.errors().get(0).message()).contains(message);
    }

    @Test
    void overLongTextAndControlCharactersAreRefused() {
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> validator.validateNew(with("companyName", "公".repeat(101)))).getMessage())
                .contains("公司名称不能超过 100 个字符");
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> validator.validateNew(with("notes", "x\u0000y"))).getMessage())
                .contains("需求/备注包含不可见的控制字符");
    }

    @Test
    void aFirstContactDateMayBeATimestampButNotADateFollowedByText() {
        assertThat(validator.validateNew(with("firstContactDate", "2026-11-20T08:00:00.000+08:00")).firstContactDate())
                .isEqualTo(LocalDate.of(2026, 11, 20));
        for (String value : List.of("2026-11-20" + "x".repeat(100_000), "2026-11-20\u0000", "2026-11-20 和其他内容")) {
            assertThat(catchThrowableOfType(InvalidInputException.class,
                    () -> validator.validateNew(with("firstContactDate", value))).errors())
                    .containsExactly(new FieldError("firstContactDate", "首次接触日期格式不正确，应为 YYYY-MM-DD"));
        }
    }

    @Test
    void aRevisionMayLeaveContactFieldsEmpty() {
        RegistrationForm f = valid();
        ValidRegistration revised = validator.validateRevision(new RegistrationForm(f.companyName(), f.creditCode(),
                " ", "", null, f.industry(), f.region(), f.grade(), f.firstContactDate(), f.notes()));
        assertThat(revised.phone()).isNull();
        assertThat(revised.contactName()).isNull();
        assertThat(revised.email()).as("not sent: kept").isNull();
    }

    @Test
    void aRevisionWithTheEmailEmptiedRemovesIt() {
        // the revision form shows the email entered before; emptying it there means removing it
        assertThat(validator.validateRevision(with("email", " ")).email()).isEmpty();
        assertThat(validator.validateRevision(with("email", "Li@Example.cn")).email()).isEqualTo("li@example.cn");
    }

    private static RegistrationForm with(String field, String value) {
        RegistrationForm f = valid();
        return new RegistrationForm(
                field.equals("companyName") ? value : f.companyName(),
                field.equals("creditCode") ? value : f.creditCode(),
                field.equals("contactName") ? value : f.contactName(),
                field.equals("phone") ? value : f.phone(),
                field.equals("email") ? value : f.email(),
                field.equals("industry") ? value : f.industry(),
                field.equals("region") ? value : f.region(),
                field.equals("grade") ? value : f.grade(),
                field.equals("firstContactDate") ? value : f.firstContactDate(),
                field.equals("notes") ? value : f.notes());
    }
}
