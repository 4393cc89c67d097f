package io.baobei.notification;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.baobei.support.BaobeiWebTest;
import io.baobei.support.TestIdentities;

import static io.baobei.support.TestIdentities.*;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/notifications and friends as a user's script sees them: own notifications only, admins the failures. */
@BaobeiWebTest
class NotificationApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired Notifications notifications;
    @Autowired TestIdentities identities;

    @Test
    void aUserSeesOnlyTheirOwnNotificationsNewestFirstWithTheUnreadCount() {
        String rep = identities.newRep("ntfApi", TEAM_A);
        String other = identities.newRep("ntfApi", TEAM_A);
        publish(rep, "first", "一号客户");
        publish(rep, "second", "二号客户");
        publish(other, "other", "别人的客户");

        ResponseEntity<Map<String, Object>> page = call(rep, HttpMethod.GET, "/api/notifications?size=10");
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).containsEntry("unread", 2).containsEntry("totalElements", 2);
        List<Map<String, Object>> content = content(page);
        assertThat(content).extracting(n -> n.get("title")).containsExactly("客户已被回收：二号客户", "客户已被回收：一号客户");
        assertThat(content.get(0)).containsEntry("kind", "RECLAIMED").containsEntry("kindLabel", "客户已被回收到公海")
                .containsEntry("read", false).containsKeys("createdAt", "link", "body");
        assertThat(page.getBody().toString()).doesNotContain("别人的客户");

        // someone else's notification is as missing as a wrong id
        Object othersId = content(call(other, HttpMethod.GET, "/api/notifications")).get(0).get("id");
        assertThat(call(rep, HttpMethod.POST, "/api/notifications/" + othersId + "/read").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<Map<String, Object>> read = call(rep, HttpMethod.POST, "/api/notifications/" + content.get(1).get("id") + "/read");
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read.getBody()).containsEntry("read", true).containsKey("readAt");
        assertThat(call(rep, HttpMethod.GET, "/api/notifications").getBody()).containsEntry("unread", 1);

        ResponseEntity<Map<String, Object>> all = call(rep, HttpMethod.POST, "/api/notifications/read-all");
        assertThat(all.getBody()).containsEntry("marked", 1);
        assertThat(call(rep, HttpMethod.GET, "/api/notifications").getBody()).containsEntry("unread", 0);
        assertThat(call(other, HttpMethod.GET, "/api/notifications").getBody()).as("not someone else's")
                .containsEntry("unread", 1);

        ResponseEntity<Map<String, Object>> second = call(rep, HttpMethod.GET, "/api/notifications?size=1&page=1");
        assertThat(second.getBody()).containsEntry("totalPages", 2);
        assertThat(content(second)).extracting(n -> n.get("title")).containsExactly("客户已被回收：一号客户");
    }

    @Test
    void onlyAdminsSeeDeliveryFailuresAndNobodyWithoutSigningIn() {
        assertThat(call(REP_A1, HttpMethod.GET, "/api/notifications/failures").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(MGR_A, HttpMethod.GET, "/api/notifications/failures").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map<String, Object>> failures = call(ADMIN, HttpMethod.GET, "/api/notifications/failures");
        assertThat(failures.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(failures.getBody()).containsKeys("content", "totalElements");
        assertThat(rest.exchange("/api/notifications", HttpMethod.GET, null, JSON).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private void publish(String rep, String key, String customer) {
        notifications.notify(NotificationEvent.of(NotificationKind.RECLAIMED, "api-test:" + rep + ":" + key, rep,
                "CUSTOMER", 1, null, Map.of("customer", customer, "reason", "保护期到期")));
    }

    private ResponseEntity<Map<String, Object>> call(String user, HttpMethod method, String url) {
        return rest.withBasicAuth(user, PASSWORD).exchange(url, method, null, JSON);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> content(ResponseEntity<Map<String, Object>> page) {
        return (List<Map<String, Object>>) page.getBody().get("content");
    }
}
