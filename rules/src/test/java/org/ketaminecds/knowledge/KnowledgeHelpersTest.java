package org.ketaminecds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.policy.SitePolicy;

/**
 * The knowledge helpers' arithmetic and label numbers, each at its boundary: what the rules read from them (the
 * trajectory's values, the instrument the course is judged on, the racemic mg/kg range, the esketamine dose by day and
 * age), and the trajectory verdicts the rules decide from those values (response at 50%, remission and worsening
 * thresholds, an earlier response), read from an evaluation. Scenarios reach these through the cards; here a moved
 * constant fails by name.
 */
class KnowledgeHelpersTest {
    private static final SitePolicy POLICY = SitePolicy.defaults();
    private static final CdsEngine ENGINE = CdsEngine.create();

    private static SessionContext course(String assessments) {
        return CdsJson.readContext("""
                {"asOf": "2026-03-20T10:00:00Z", "patient": {"id": "pt-1", "ageYears": 40, "sex": "female"},
                 "priorSessions": [{"at": "2026-03-02T14:30:00Z", "product": "esketamine", "phase": "induction"}],
                 "assessments": %s}""".formatted(assessments));
    }

    /** The trajectory as the rules leave it, verdicts decided (TRJ-070 to TRJ-073). */
    private static InstrumentTrajectory judged(Instrument instrument, int... totals) {
        return ENGINE.derived(course(ratings(instrument, totals)), InstrumentTrajectory.class).stream()
                .filter(t -> t.instrument() == instrument)
                .findFirst()
                .orElseThrow();
    }

    /** The trajectory's values as TRJ-001 derives them, before any verdict. */
    private static InstrumentTrajectory trajectory(Instrument instrument, int... totals) {
        return Trajectories.of(course(ratings(instrument, totals)), POLICY).stream()
                .filter(t -> t.instrument() == instrument)
                .findFirst()
                .orElseThrow();
    }

    private static String ratings(Instrument instrument, int... totals) {
        StringBuilder a = new StringBuilder("[");
        for (int i = 0; i < totals.length; i++) {
            a.append(i == 0 ? "" : ",")
                    .append("{\"instrument\": \"")
                    .append(instrument.label())
                    .append("\", \"at\": \"2026-03-0")
                    .append(i + 1)
                    .append("T14:00:00Z\", \"total\": ")
                    .append(totals[i])
                    .append('}');
        }
        return a + "]";
    }

    @Test
    void response_isHalvingTheBaseline_roundedDown() {
        assertThat(judged(Instrument.PHQ_9, 20, 10).response()).isTrue();
        InstrumentTrajectory almost = judged(Instrument.PHQ_9, 21, 11);
        assertThat(almost.improvementPercent())
                .as("10/21 = 47.6%, rounded down")
                .isEqualTo(47);
        assertThat(almost.response()).isFalse();
        assertThat(judged(Instrument.PHQ_9, 0, 3).improvementPercent())
                .as("no percentage of a baseline of 0")
                .isNull();
    }

    @Test
    void remission_isAtOrBelowEachInstrumentsThreshold() {
        assertThat(judged(Instrument.PHQ_9, 18, 4).remission())
                .as("PHQ-9 below 5")
                .isTrue();
        assertThat(judged(Instrument.PHQ_9, 18, 5).remission()).isFalse();
        assertThat(judged(Instrument.QIDS_SR16, 16, 5).remission())
                .as("QIDS-SR16 5 or less")
                .isTrue();
        assertThat(judged(Instrument.QIDS_SR16, 16, 6).remission()).isFalse();
        assertThat(judged(Instrument.MADRS, 30, POLICY.madrsRemissionMax()).remission())
                .isTrue();
        assertThat(judged(Instrument.MADRS, 30, POLICY.madrsRemissionMax() + 1).remission())
                .isFalse();
    }

    @Test
    void worsening_isTheSitesPercentageAboveBaseline() {
        int baseline = 10;
        int worse = baseline + baseline * POLICY.worseningPercent() / 100;
        assertThat(judged(Instrument.PHQ_9, baseline, worse).worsening()).isTrue();
        assertThat(judged(Instrument.PHQ_9, baseline, worse - 1).worsening()).isFalse();
        assertThat(judged(Instrument.PHQ_9, baseline, 11, 12, worse).trailingWorse())
                .isEqualTo(3);
    }

    @Test
    void worsening_fromABaselineOf0_isAnyRise() {
        assertThat(judged(Instrument.PHQ_9, 0, 1).worsening()).isTrue();
        assertThat(judged(Instrument.PHQ_9, 0, 0).worsening()).isFalse();
    }

