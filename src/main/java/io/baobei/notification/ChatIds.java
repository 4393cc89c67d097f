package io.baobei.notification;

import io.baobei.identity.UserDirectory;

/**
 * Who a Baobei user is in 企业微信 / 钉钉: the Camunda user-info entry {@code wecomUserId} / {@code dingtalkUserId}
 * of the user's profile when an admin has set it (Camunda Admin → user → or the identity REST API), else the Camunda
 * user id itself (the usual set-up: accounts created with the same ids as in the company's directory).
 */
final class ChatIds {

    static final String WECOM = "wecomUserId";
    static final String DINGTALK = "dingtalkUserId";

    private ChatIds() {
    }

    static String of(UserDirectory directory, String user, String key) {
        String mapped = directory.profileEntry(user, key);
        return mapped == null ? user : mapped;
    }
}
