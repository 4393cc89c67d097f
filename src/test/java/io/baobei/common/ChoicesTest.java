package io.baobei.common;

import org.junit.jupiter.api.Test;

import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.protection.FollowUpAction;

import static org.assertj.core.api.Assertions.assertThat;

/** A choice is its code in any case or its label as shown; anything else is no choice. */
class ChoicesTest {

    @Test
    void aCodeInAnyCaseOrTheLabelAsShown() {
        assertThat(Choices.parse(Industry.class, "PUBLIC_SECTOR")).isEqualTo(Industry.PUBLIC_SECTOR);
        assertThat(Choices.parse(Industry.class, " public_sector ")).isEqualTo(Industry.PUBLIC_SECTOR);
        assertThat(Choices.parse(Industry.class, "政府/公共事业")).isEqualTo(Industry.PUBLIC_SECTOR);
        assertThat(Choices.parse(Grade.class, "B - 有明确购买计划")).isEqualTo(Grade.B);
        assertThat(Choices.parse(FollowUpAction.class, "deal_won")).as("a choice without labels, by its code")
                .isEqualTo(FollowUpAction.DEAL_WON);
    }

    @Test
    void anythingElseIsNoChoice() {
        assertThat(Choices.parse(Industry.class, null)).isNull();
        assertThat(Choices.parse(Industry.class, "  ")).isNull();
        assertThat(Choices.parse(Industry.class, "政府")).as("part of a label").isNull();
        assertThat(Choices.parse(Industry.class, "IT2")).isNull();
        assertThat(Choices.parse(Grade.class, "B - 有明确购买计划。")).isNull();
    }
}
