package io.baobei.protection;

import io.baobei.common.Labelled;

/** 跟进方式. */
public enum FollowUpChannel implements Labelled {
    PHONE("电话"),
    VISIT("上门拜访"),
    WECHAT("微信"),
    EMAIL("邮件"),
    MEETING("会议/线上会议"),
    OTHER("其他");

    private final String label;

    FollowUpChannel(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