    @Test
    void anEarlierResponse_isARatingBetweenBaselineAndLatest_thatMetResponseOrRemission() {
        assertThat(judged(Instrument.PHQ_9, 20, 10, 16).earlierResponse())
                .as("10 of 20 is 50% better")
                .isTrue();
        assertThat(judged(Instrument.PHQ_9, 21, 11, 16).earlierResponse())
                .as("11 of 21 is 47% better")
                .isFalse();
        assertThat(judged(Instrument.PHQ_9, 6, 4, 6).earlierResponse())
                .as("PHQ-9 4 is remission, though only 33% better")
                .isTrue();
        assertThat(judged(Instrument.PHQ_9, 20, 12, 10).earlierResponse())
                .as("the latest is not earlier")
                .isFalse();
        assertThat(judged(Instrument.PHQ_9, 20, 10).earlierResponse())
                .as("the baseline is not earlier either")
                .isFalse();
        assertThat(judged(Instrument.PHQ_9, 20, 10, 16).lostResponse()).isTrue();
    }

    @Test
    void theBenefitLevel_isHalfTheBaselineRoundedDown_orTheRemissionMaximum_whicheverIsHigher() {
        assertThat(judged(Instrument.PHQ_9, 21, 15).benefitMax())
                .as("10 of 21 is 52% better, 11 only 47%")
                .isEqualTo(10);
        assertThat(judged(Instrument.PHQ_9, 6, 6).benefitMax())
                .as("half of 6 is 3; PHQ-9 remission is 4 or less")
                .isEqualTo(4);
        assertThat(judged(Instrument.PHQ_9, 0, 0).benefitMax())
                .as("no percentage of a baseline of 0: remission only")
                .isEqualTo(4);
        assertThat(trajectory(Instrument.PHQ_9, 21, 15).benefitMax())
                .as("a value TRJ-074 states, absent before")
                .isNull();
        InstrumentTrajectory reached = judged(Instrument.PHQ_9, 21, 15, 10, 10, 14);
        assertThat(reached.benefitReachedAt()).isEqualTo(java.time.Instant.parse("2026-03-03T14:00:00Z"));
        assertThat(reached.benefitSustained()).isTrue();
        assertThat(judged(Instrument.PHQ_9, 21, 15, 11, 10, 14).benefitSustained())
                .as("11 of 21 is not a response: one rating at the level is not sustained")
                .isFalse();
    }

    @Test
    void ratingsNotImproved_areThoseAboveTheSitesNonResponseLevel_countedBackFromTheLatest() {
        int pct = POLICY.nonResponsePercent();
        int level = 20 * (100 - pct) / 100;
        InstrumentTrajectory t = judged(Instrument.PHQ_9, 20, level - 1, level + 1, level + 1);
        assertThat(t.improvedMax()).isEqualTo(level);
        assertThat(t.trailingNotImproved())
                .as("%d%% on a baseline of 20: the last two are above %d", pct, level)
                .isEqualTo(2);
        assertThat(judged(Instrument.PHQ_9, 20, level + 1, level).trailingNotImproved())
                .as("the latest improved enough: the count stops")
                .isZero();
        assertThat(judged(Instrument.PHQ_9, 0, 0, 0).trailingNotImproved())
                .as("from a baseline of 0 nothing improves")
                .isEqualTo(2);
    }

    @Test
    void trj001_derivesValuesOnly_theRulesDecideTheVerdicts() {
        InstrumentTrajectory values = trajectory(Instrument.PHQ_9, 20, 4, 3);
        assertThat(List.of(values.response(), values.remission(), values.worsening(), values.earlierResponse()))
                .containsOnly(false);
        assertThat(values.improvementPercent()).isEqualTo(85);
        assertThat(values.earlierBest()).isEqualTo(4);
        assertThat(values.earlierBestImprovementPercent()).isEqualTo(80);
        assertThat(trajectory(Instrument.PHQ_9, 20, 25).risePercent()).isEqualTo(25);
        InstrumentTrajectory judged = judged(Instrument.PHQ_9, 20, 4, 3);
        assertThat(List.of(judged.response(), judged.remission(), judged.earlierResponse()))
                .containsOnly(true);
        assertThat(judged.worsening()).isFalse();
    }

    @Test
    void theCourseIsJudgedOnMadrs_thenQids_thenPhq9_eachWithAtLeastTwoRatings() {
        SessionContext madrsOnce = course("""
                [{"instrument": "MADRS", "at": "2026-03-01T14:00:00Z", "total": 30},
                 {"instrument": "PHQ-9", "at": "2026-03-01T14:00:00Z", "total": 18},
                 {"instrument": "PHQ-9", "at": "2026-03-05T14:00:00Z", "total": 12}]""");
        assertThat(Trajectories.primary(madrsOnce, POLICY))
                .singleElement()
                .extracting(InstrumentTrajectory::instrument)
                .isEqualTo(Instrument.PHQ_9);
        SessionContext madrsTwice = course("""
                [{"instrument": "MADRS", "at": "2026-03-01T14:00:00Z", "total": 30},
                 {"instrument": "MADRS", "at": "2026-03-05T14:00:00Z", "total": 20},
                 {"instrument": "QIDS-SR16", "at": "2026-03-01T14:00:00Z", "total": 15},
                 {"instrument": "QIDS-SR16", "at": "2026-03-05T14:00:00Z", "total": 9}]""");
        assertThat(Trajectories.primary(madrsTwice, POLICY))
                .singleElement()
                .extracting(InstrumentTrajectory::instrument)
                .isEqualTo(Instrument.MADRS);
    }

