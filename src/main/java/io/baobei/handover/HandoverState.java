package io.baobei.handover;

/** Where a handover stands; the API reports these names. */
public enum HandoverState {
    /** 待确认: planned from Tasklist, the manager has not confirmed yet */
    PREVIEW,
    /** 进行中: confirmed, customers are being moved one job each */
    RUNNING,
    /** 已完成: every customer moved */
    DONE,
    /** 部分完成: every customer handled, some not moved (each with its reason) */
    PARTIAL,
    /** 已取消: the manager did not confirm */
    CANCELLED
}
