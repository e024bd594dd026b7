package org.ketaminecds.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;

/** Edge cases of the course report that the browser tests of the sample course do not reach. */
class CourseReportTest {
    private static final CdsEngine ENGINE = CdsEngine.create();

    private static String report(String assessments, boolean withId) {
        SessionContext c = CdsJson.readContext("""
                {"asOf": "2026-03-20T10:00:00Z", "patient": {"id": "pt-<b>", "ageYears": 40, "sex": "female"},
                 "priorSessions": [{"at": "2026-03-02T14:30:00Z", "product": "esketamine", "phase": "induction"}],
                 "assessments": %s}""".formatted(assessments));
        Evaluation e = ENGINE.evaluate(c);
        return CourseReport.html(c, e, ENGINE.policy(), withId);
    }

    @Test
    void anInstrumentWithoutAKnownMaximum_allZero_isDrawnWithoutNaN() {
        String html = report("""
                [{"instrument": "GAD-7", "at": "2026-03-02T14:00:00Z", "total": 0},
                 {"instrument": "GAD-7", "at": "2026-03-09T14:00:00Z", "total": 0}]""", true);
        assertThat(html)
                .contains("data-instrument=\"GAD-7\"")
                .doesNotContain("NaN")
                .doesNotContain("Infinity");
    }

    @Test
    void suicidalitySignals_areListed_evenWithoutAnyScore() {
        String html = report("""
                [{"instrument": "C-SSRS", "at": "2026-03-09T14:00:00Z", "riskLevel": "high"}]""", true);
        assertThat(html)
                .contains("Suicidality signals:")
                .contains("C-SSRS high risk on 2026-03-09")
                .contains("No depression rating is recorded");
    }

    @Test
    void theLinkedReport_leavesThePatientIdOut_andTheFileReportEscapesIt() {
        String assessments = """
                [{"instrument": "PHQ-9", "at": "2026-03-02T14:00:00Z", "total": 18}]""";
        assertThat(report(assessments, true)).contains("pt-&lt;b&gt;").doesNotContain("pt-<b>");
        assertThat(report(assessments, false)).doesNotContain("pt-&lt;b&gt;");
    }

    @Test
    void bidirectionalAndInvisibleCharacters_fromTheRecord_neverReachThePage() {
        SessionContext c = CdsJson.readContext("""
                {"asOf": "2026-03-20T10:00:00Z", "patient": {"id": "pt-\u202Egnp.exe\u2066x\u200By", "ageYears": 40,
                 "sex": "female"},
                 "priorSessions": [{"at": "2026-03-02T14:30:00Z", "product": "esketamine", "phase": "induction"}]}""");
        String html = CourseReport.html(c, ENGINE.evaluate(c), ENGINE.policy(), true);
        assertThat(html)
                .contains("pt-gnp.exexy")
                .doesNotContain("\u202E")
                .doesNotContain("\u2066")
                .doesNotContain("\u200B");
        assertThat(CourseReport.esc("a\u0007b\u202Dc\tnew\nline")).isEqualTo("abc\tnew\nline");
    }
}