    private static SessionContext session(String product, String dose, int number, String patient) {
        return CdsJson.readContext("""
                {"asOf": "2026-03-09T16:00:00Z", "patient": %s,
                 "session": {"number": %d, "product": "%s", "route": "%s", "dose": %s}}""".formatted(
                        patient, number, product, product.equals("esketamine") ? "intranasal" : "intravenous", dose));
    }

    @Test
    void racemicDose_isJudgedPerKilogram_againstTheSitesStudiedRange() {
        String adult = "{\"id\": \"pt-1\", \"ageYears\": 40, \"sex\": \"male\", \"weightKg\": 70}";
        SessionContext mg35 = session("racemic-ketamine", "{\"value\": 35, \"unit\": \"mg\"}", 1, adult);
        assertThat(RacemicDose.of(mg35.session(), mg35.patient()))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.mgPerKg()).isEqualTo(0.5);
                    assertThat(d.describe()).isEqualTo("35 mg (0.5 mg/kg at 70 kg)");
                });
        assertThat(ENGINE.evaluate(mg35).cardsOf("MNT-014")).isEmpty();
        double min = POLICY.racemicIvDoseMinMgPerKg();
        double max = POLICY.racemicIvDoseMaxMgPerKg();
        double step = 0.01;
        for (double[] perKg : new double[][] {{min, 0}, {max, 0}, {min - step, 1}, {max + step, 1}}) {
            SessionContext c =
                    session("racemic-ketamine", "{\"value\": " + perKg[0] + ", \"unit\": \"mg/kg\"}", 1, adult);
            assertThat(ENGINE.evaluate(c).cardsOf("MNT-014"))
                    .as("%s mg/kg against the range %s-%s (MNT-014's conditions)", perKg[0], min, max)
                    .hasSize((int) perKg[1]);
        }
        String noWeight = "{\"id\": \"pt-1\", \"ageYears\": 40, \"sex\": \"male\"}";
        SessionContext unknown = session("racemic-ketamine", "{\"value\": 35, \"unit\": \"mg\"}", 1, noWeight);
        assertThat(RacemicDose.of(unknown.session(), unknown.patient()))
                .singleElement()
                .extracting(RacemicDose::mgPerKg)
                .isNull();
        assertThat(ENGINE.evaluate(unknown).cardsOf("MNT-014"))
                .as("not judged without a weight")
                .isEmpty();
        assertThat(ENGINE.evaluate(unknown).cardsOf("MNT-015")).hasSize(1);
    }

    @Test
    void esketamineDose_byDayAndAge_28mgFrom65() {
        String at64 = "{\"id\": \"pt-1\", \"ageYears\": 64, \"sex\": \"male\"}";
        String at65 = "{\"id\": \"pt-1\", \"ageYears\": 65, \"sex\": \"male\"}";
        String mg28 = "{\"value\": 28, \"unit\": \"mg\"}";
        String mg84 = "{\"value\": 84, \"unit\": \"mg\"}";
        assertThat(mismatch(session("esketamine", mg28, 1, at64))).isEqualTo("day 1 dose 28 mg (start: 56 mg)");
        assertThat(mismatch(session("esketamine", mg28, 1, at65)))
                .as("28 mg is a start at 65 and over (EU)")
                .isNull();
        assertThat(mismatch(session("esketamine", mg84, 1, at64)))
                .as("84 mg on day 1")
                .isEqualTo("day 1 dose 84 mg (start: 56 mg)");
        assertThat(mismatch(session("esketamine", mg84, 1, at65)))
                .isEqualTo("day 1 dose 84 mg (start: 28 mg at 65 and over, EU; 56 mg, US)");
        assertThat(mismatch(session("esketamine", mg84, 3, at64))).isNull();
        assertThat(mismatch(session("esketamine", mg28, 3, at64))).isEqualTo("dose 28 mg (56 or 84 mg)");
        assertThat(mismatch(session("esketamine", mg28, 3, at65))).isNull();
        assertThat(mismatch(session("esketamine", "{\"value\": 70, \"unit\": \"mg\"}", 3, at65)))
                .isEqualTo("dose 70 mg (56 or 84 mg; 28 mg at 65 and over, EU)");
        String noAge = "{\"id\": \"pt-1\", \"sex\": \"male\"}";
        assertThat(mismatch(session("esketamine", mg28, 1, noAge)))
                .as("28 mg could be the EU start: the card says the age is missing")
                .isEqualTo("day 1 dose 28 mg (start: 56 mg; 28 mg at 65 and over, EU: the age is not recorded)");
        assertThat(mismatch(session("esketamine", "{\"value\": 1, \"unit\": \"mg/kg\"}", 3, at64)))
                .startsWith("esketamine is dosed in mg, not ");
        SessionContext before = session("esketamine", mg28, 1, at65);
        assertThat(EsketamineDose.of(before.session(), before.patient(), LocalDate.parse("2026-03-09")))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.ageYears()).isEqualTo(65);
                    assertThat(d.olderAdult()).as("a value, before MNT-002").isFalse();
                    assertThat(d.mismatch()).isNull();
                });
    }

    /** The mismatch MNT-003 to MNT-006 decided for today's esketamine dose, or null if it fits. */
    private static String mismatch(SessionContext c) {
        List<EsketamineDose> doses = ENGINE.derived(c, EsketamineDose.class);
        assertThat(doses).as("one dose, each verdict replacing it").hasSize(1);
        return doses.get(0).mismatch();
    }

    @Test
    void baselineSeverityBands_changeAtTheScalesCutPoints() {
        ConditionTable conditions = ConditionTable.bundled(KnowledgeHelpersTest.class.getClassLoader());
        DrugTable drugs = DrugTable.bundled();
        for (int[] band : new int[][] {{9, 0}, {10, 1}, {14, 1}, {15, 2}}) {
            InstrumentTrajectory t = trajectory(Instrument.PHQ_9, band[0], band[0]);
            String expected = List.of("mild", "moderate", "moderately severe").get(band[1]);
            assertThat(CourseReviews.responseFactors(course("[]"), t, drugs, conditions)
                            .get(0))
                    .as("PHQ-9 %d", band[0])
                    .isEqualTo("severity at baseline: PHQ-9 " + band[0] + " (" + expected + ")");
        }
    }

    @Test
    void anExperienceInTheCoursesFirstWeek_isEarly_andFromDay7On_isNot() {
        // The course starts with the prior session of 2026-03-02 14:30Z; the first week is days 0-6.
        for (String[] at : new String[][] {{"2026-03-09T14:29:00Z", "true"}, {"2026-03-09T14:31:00Z", "false"}}) {
            SessionContext c = experience(at[0], "\"resolvedAt\": \"2026-03-09T15:30:00Z\"", "2026-03-09T16:00:00Z");
            assertThat(SessionReviews.experiences(c))
                    .singleElement()
                    .satisfies(r ->
                            assertThat(r.early()).as("a value, before EXP-002").isFalse());
            assertThat(ENGINE.derived(c, ExperienceReview.class))
                    .singleElement()
                    .extracting(ExperienceReview::early)
                    .as("an experience at %s", at[0])
                    .isEqualTo(Boolean.parseBoolean(at[1]));
        }
    }

    @Test
    void anUnresolvedExperience_persistsFromTheSitesLimitOn() {
        int limit = POLICY.experiencePersistMinutes();
        for (int minutes : new int[] {limit - 1, limit}) {
            String asOf = java.time.Instant.parse("2026-03-09T15:00:00Z")
                    .plusSeconds(60L * minutes)
                    .toString();
            SessionContext c = experience("2026-03-09T15:00:00Z", "\"resolvedAt\": null", asOf);
            assertThat(ENGINE.derived(c, ExperienceReview.class))
                    .singleElement()
                    .extracting(ExperienceReview::persisting)
                    .as("unresolved for %d minutes, limit %d", minutes, limit)
                    .isEqualTo(minutes >= limit);
        }
        SessionContext resolved =
                experience("2026-03-09T13:00:00Z", "\"resolvedAt\": \"2026-03-09T15:30:00Z\"", "2026-03-09T16:00:00Z");
        assertThat(ENGINE.derived(resolved, ExperienceReview.class))
                .singleElement()
                .extracting(ExperienceReview::persisting)
                .as("resolved after 150 minutes: not persisting")
                .isEqualTo(false);
    }

    private static SessionContext experience(String at, String resolved, String asOf) {
        return CdsJson.readContext("""
                {"asOf": "%s", "patient": {"id": "pt-1", "ageYears": 40, "sex": "female"},
                 "priorSessions": [{"at": "2026-03-02T14:30:00Z", "product": "esketamine", "phase": "induction"}],
                 "experiences": [{"type": "anxiety", "intensity": "mild", "at": "%s", %s}]}""".formatted(asOf, at, resolved));
    }
}
