package io.baobei.handover;

import io.baobei.common.Labelled;

/** How a departing rep's customers are distributed (分配方式). */
public enum HandoverMode implements Labelled {
    /** 全部交给一位接收人 */
    ONE("全部交给一人"),
    /** 按客户编号轮流平均分给接收人 */
    EVEN("平均分配"),
    /** 每个意向等级分别轮流平均分配，各接收人拿到的 A/B/C/D 客户一样多（相差不超过一个） */
    BY_GRADE("按等级平均分配"),
    /** 全部释放到公海（发布规则照常适用） */
    POOL("释放到公海");

    private final String label;

    HandoverMode(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
