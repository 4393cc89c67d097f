package io.baobei.extension;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of extension requests ({@code baobei.extension.*}). The limits themselves (how many, how long) are policy:
 * processes/ExtensionPolicy.dmn.
 *
 * @param decisionDays days the team's managers have to decide (the due date of 审批延期); the due date is never
 *                     later than the end of the protection being extended
 */
@ConfigurationProperties(prefix = "baobei.extension")
public record ExtensionProperties(Integer decisionDays) {

    public ExtensionProperties {
        decisionDays = decisionDays == null ? 2 : decisionDays;
        if (decisionDays < 1) {
            throw new IllegalArgumentException("baobei.extension.decision-days must be 1 or more");
        }
    }
}
