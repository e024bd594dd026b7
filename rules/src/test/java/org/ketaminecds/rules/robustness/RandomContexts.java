package org.ketaminecds.rules.robustness;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ketaminecds.fact.Allergy;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.ChallengingExperience;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.Coding;
import org.ketaminecds.fact.Condition;
import org.ketaminecds.fact.ConditionSeverity;
import org.ketaminecds.fact.ConditionStatus;
import org.ketaminecds.fact.CoursePlan;
import org.ketaminecds.fact.DissociationScore;
import org.ketaminecds.fact.DoseUnit;
import org.ketaminecds.fact.ExperienceType;
import org.ketaminecds.fact.Indication;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.Intensity;
import org.ketaminecds.fact.LactationStatus;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;
import org.ketaminecds.fact.MedicationStatus;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.Phase;
import org.ketaminecds.fact.PregnancyStatus;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Quantity;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SedationScore;
import org.ketaminecds.fact.Session;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.SessionDay;
import org.ketaminecds.fact.SessionDose;
import org.ketaminecds.fact.Sex;
import org.ketaminecds.fact.SuicideRisk;
import org.ketaminecds.fact.TherapyEngagement;
import org.ketaminecds.fact.TherapyType;
import org.ketaminecds.fact.VitalSigns;

/** Random but valid session contexts from a seed, covering every part of the model. */
public final class RandomContexts {
    static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-04-20T15:00:00-04:00");
    private static final String[] MEDS = {
        "Xanax 0.5mg tab",
        "lorazepam 1 mg",
        "oxycodone/acetaminophen 5/325",
        "Suboxone 8-2",
        "gabapentin 300",
        "Ambien 10",
        "ethanol",
        "Nardil 15 mg",
        "Adderall XR",
        "Sudafed PE",
        "Synthroid 100 mcg",
        "Theo-24",
        "Vivitrol",
        "Namenda",
        "clarithromycin",
        "grapefruit juice",
        "Tegretol",
        "St. John's Wort",
        "sertraline",
        "Lamictal",
        "Spravato 56 mg",
        "Vitamin D",
        "omeprazole",
        "Zyxorin",
        "metformin 500 mg",
        "fish oil"
    };
    private static final String[] CONDITION_NAMES = {
        "Cerebral aneurysm",
        "AVM",
        "Intracerebral hemorrhage 2019",
        "Schizophrenia",
        "Alcohol use disorder",
        "Cirrhosis",
        "Myocardial infarction",
        "Interstitial cystitis",
        "Pregnancy",
        "Hypertension",
        "Asthma",
        "Major depressive disorder",
        "Ketamine allergy"
    };
    private static final String[] ICD = {
        "I67.1", "I71.40", "I61.9", "F20.9", "F10.20", "K74.60", "I21.4", "N30.10", "Z33.1", "I10", "F33.2", "E11.9",
        "J45.909"
    };

    private RandomContexts() {}

