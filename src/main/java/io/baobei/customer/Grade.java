package io.baobei.customer;

/** 意向等级. */
public enum Grade {
    A("A - 有明确意向和购买需求"),
    B("B - 有明确购买计划"),
    C("C - 可能有计划"),
    D("D - 参考客户，暂无计划");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
