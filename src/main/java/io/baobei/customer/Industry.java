package io.baobei.customer;

import io.baobei.common.Labelled;

/** 行业, the options of the registration form's industry select (forms/*.form list the same codes). */
public enum Industry implements Labelled {
    IT("信息技术/互联网"),
    MANUFACTURING("制造业"),
    FINANCE("金融/保险"),
    RETAIL("批发/零售"),
    EDUCATION("教育/培训"),
    HEALTHCARE("医疗/健康"),
    CONSTRUCTION("建筑/房地产"),
    LOGISTICS("物流/运输"),
    ENERGY("能源/化工"),
    PUBLIC_SECTOR("政府/公共事业"),
    SERVICES("专业服务"),
    OTHER("其他");

    private final String label;

    Industry(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The label of a stored industry code; a code outside the list (an old import) stands for itself. */
    public static String labelOf(String code) {
        if (code == null) {
            return null;
        }
        for (Industry industry : values()) {
            if (industry.name().equals(code)) {
                return industry.label;
            }
        }
        return code;
    }
}
