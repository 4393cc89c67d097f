package io.baobei.notification;

/** The ways a notification leaves the application, besides the in-app list that always has it. */
public enum Channel {
    /** Spring Mail to the user's email address in the identity service */
    EMAIL,
    /** 企业微信 application message to the user */
    WECOM_APP,
    /** 企业微信 group robot of the user's team, mentioning the user */
    WECOM_ROBOT,
    /** 钉钉 group robot of the user's team, mentioning the user */
    DINGTALK_ROBOT;

    /** A group robot: its message is seen by the whole group, so it never names a customer. */
    public boolean isGroup() {
        return this == WECOM_ROBOT || this == DINGTALK_ROBOT;
    }
}
