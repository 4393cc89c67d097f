package io.baobei.dedup;

/** Why a customer was matched; stored with the match and shown to the reviewer. */
public enum MatchReason {
    CREDIT_CODE("统一社会信用代码相同"),
    PHONE("联系电话相同"),
    EMAIL("邮箱相同"),
    NAME_EXACT("公司名称相同"),
    NAME_CORE("公司核心名称相同"),
    NAME_SIMILAR("公司名称相似"),
    BRANCH("分支机构");

    private final String label;

    MatchReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
