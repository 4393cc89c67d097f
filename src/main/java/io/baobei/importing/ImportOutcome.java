package io.baobei.importing;

/** What happened to one row of an import file. */
public enum ImportOutcome {
    /** 已创建 */
    CREATED,
    /** 已创建，疑似重复: created, and listed for a look */
    SUSPECTED,
    /** 重复，未创建: strong evidence that the customer exists (or came earlier in the same file) */
    DUPLICATE,
    /** 无效，未创建 */
    INVALID
}
