package io.baobei.customer;

import java.util.Set;

/** What changed a customer's owner or status; one row of ownership history each. */
public enum OwnershipAction {
    /** 报备通过，授予保护期 */
    PROTECTION_GRANTED("报备通过"),
    /** 领取公海客户（领取，或报备了公海中的客户） */
    CLAIMED("领取公海客户"),
    /** 主管 / 管理员转移给同事 */
    TRANSFERRED("转移"),
    /** 归属销售主动释放到公海 */
    RELEASED("主动释放"),
    /** 超时未跟进，回收公海 */
    RECLAIMED_NO_FOLLOW_UP("超时未跟进回收"),
    /** 保护期到期，回收公海 */
    RECLAIMED_EXPIRED("保护期到期回收"),
    /** 成交 */
    CONVERTED("成交"),
    /** 导入 / 初始化 */
    IMPORTED("导入"),
    /** 延长保护期（申请延期获批）：归属不变，保护期结束时间后移 */
    EXTENDED("延长保护期"),
    /** 合并重复客户: on the merged customer (closed) and on the one that survives */
    MERGED("合并重复客户");

    /** The ways a customer leaves its owner: the previous owner's cooldown starts. */
    public static final Set<OwnershipAction> LOSSES = Set.of(TRANSFERRED, RELEASED, RECLAIMED_NO_FOLLOW_UP,
            RECLAIMED_EXPIRED);

    private final String label;

    OwnershipAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
