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

    @Test
    void markdownText_escapesWhatARendererWouldTurnIntoMarkupOrALink_andNothingElse() {
        assertThat(Cards.markdownText("open https://evil.example now")).isEqualTo("open https\\://evil.example now");
        assertThat(Cards.markdownText("JavaScript:alert(1)")).isEqualTo("JavaScript\\:alert(1)");
        assertThat(Cards.markdownText("mailto:a@b")).isEqualTo("mailto\\:a\\@b");
        assertThat(Cards.markdownText("see www.example.org")).isEqualTo("see www\\.example.org");
        assertThat(Cards.markdownText("WWW.example.org")).isEqualTo("WWW\\.example.org");
        // Not links: a scheme inside a longer word, after a digit or a non-ASCII letter, a word too long or too short.
        assertThat(Cards.markdownText("Xhttps:x awww.x a1http:x \u00e9http:x javascriptx:x ab:x"))
                .isEqualTo("Xhttps:x awww.x a1http:x \u00e9http:x javascriptx:x ab:x");
        assertThat(Cards.markdownText("2.5 mg: every day. Rule: MED-010"))
                .isEqualTo("2.5 mg: every day. Rule: MED-010");
        assertThat(Cards.markdownText("x*y_z [a](b) <b>")).isEqualTo("x\\*y\\_z \\[a\\](b) \\<b\\>");
        assertThat(Cards.markdownText("a\u202Eb\u200Bc  d\ne")).isEqualTo("abc d e");
        assertThat(Cards.markdownText("plain text"))
                .isSameAs(Cards.markdownText("plain text"))
                .isEqualTo("plain text");
    }
}
