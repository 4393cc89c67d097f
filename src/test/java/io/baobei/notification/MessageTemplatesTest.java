package io.baobei.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admins' template file and the settings that decide where and when a message goes. */
class MessageTemplatesTest {

    @TempDir Path dir;

    @Test
    void everyKindHasItsTextsAndTheAdminsFileOverridesSingleEntries() throws IOException {
        MessageTemplates builtIn = new MessageTemplates((Path) null);
        for (NotificationKind kind : NotificationKind.values()) {
            MessageTemplates.Rendered texts = builtIn.render(kind, Map.of("customer", "某某公司"));
            assertThat(texts.title()).as(kind.name()).isNotBlank().doesNotContain("{");
            assertThat(builtIn.robot(kind, "rep1", "https://b/x")).contains("@rep1").contains(kind.label())
                    .contains("https://b/x").doesNotContain("某某公司");
        }

        Path file = dir.resolve("messages.properties");
        Files.writeString(file, "RECLAIMED.title=【提醒】{customer} 已回收\n", StandardCharsets.UTF_8);
        MessageTemplates custom = new MessageTemplates(file);
        assertThat(custom.render(NotificationKind.RECLAIMED, Map.of("customer", "某某公司")).title())
                .isEqualTo("【提醒】某某公司 已回收");
        assertThat(custom.render(NotificationKind.RECLAIMED, Map.of("customer", "某某公司", "reason", "到期")).body())
                .as("entries the file does not name stay built-in").isEqualTo("客户“某某公司”已被回收到公海。原因：到期");
    }

    @Test
    void aRobotTextThatWouldShowTheCustomerToTheGroupStopsTheStart() throws IOException {
        Path file = dir.resolve("messages.properties");
        Files.writeString(file, "RECLAIMED.robot=@{user} {customer} 已被回收\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new MessageTemplates(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RECLAIMED.robot uses {customer}");
        Files.writeString(file, "CLAIM_DECIDED.body=\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new MessageTemplates(file)).hasMessageContaining("CLAIM_DECIDED.body is missing");
    }

    @Test
    void backOffDoublesUpToItsCapAndATeamsOwnRobotWins() {
        NotificationProperties.Delivery delivery = new NotificationProperties.Delivery(null, null, null, null, null,
                null, null);
        assertThat(delivery.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delivery.backoffAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(delivery.backoffAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(delivery.backoffAfter(60)).isEqualTo(Duration.ofHours(1));

        NotificationProperties.Robot robot = new NotificationProperties.Robot("https://global", "SECg",
                Map.of("south", new NotificationProperties.Webhook("https://south", "SECs")));
        assertThat(robot.forTeam("south")).isEqualTo(new NotificationProperties.Webhook("https://south", "SECs"));
        assertThat(robot.forTeam("east")).isEqualTo(new NotificationProperties.Webhook("https://global", "SECg"));
        assertThat(robot.forTeam(null)).isEqualTo(new NotificationProperties.Webhook("https://global", "SECg"));
        NotificationProperties.Robot teamOnly = new NotificationProperties.Robot(null, null,
                Map.of("south", new NotificationProperties.Webhook("https://south", null)));
        assertThat(teamOnly.enabled()).isTrue();
        assertThat(teamOnly.forTeam("east")).isNull();
        assertThat(new NotificationProperties.Robot(" ", null, null).enabled()).isFalse();
    }
}
