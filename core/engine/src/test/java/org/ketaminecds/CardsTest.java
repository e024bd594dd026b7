package org.ketaminecds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Card text helpers. */
class CardsTest {
    @Test
    void oneLine_collapsesWhitespaceRunsAndTrims() {
        assertThat(Cards.oneLine("plain summary")).isEqualTo("plain summary");
        assertThat(Cards.oneLine("  two\n lines\t here  ")).isEqualTo("two lines here");
        assertThat(Cards.oneLine("a  b")).isEqualTo("a b");
        assertThat(Cards.oneLine("")).isEmpty();
    }

    @Test
    void summary_isCutBelow140CharactersWithAnEllipsis() {
        String s = Cards.summary("x".repeat(200));
        assertThat(s).hasSize(139).endsWith("\u2026");
        assertThat(Cards.summary("short")).isEqualTo("short");
    }
}
