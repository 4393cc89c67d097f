package io.baobei.customer;

import io.baobei.common.Labelled;

/** 意向等级. */
public enum Grade implements Labelled {
    A("A - 有明确意向和购买需求"),
    B("B - 有明确购买计划"),
    C("C - 可能有计划"),
    D("D - 参考客户，暂无计划");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
