package io.baobei.dedup;

/** 查重结论. */
public enum Verdict {
    /** 无重复 */
    CLEAR("无重复"),
    /** 疑似重复: a manager looks at the matches */
    SUSPECT("疑似重复"),
    /** 已被他人报备: strong evidence that a colleague already owns the customer */
    CONFLICT("已被他人报备");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
