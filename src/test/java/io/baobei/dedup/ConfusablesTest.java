package io.baobei.dedup;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The characters a rep confuses: same pinyin (IME slips) or a 形近 group; everything else is not a typo. */
class ConfusablesTest {

    private static int c(String character) {
        return character.codePointAt(0);
    }

    @Test
    void homophonesAreConfusableThroughAnyOfTheirReadings() {
        assertThat(Confusables.confusable(c("汇"), c("惠"))).isTrue();
        assertThat(Confusables.confusable(c("华"), c("化"))).isTrue();
        assertThat(Confusables.confusable(c("利"), c("力"))).isTrue();
        // ICU reads 长 zhang; the second reading chang (polyphones.txt) makes 睿长 a typo of 睿昌
        assertThat(Confusables.readings(c("长"))).containsExactly("zhang", "chang");
        assertThat(Confusables.confusable(c("长"), c("昌"))).isTrue();
        assertThat(Confusables.spellings("长城", 4)).containsExactly("zhang-cheng", "chang-cheng");
    }

    @Test
    void charactersOfOneShapeGroupAreConfusable() {
        assertThat(Confusables.confusable(c("未"), c("末"))).isTrue();
        assertThat(Confusables.confusable(c("锐"), c("锋"))).isTrue();
        // groups sharing a character are one group: 锐锋铎 and 峰蜂烽锋
        assertThat(Confusables.confusable(c("锐"), c("峰"))).isTrue();
        assertThat(Confusables.shapeSkeleton("末来")).isEqualTo(Confusables.shapeSkeleton("未来"));
    }

    @Test
    void unrelatedCharactersAreNot() {
        for (List<String> pair : List.of(List.of("华", "新"), List.of("安", "城"), List.of("为", "勤"), List.of("鑫", "淼"))) {
            assertThat(Confusables.confusable(c(pair.get(0)), c(pair.get(1)))).as(pair.toString()).isFalse();
        }
    }

    @Test
    void lettersAndDigitsReadAsThemselves() {
        assertThat(Confusables.readings(c("A"))).containsExactly("a");
        assertThat(Confusables.readings(c("7"))).containsExactly("7");
    }
}