    public static SessionContext of(long seed) {
        Random r = new Random(seed);
        Instant now = AS_OF.toInstant();
        Patient patient = new Patient(
                "rnd-" + Long.toHexString(seed),
                null,
                18 + r.nextInt(70),
                Sex.values()[r.nextInt(Sex.values().length)],
                r.nextBoolean() ? 45.0 + r.nextInt(80) : null,
                PregnancyStatus.values()[r.nextInt(PregnancyStatus.values().length)],
                LactationStatus.values()[r.nextInt(LactationStatus.values().length)]);
        List<Medication> meds = new ArrayList<>();
        for (int i = 0, n = r.nextInt(12); i < n; i++) {
            Coding code = r.nextInt(6) == 0
                    ? Coding.of(
                            CodeSystems.RXNORM,
                            String.valueOf(new int[] {596, 7804, 39993, 6470, 999999}[r.nextInt(5)]))
                    : null;
            String text = code == null || r.nextBoolean() ? MEDS[r.nextInt(MEDS.length)] : null;
            MedicationStatus status = MedicationStatus.values()[r.nextInt(MedicationStatus.values().length)];
            LocalDate end = r.nextInt(5) == 0 ? AS_OF.toLocalDate().plusDays(r.nextInt(7) - 3) : null;
            meds.add(new Medication(
                    code,
                    text,
                    r.nextBoolean() ? new Quantity(1 + r.nextInt(50), "mg") : null,
                    r.nextBoolean() ? "daily" : null,
                    status,
                    null,
                    end,
                    r.nextBoolean()));
        }
        MedicationList list = r.nextInt(10) == 0
                ? null
                : new MedicationList(meds, r.nextInt(4) == 0 ? null : now.minus(Duration.ofDays(r.nextInt(60))));
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            boolean coded = r.nextBoolean();
            conditions.add(new Condition(
                    coded ? Coding.of(CodeSystems.ICD_10_CM, ICD[r.nextInt(ICD.length)]) : null,
                    coded ? null : CONDITION_NAMES[r.nextInt(CONDITION_NAMES.length)],
                    ConditionStatus.values()[r.nextInt(ConditionStatus.values().length)],
                    r.nextBoolean() ? AS_OF.toLocalDate().minusDays(r.nextInt(400)) : null,
                    r.nextInt(3) == 0 ? ConditionSeverity.values()[r.nextInt(3)] : null));
        }
        List<Allergy> allergies = r.nextInt(8) == 0 ? List.of(new Allergy(null, "ketamine", null)) : List.of();
        Session session = null;
        Instant dose = null;
        if (r.nextInt(5) != 0) {
            Product product = r.nextBoolean() ? Product.ESKETAMINE : Product.RACEMIC_KETAMINE;
            Route route = product == Product.ESKETAMINE ? Route.INTRANASAL : Route.values()[r.nextInt(3)];
            dose = r.nextBoolean() ? now.minus(Duration.ofMinutes(r.nextInt(240))) : null;
            Instant scheduled = r.nextBoolean() ? now.plus(Duration.ofMinutes(r.nextInt(600) - 300)) : null;
            Instant discharge = dose != null && r.nextBoolean()
                    ? now.minus(Duration.ofMinutes(r.nextInt(
                            (int) Math.max(1, Duration.between(dose, now).toMinutes() + 1))))
                    : null;
            SessionDay day = new SessionDay(
                    r.nextBoolean() ? now.minus(Duration.ofMinutes(r.nextInt(400))) : null,
                    r.nextBoolean() ? now.minus(Duration.ofMinutes(r.nextInt(200))) : null,
                    r.nextInt(4) == 0 ? now.minus(Duration.ofMinutes(r.nextInt(200))) : null,
                    tri(r),
                    tri(r),
                    tri(r),
                    tri(r));
            SessionDose sessionDose = product == Product.ESKETAMINE
                    ? new SessionDose(28 * (1 + r.nextInt(3)), DoseUnit.MG)
                    : r.nextInt(3) == 0
                            ? new SessionDose(20 + r.nextInt(60), DoseUnit.MG)
                            : new SessionDose(0.1 * (1 + r.nextInt(9)), DoseUnit.MG_PER_KG);
            session = new Session(
                    1 + r.nextInt(16),
                    product,
                    route,
                    r.nextBoolean() ? sessionDose : null,
                    Phase.values()[r.nextInt(3)],
                    scheduled,
                    dose,
                    discharge,
                    day,
                    r.nextInt(6) == 0 ? Indication.DEPRESSION_WITH_SUICIDAL_IDEATION : null);
        }
        List<PriorSession> prior = new ArrayList<>();
        Product courseProduct =
                session != null ? session.product() : r.nextBoolean() ? Product.ESKETAMINE : Product.RACEMIC_KETAMINE;
        for (int i = 0, n = r.nextInt(10); i < n; i++) {
            boolean recorded = r.nextInt(4) != 0;
            prior.add(new PriorSession(
                    now.minus(Duration.ofDays(1 + r.nextInt(80))),
                    r.nextInt(4) == 0 ? Attendance.values()[1 + r.nextInt(2)] : Attendance.COMPLETED,
                    recorded ? courseProduct : null,
                    recorded && r.nextBoolean()
                            ? (courseProduct == Product.ESKETAMINE ? Route.INTRANASAL : Route.INTRAVENOUS)
                            : null,
                    null,
                    recorded && r.nextInt(5) != 0 ? Phase.values()[r.nextInt(2)] : null));
        }
        Instant from = dose != null ? dose.minus(Duration.ofMinutes(60)) : now.minus(Duration.ofMinutes(240));
        List<VitalSigns> vitals = new ArrayList<>();
        for (int i = 0, n = r.nextInt(25); i < n; i++) {
            Instant at = from.plusSeconds(
                    r.nextInt((int) Math.max(1, Duration.between(from, now).getSeconds())));
            int sys = 90 + r.nextInt(110);
            vitals.add(new VitalSigns(
                    at,
                    sys,
                    50 + r.nextInt(Math.max(1, sys - 55)),
                    r.nextBoolean() ? 45 + r.nextInt(90) : null,
                    r.nextBoolean() ? 84 + r.nextInt(17) : null,
                    r.nextBoolean() ? 5 + r.nextInt(20) : null));
        }
        List<SedationScore> sedation = new ArrayList<>();
        List<DissociationScore> dissociation = new ArrayList<>();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            Instant at = from.plusSeconds(
                    r.nextInt((int) Math.max(1, Duration.between(from, now).getSeconds())));
            sedation.add(new SedationScore(at, r.nextInt(6)));
            dissociation.add(
                    r.nextInt(4) == 0
                            ? new DissociationScore(at, null, r.nextBoolean())
                            : new DissociationScore(at, r.nextInt(40)));
        }
        List<ChallengingExperience> experiences = new ArrayList<>();
        for (int i = 0, n = r.nextInt(3); i < n; i++) {
            Instant at = from.plusSeconds(
                    r.nextInt((int) Math.max(1, Duration.between(from, now).getSeconds())));
            experiences.add(new ChallengingExperience(
                    ExperienceType.values()[r.nextInt(ExperienceType.values().length)],
                    Intensity.values()[r.nextInt(3)],
                    at,
                    r.nextBoolean() ? null : now));
        }
        List<Assessment> assessments = new ArrayList<>();
        for (int i = 0, n = r.nextInt(12); i < n; i++) {
            Instant at = now.minus(Duration.ofDays(r.nextInt(60))).minus(Duration.ofMinutes(r.nextInt(600)));
            switch (r.nextInt(6)) {
                case 0 -> {
                    List<Integer> items = new ArrayList<>();
                    for (int k = 0; k < 9; k++) {
                        items.add(r.nextInt(4));
                    }
                    assessments.add(new Assessment(Instrument.PHQ_9, at, null, items, null, null));
                }
                case 1 -> assessments.add(Assessment.scored(Instrument.MADRS, at, r.nextInt(61)));
                case 2 -> assessments.add(Assessment.scored(Instrument.QIDS_SR16, at, r.nextInt(28)));
                case 3 -> assessments.add(Assessment.scored(Instrument.GAD_7, at, r.nextInt(22)));
                case 4 -> assessments.add(Assessment.scored(Instrument.PHQ_9, at, r.nextInt(28)));
                default ->
                    assessments.add(new Assessment(
                            Instrument.C_SSRS, at, null, null, SuicideRisk.values()[r.nextInt(3)], null));
            }
        }
        List<TherapyEngagement> therapy = r.nextBoolean()
                ? List.of()
                : List.of(new TherapyEngagement(
                        TherapyType.values()[r.nextInt(5)],
                        null,
                        AS_OF.toLocalDate().minusDays(r.nextInt(90)),
                        r.nextBoolean()));
        CoursePlan plan = r.nextBoolean()
                ? null
                : new CoursePlan(
                        r.nextBoolean() ? now.plus(Duration.ofDays(1 + r.nextInt(20))) : null,
                        r.nextBoolean() ? now.plus(Duration.ofDays(1 + r.nextInt(30))) : null);
        return SessionContext.builder(AS_OF, patient)
                .conditions(conditions)
                .allergies(allergies)
                .medications(list)
                .session(session)
                .priorSessions(prior)
                .vitals(vitals)
                .sedation(sedation)
                .dissociation(dissociation)
                .experiences(experiences)
                .assessments(assessments)
                .therapy(therapy)
                .plan(plan)
                .build();
    }

    private static Boolean tri(Random r) {
        int v = r.nextInt(3);
        return v == 0 ? null : v == 1;
    }
}
