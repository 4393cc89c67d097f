package io.baobei.common;

import java.util.Locale;

/**
 * The one parser of choices typed or sent as text (行业, 意向等级, 审核结果, 分配方式, 跟进方式 …), for every path: forms,
 * REST, import files. A choice is its code in any case ({@code IT}, {@code it}) or, for a {@link Labelled} choice, its
 * label exactly as shown ({@code 信息技术/互联网}), as people copy it from a form or a spreadsheet.
 */
public final class Choices {

    private Choices() {
    }

    /** The choice {@code text} names (surrounding blanks ignored), or null when it names none (or is blank). */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        String code = value.toUpperCase(Locale.ROOT);
        for (E choice : type.getEnumConstants()) {
            if (choice.name().equals(code) || choice instanceof Labelled labelled && labelled.label().equals(value)) {
                return choice;
            }
        }
        return null;
    }
}
