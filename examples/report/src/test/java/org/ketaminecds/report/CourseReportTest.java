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
        return CourseReport.html(ENGINE, c, e, withId);
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
    void theSuicidalityMarks_areExactlyTheRatingsRuleTrj004Classifies() {
        // Each kind TRJ-004 reads, each on both sides of its threshold: PHQ-9 item 9 0 and 1, MADRS item 10 1 and 2
        // (a mark the report's own reading of the scores once missed), C-SSRS low and moderate.
        SessionContext c = CdsJson.readContext("""
                {"asOf": "2026-03-20T10:00:00Z", "patient": {"id": "pt-1", "ageYears": 40, "sex": "female"},
                 "priorSessions": [{"at": "2026-03-02T14:30:00Z", "product": "esketamine", "phase": "induction"}],
                 "assessments": [
                  {"instrument": "PHQ-9", "at": "2026-03-02T14:00:00Z", "total": 18, "item9": 0},
                  {"instrument": "PHQ-9", "at": "2026-03-04T14:00:00Z", "total": 17, "item9": 1},
                  {"instrument": "MADRS", "at": "2026-03-05T14:00:00Z", "total": 28, "items": [3,3,3,3,3,3,3,3,3,1]},
                  {"instrument": "MADRS", "at": "2026-03-09T14:00:00Z", "total": 28, "items": [3,3,3,3,3,3,3,3,2,2]},
                  {"instrument": "C-SSRS", "at": "2026-03-11T14:00:00Z", "riskLevel": "low"},
                  {"instrument": "C-SSRS", "at": "2026-03-16T14:00:00Z", "riskLevel": "moderate"}]}""");
        java.util.List<String> derived = ENGINE.derived(c, org.ketaminecds.knowledge.SuicidalitySignal.class).stream()
                .map(s -> s.assessment().at().toString().substring(0, 10))
                .sorted()
                .toList();
        assertThat(derived).containsExactly("2026-03-04", "2026-03-09", "2026-03-16");
        String html = CourseReport.html(ENGINE, c, ENGINE.evaluate(c), true);
        java.util.List<String> marks = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("class=\"suicidality\" data-date=\"([0-9-]+)\"")
                .matcher(html);
        while (m.find()) {
            marks.add(m.group(1));
        }
        assertThat(marks).as("the chart's marks").containsExactlyElementsOf(derived);
        assertThat(html)
                .contains("PHQ-9 item 9 = 1 on 2026-03-04; MADRS item 10 = 2 on 2026-03-09; C-SSRS moderate risk on "
                        + "2026-03-16");
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
        String html = CourseReport.html(ENGINE, c, ENGINE.evaluate(c), true);
        assertThat(html)
                .contains("pt-gnp.exexy")
                .doesNotContain("\u202E")
                .doesNotContain("\u2066")
                .doesNotContain("\u200B");
        assertThat(CourseReport.esc("a\u0007b\u202Dc\tnew\nline")).isEqualTo("abc\tnew\nline");
    }
}
