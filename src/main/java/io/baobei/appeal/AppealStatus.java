package io.baobei.appeal;

/** Where an appeal stands; the REST API reports these names. */
public enum AppealStatus {
    /** 待裁决 */
    OPEN("待裁决"),
    /** 已裁决 */
    DECIDED("已裁决");

    private final String label;

    AppealStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
