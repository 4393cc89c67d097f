package io.baobei.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import io.baobei.customer.OwnershipService;
import io.baobei.customer.TestCustomers;
import io.baobei.support.BaobeiWebTest;
import io.baobei.support.TestIdentities;

/**
 * A manager hands over a departing rep in Camunda Tasklist (zh locale): starts 离职交接 with its Chinese start form,
 * reads the preview in 确认离职交接, confirms, and the customers move to the receiver (the job executor runs the
 * moves). Screenshots of every step land in target/screenshots/handover; no step may make the browser report a
 * Content-Security-Policy violation.
 */
@BaobeiWebTest
@Tag("browser")
class HandoverBrowserTest {

    @RegisterExtension
    static final TasklistSessions BROWSER = new TasklistSessions("handover");

    @Autowired
    OwnershipService ownership;
    @Autowired
    TestIdentities identities;

    @Test
    void aManagerPreviewsAndConfirmsAHandoverInTasklist(Tasklist tasklist) {
        String leaver = identities.newRep("hoUi", TestIdentities.TEAM_A);
        String receiver = identities.newRep("hoUiTo", TestIdentities.TEAM_A);
        TestCustomers.protectFor(ownership, leaver, TestIdentities.TEAM_A, 2);

        tasklist.step("manager-login", () -> tasklist.login(TestIdentities.MGR_A));
        tasklist.step("start-form-filled", () -> {
            tasklist.openStartForm("离职交接");
            tasklist.type("离职销售（用户名）", leaver);
            tasklist.select("分配方式", "全部交给一人");
            tasklist.type("接收人（用户名，多个用逗号分隔）", receiver);
        });
        tasklist.step("start-submitted", tasklist::submitStartForm);

        tasklist.step("preview-task", () -> tasklist.openOnlyTask("我的任务", "确认离职交接"));
        assertThat(tasklist.shownValue("交接预览")).contains("离职销售：" + leaver).contains("共 2 个客户")
                .contains(receiver + " 2 个").contains("客户跟进 2 个 → 随客户转给接收人");
        assertThat(ownership.heldBy(leaver)).as("nothing moves before the confirmation").hasSize(2);
        tasklist.step("confirm-chosen", () -> tasklist.chooseRadio("是否确认", "确认交接"));
        tasklist.step("confirmed", tasklist::complete);

        long deadline = System.nanoTime() + Tasklist.BACKEND_TIMEOUT.toNanos();
        while (ownership.heldBy(receiver).size() < 2 && System.nanoTime() < deadline) {
            Screenshots.sleep(250);
        }
        assertThat(ownership.heldBy(receiver)).hasSize(2);
        assertThat(ownership.heldBy(leaver)).isEmpty();
    }
}
