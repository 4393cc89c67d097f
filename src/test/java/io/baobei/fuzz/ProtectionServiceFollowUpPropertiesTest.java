package io.baobei.fuzz;

import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.customer.Deal;
import io.baobei.protection.FollowUpAction;
import io.baobei.protection.FollowUpChannel;
import io.baobei.protection.ProtectionService;

import static io.baobei.protection.ProtectionVariables.CHANNEL;
import static io.baobei.protection.ProtectionVariables.CONTENT;
import static io.baobei.protection.ProtectionVariables.DEAL_AMOUNT;
import static io.baobei.protection.ProtectionVariables.DEAL_CONFIRMED;
import static io.baobei.protection.ProtectionVariables.DEAL_SIGNED_ON;
import static io.baobei.protection.ProtectionVariables.EXTENSION_DAYS;
import static io.baobei.protection.ProtectionVariables.EXTENSION_REASON;
import static io.baobei.protection.ProtectionVariables.FOLLOW_UP_ACTION;
import static io.baobei.protection.ProtectionVariables.NEXT_CONTACT_DATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ProtectionService#validateFollowUp} on arbitrary process variables: refuses only with Chinese field errors,
 * accepts only complete follow-ups (a deal for 已成交), and what it accepted on the day of submission the asynchronous
 * step ({@link ProtectionService#checkedFollowUp}) carries out on a later day.
 */
class ProtectionServiceFollowUpPropertiesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final LocalDate TODAY = LocalDate.now(CLOCK);
    private static final LocalDate PROTECTION_START = TODAY.minusDays(30);
    /** C0/C1 controls but line breaks and tabs: a follow-up note may have lines, nothing invisible */
    private static final Pattern FORBIDDEN_CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

    /**
     * validateFollowUp uses none of the collaborators, only the clock: every other constructor argument is
     * null. Built reflectively so that collaborators added to the constructor later need no change here.
     */
    private final ProtectionService service = withClockOnly(CLOCK);

    private static ProtectionService withClockOnly(Clock clock) {
        Constructor<?> constructor = ProtectionService.class.getConstructors()[0];
        Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                .map(type -> type == Clock.class ? clock : null).toArray();
        try {
            return (ProtectionService) constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 1500)
    void refusesOnlyWithFieldErrorsAndAcceptsOnlyCompleteFollowUps(
            @ForAll("actions") Object action, @ForAll("channels") Object channel, @ForAll("contents") Object content,
            @ForAll("nextDates") Object next, @ForAll("amounts") Object amount, @ForAll("signingDates") Object signedOn,
            @ForAll("confirmations") Object confirmed, @ForAll("extra") Object extra) {
        Statistics.label("outcome").coverage(c -> c.check("accepted").percentage(p -> p >= 3));
        Map<String, Object> variables = new HashMap<>();
        put(variables, FOLLOW_UP_ACTION, action);
        put(variables, CHANNEL, channel);
        put(variables, CONTENT, content);
        put(variables, NEXT_CONTACT_DATE, next);
        put(variables, DEAL_AMOUNT, amount);
        put(variables, DEAL_SIGNED_ON, signedOn);
        put(variables, DEAL_CONFIRMED, confirmed);
        variables.put("unrelated", extra);
        ProtectionService.FollowUpInput input;
        try {
            input = service.validateFollowUp(variables, PROTECTION_START);
        } catch (InvalidInputException refused) {
            Statistics.label("outcome").collect("refused");
            assertThat(refused.errors()).isNotEmpty();
            for (FieldError error : refused.errors()) {
                // 申请延期 (EXTEND) asks for its own two fields, which this property does not fill
                assertThat(error.field()).isIn(FOLLOW_UP_ACTION, CHANNEL, CONTENT, NEXT_CONTACT_DATE, DEAL_AMOUNT,
                        DEAL_SIGNED_ON, DEAL_CONFIRMED, EXTENSION_DAYS, EXTENSION_REASON);
                assertThat(FuzzStrings.containsChinese(error.message())).as(error.message()).isTrue();
            }
            return;
        } catch (RuntimeException unexpected) {
            throw new AssertionError("unexpected " + unexpected + " for " + variables, unexpected);
        }
        Statistics.label("outcome").collect("accepted");
        assertThat(input.action()).isNotNull();
        // a release is no contact: it has neither channel nor next date
        assertThat(input.channel() != null).isEqualTo(input.action() != FollowUpAction.RELEASE);
        assertThat(input.content()).isNotBlank().isEqualTo(input.content().strip()).hasSizeLessThanOrEqualTo(2000)
                .doesNotContainPattern(FORBIDDEN_CONTROL);
        if (input.nextContactDate() == null) {
            assertThat(input.action()).isIn(FollowUpAction.DEAL_WON, FollowUpAction.RELEASE);
        } else {
            assertThat(input.nextContactDate()).isBetween(TODAY, TODAY.plusDays(180));
        }
        // 已成交 always carries a deal held to its rule, and only 已成交 does
        assertThat(input.deal() != null).isEqualTo(input.action() == FollowUpAction.DEAL_WON);
        if (input.deal() != null) {
            assertThat(input.deal().amount()).isPositive().isLessThanOrEqualTo(Deal.MAX_AMOUNT);
            assertThat(input.deal().amount().scale()).isEqualTo(2);
            assertThat(input.deal().signedOn()).isBetween(PROTECTION_START, TODAY);
            assertThat(String.valueOf(variables.get(DEAL_CONFIRMED)).strip()).isEqualToIgnoringCase("true");
        }
        // what the form's transaction accepted, the asynchronous step carries out whatever day it runs on
        ProtectionService nextWeek = withClockOnly(Clock.offset(CLOCK, Duration.ofDays(7)));
        assertThat(nextWeek.checkedFollowUp(variables)).isEqualTo(input);
    }

    @Example
    void aFollowUpSubmittedBeforeMidnightIsCarriedOutAfterIt() {
        Map<String, Object> variables = new HashMap<>(Map.of(FOLLOW_UP_ACTION, "RECORD", CHANNEL, "PHONE",
                CONTENT, "电话沟通", NEXT_CONTACT_DATE, TODAY.toString()));
        ProtectionService.FollowUpInput accepted = service.validateFollowUp(variables, PROTECTION_START);
        ProtectionService tomorrow = withClockOnly(Clock.offset(CLOCK, Duration.ofDays(1)));

        assertThatThrownBy(() -> tomorrow.validateFollowUp(variables, PROTECTION_START))
                .as("the rule depends on the day").isInstanceOf(InvalidInputException.class);
        assertThat(tomorrow.checkedFollowUp(variables)).isEqualTo(accepted);
    }

    @Example
    void aDealIsRefusedWithEveryReasonInChinese() {
        Map<String, Object> variables = new HashMap<>(Map.of(FOLLOW_UP_ACTION, "DEAL_WON", CHANNEL, "VISIT",
                CONTENT, "签约", DEAL_AMOUNT, "12.345", DEAL_SIGNED_ON, TODAY.plusDays(1).toString()));
        assertThatThrownBy(() -> service.validateFollowUp(variables, PROTECTION_START))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("成交金额最多保留两位小数").hasMessageContaining("签约日期不能晚于今天")
                .hasMessageContaining("确认已与客户签约");
        variables.putAll(Map.of(DEAL_AMOUNT, "0", DEAL_SIGNED_ON, PROTECTION_START.minusDays(1).toString(),
                DEAL_CONFIRMED, true));
        assertThatThrownBy(() -> service.validateFollowUp(variables, PROTECTION_START))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("成交金额必须大于 0").hasMessageContaining("签约日期不能早于保护期开始日期");
        variables.putAll(Map.of(DEAL_AMOUNT, 128000.5, DEAL_SIGNED_ON, PROTECTION_START.toString()));
        assertThat(service.validateFollowUp(variables, PROTECTION_START).deal())
                .isEqualTo(new Deal(new BigDecimal("128000.50"), PROTECTION_START));
    }

    /** a value of ABSENT is left out of the map; null is put in as null */
    private static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };

    private static void put(Map<String, Object> variables, String name, Object value) {
        if (value != ABSENT) {
            variables.put(name, value);
        }
    }

    private static Arbitrary<Object> hostileValues() {
        return Arbitraries.oneOf(
                FuzzStrings.hostile().map(s -> (Object) s),
                Arbitraries.just(ABSENT),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.longs().between(-10_000_000_000_000L, 10_000_000_000_000L).map(ms -> (Object) new Date(ms)),
                Arbitraries.integers().between(-1000, 1000).map(d -> (Object) TODAY.plusDays(d)),
                Arbitraries.of(FollowUpChannel.values()).map(c -> (Object) c),
                Arbitraries.of(new byte[] {1, 2}, new StringBuilder("RECORD"), Map.of("a", 1), Arrays.asList(1, null)));
    }

    private static Arbitrary<Object> field(Arbitrary<?> plausible) {
        return Arbitraries.frequencyOf(Tuple.of(4, plausible.map(v -> (Object) v)), Tuple.of(1, hostileValues()));
    }

    @Provide
    Arbitrary<Object> actions() {
        return field(Arbitraries.oneOf(Arbitraries.of(FollowUpAction.values()).map(Enum::name),
                Arbitraries.of(FollowUpAction.values()).map(a -> " " + a.name().toLowerCase(Locale.ROOT) + "\u3000"),
                Arbitraries.of(FollowUpAction.values()).map(a -> (Object) a).map(Object::toString)));
    }

    @Provide
    Arbitrary<Object> channels() {
        return field(Arbitraries.oneOf(Arbitraries.of(FollowUpChannel.values()).map(Enum::name),
                Arbitraries.of(FollowUpChannel.values()).map(c -> c.name().toLowerCase(Locale.ROOT)),
                Arbitraries.of("WECHAT\u0000", "微信", "wechat\u200F")));
    }

    @Provide
    Arbitrary<Object> contents() {
        return field(Arbitraries.oneOf(FuzzStrings.plausible("电话沟通了报价。 abc\n", 1, 60),
                FuzzStrings.plausible("电话沟通了报价😀", 1995, 2005)));
    }

    @Provide
    Arbitrary<Object> nextDates() {
        Arbitrary<LocalDate> date = Arbitraries.integers().between(-5, 200).map(TODAY::plusDays);
        return field(Arbitraries.oneOf(date.map(LocalDate::toString), date.map(d -> d + "T00:00:00.000+0800"),
                date.map(d -> (Object) d), Arbitraries.of("", " ", "2026-02-29", "2026-12-1", "9999-99-99")));
    }

    @Provide
    Arbitrary<Object> amounts() {
        return field(Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("-10"), new BigDecimal("10000000")).ofScale(2)
                        .map(BigDecimal::toPlainString),
                Arbitraries.doubles().between(-1, 1e9).ofScale(3).map(d -> (Object) d),
                Arbitraries.of("0", "0.00", "1e3", "12,345.60", "１２３", "1.005", "NaN", "Infinity", "9999999999999")));
    }

    @Provide
    Arbitrary<Object> signingDates() {
        Arbitrary<LocalDate> date = Arbitraries.integers().between(-40, 5).map(TODAY::plusDays);
        return field(Arbitraries.oneOf(date.map(LocalDate::toString), date.map(d -> (Object) d),
                Arbitraries.of("", "2026-13-01", "yesterday")));
    }

    @Provide
    Arbitrary<Object> confirmations() {
        return field(Arbitraries.of(true, false, "true", "false", " TRUE ", "on", 1));
    }

    @Provide
    Arbitrary<Object> extra() {
        return hostileValues();
    }
}
