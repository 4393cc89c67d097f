package io.baobei.handover;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.baobei.common.Choices;
import io.baobei.common.FieldError;
import io.baobei.common.InvalidInputException;
import io.baobei.common.TextRules;

/**
 * What a manager asks for: whose customers, how distributed, to whom, whether over quota, whether the leaver is
 * disabled. {@link #of} is the one definition of its field rules, used by the API and the Tasklist start form alike
 * (the form sends the receivers as one text, comma- or space-separated).
 */
public record HandoverRequest(String fromUser, HandoverMode mode, List<String> receivers, boolean overrideQuota,
                              boolean disableUser) {

    static final int MAX_RECEIVERS = 50;
    static final int MAX_NAME = 64;

    public HandoverRequest {
        receivers = List.copyOf(receivers);
    }

    /** Parses and checks the shape of a request (400 with the fields at fault); who may ask is HandoverService's. */
    public static HandoverRequest of(Object fromUser, Object mode, Object receivers, Object overrideQuota,
                                     Object disableUser) {
        List<FieldError> errors = new ArrayList<>();
        String from = TextRules.stripped(fromUser);
        if (from == null) {
            errors.add(new FieldError(HandoverVariables.FROM_USER, "请填写离职销售的用户名"));
        } else {
            TextRules.check(HandoverVariables.FROM_USER, "离职销售的用户名", from, MAX_NAME, errors);
        }
        HandoverMode parsedMode = null;
        String modeText = TextRules.stripped(mode);
        if (modeText == null) {
            errors.add(new FieldError(HandoverVariables.MODE, "请选择分配方式"));
        } else {
            parsedMode = Choices.parse(HandoverMode.class, modeText);
            if (parsedMode == null) {
                errors.add(new FieldError(HandoverVariables.MODE,
                        "分配方式应为 ONE（全部交给一人）、EVEN（平均分配）、BY_GRADE（按等级平均分配）或 POOL（释放到公海）"));
            }
        }
        List<String> names = receiverNames(receivers, errors);
        if (parsedMode != null && errors.isEmpty()) {
            if (parsedMode == HandoverMode.POOL && !names.isEmpty()) {
                errors.add(new FieldError(HandoverVariables.RECEIVERS, "释放到公海时不填接收人"));
            } else if (parsedMode == HandoverMode.ONE && names.size() != 1) {
                errors.add(new FieldError(HandoverVariables.RECEIVERS, "“全部交给一人”需要恰好一位接收人"));
            } else if (parsedMode != HandoverMode.POOL && names.isEmpty()) {
                errors.add(new FieldError(HandoverVariables.RECEIVERS, "请填写至少一位接收人"));
            } else if (names.contains(from)) {
                errors.add(new FieldError(HandoverVariables.RECEIVERS, "接收人不能是离职销售本人"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new HandoverRequest(from, parsedMode, names, flag(overrideQuota), flag(disableUser));
    }

    private static List<String> receiverNames(Object value, List<FieldError> errors) {
        List<String> raw = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(v -> raw.add(v == null ? "" : v.toString()));
        } else if (value != null) {
            raw.addAll(List.of(value.toString().split("[,，;；\\s]+")));
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : raw) {
            String stripped = name.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            if (!TextRules.check(HandoverVariables.RECEIVERS, "接收人用户名", stripped, MAX_NAME, errors)) {
                return List.of();
            }
            if (!names.add(stripped)) {
                errors.add(new FieldError(HandoverVariables.RECEIVERS, "接收人 " + stripped + " 重复"));
                return List.of();
            }
        }
        if (names.size() > MAX_RECEIVERS) {
            errors.add(new FieldError(HandoverVariables.RECEIVERS, "接收人最多 " + MAX_RECEIVERS + " 位"));
        }
        return List.copyOf(names);
    }

    private static boolean flag(Object value) {
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString().strip());
    }
}
