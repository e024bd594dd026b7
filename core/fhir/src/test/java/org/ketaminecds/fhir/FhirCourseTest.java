package org.ketaminecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.Indicator;

/**
 * The course as a trajectory, from records sent the way EHRs send them (administrations without a phase, PHQ-9 totals
 * as observations): relapse during maintenance and the end of induction without response are warnings, with a session
 * today and in a chart review the day after (fixtures in {@code fhir/course}, see its README).
 */
class FhirCourseTest {
    private static final Path COURSE = Path.of("src/test/resources/fhir/course");
    private static final FhirReader READER = new FhirReader(org.ketaminecds.knowledge.DrugTable.bundled());
    private static final CdsEngine ENGINE = CdsEngine.create();

    private static Evaluation evaluate(String name, String asOf) throws IOException {
        FhirReadResult r =
                READER.read(new ObjectMapper().readTree(COURSE.resolve(name).toFile()), OffsetDateTime.parse(asOf));
        return ENGINE.evaluate(r.context()).withNotEvaluated(r.notEvaluated());
    }

    private static String words(Card c) {
        return c.summary() + " " + c.detail() + " " + c.explanation().facts();
    }

    @Test
    void relapseDuringMaintenance_isAWarning_onTheSessionDay_andInTheChartReviewAfter() throws IOException {
        for (String asOf : new String[] {"2026-05-04T15:20:00Z", "2026-05-05T10:00:00Z"}) {
            Evaluation e = evaluate("relapse-in-maintenance.bundle.json", asOf);
            assertThat(e.cardsOf("TRJ-060")).as(asOf).singleElement().satisfies(c -> {
                assertThat(c.indicator()).isEqualTo(Indicator.WARNING);
                assertThat(words(c))
                        .contains("Relapse after remission", "PHQ-9 4 at best, now 16", "esketamine schedule")
                        .doesNotContain("18 days");
            });
            assertThat(e.firedRules()).as(asOf).doesNotContain("TRJ-050", "MNT-011", "MNT-022");
        }
    }

    @Test
    void nineDosesWithoutResponse_isTheEndOfInduction_notImprovingSlowly() throws IOException {
        Evaluation e = evaluate("end-of-induction-no-response.bundle.json", "2026-03-30T15:20:00Z");
        assertThat(e.cardsOf("TRJ-041")).singleElement().satisfies(c -> {
            assertThat(c.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(words(c)).contains("No response at the end of esketamine induction", "PHQ-9 20 to 17");
        });
        assertThat(e.firedRules()).doesNotContain("TRJ-050", "TRJ-040");
    }
}
