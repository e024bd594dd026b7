package org.ketaminecds.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.Coding;
import org.ketaminecds.fact.Condition;
import org.ketaminecds.fact.ConditionStatus;
import org.ketaminecds.fact.CoursePlan;
import org.ketaminecds.fact.DissociationScore;
import org.ketaminecds.fact.DoseUnit;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;
import org.ketaminecds.fact.MedicationStatus;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.Phase;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SedationScore;
import org.ketaminecds.fact.Session;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.SessionDay;
import org.ketaminecds.fact.SessionDose;
import org.ketaminecds.fact.Sex;
import org.ketaminecds.fact.TherapyEngagement;
import org.ketaminecds.fact.TherapyType;
import org.ketaminecds.fact.VitalSigns;

/**
 * Deterministic session contexts of three sizes for benchmarks and load tests: minimal (a patient and a session),
 * typical (a mid-course session: 8 medications, 10 assessments, 20 vital-sign readings) and heavy (40 medications,
 * 100 assessments, 500 readings), plus seeded variations for concurrency tests.
 */
public final class Contexts {
    static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-16T15:30:00Z");
    static final Instant DOSE = Instant.parse("2026-03-16T14:30:00Z");
    private static final String[] MEDICINES = {
        "Ativan 1mg tab",
        "sertraline 100 mg",
        "oxycodone 5 mg",
        "Adderall XR 20 mg",
        "levothyroxine 50 mcg",
        "Vitamin D3 1000 IU",
        "omeprazole 20 mg",
        "gabapentin 300 mg",
        "Lamictal 100 mg",
        "naltrexone 50 mg",
        "metformin 500 mg",
        "atorvastatin 20 mg",
        "Nardil 15 mg",
        "St. John's Wort",
        "lisinopril 10 mg",
        "clarithromycin 500 mg",
        "Namenda 10 mg",
        "zolpidem 10 mg",
        "theophylline 300 mg",
        "ibuprofen 400 mg"
    };

    private Contexts() {}

    public static SessionContext minimal() {
        return SessionContext.builder(AS_OF, Patient.of("bench-minimal"))
                .medications(new MedicationList(List.of(), AS_OF.toInstant()))
                .session(session())
                .build();
    }

    public static SessionContext typical() {
        return sized("bench-typical", 8, 10, 20, 0);
    }

    /**
     * The typical record of a patient who is not being treated with ketamine (no session today, no course on record,
     * no course plan): what most calls of an order hook carry. Decision support is silent for it.
     */
    public static SessionContext notKetamine() {
        return typical().toBuilder()
                .session(null)
                .priorSessions(List.of())
                .plan(null)
                .build();
    }

    public static SessionContext heavy() {
        return sized("bench-heavy", 40, 100, 500, 0);
    }

    /** A context of the typical size, varied by {@code seed} (medications, scores and readings differ). */
    public static SessionContext varied(long seed) {
        return sized("bench-" + seed, 8, 10, 20, seed);
    }

    static Session session() {
        return new Session(
                6,
                Product.ESKETAMINE,
                Route.INTRANASAL,
                new SessionDose(84, DoseUnit.MG),
                Phase.INDUCTION,
                DOSE,
                DOSE,
                null,
                new SessionDay(
                        Instant.parse("2026-03-16T11:30:00Z"),
                        Instant.parse("2026-03-16T13:40:00Z"),
                        null,
                        true,
                        true,
                        true,
                        true));
    }

    static SessionContext sized(String id, int medications, int assessments, int readings, long seed) {
        Random random = new Random(seed);
        List<Medication> meds = new ArrayList<>();
        for (int i = 0; i < medications; i++) {
            String text = MEDICINES[(int) ((i + seed) % MEDICINES.length)] + (i >= MEDICINES.length ? " #" + i : "");
            MedicationStatus status = i % 9 == 8 ? MedicationStatus.STOPPED : MedicationStatus.ACTIVE;
            meds.add(new Medication(null, text, null, null, status, null, null, i % 4 == 0));
        }
        List<Assessment> scores = new ArrayList<>();
        Instant start = Instant.parse("2026-03-02T14:00:00Z");
        long span = Duration.between(start, DOSE).toMinutes();
        for (int i = 0; i < assessments; i++) {
            Instant at = start.plus(Duration.ofMinutes(span * i / Math.max(1, assessments)));
            int progress = assessments <= 1 ? 0 : i * 12 / (assessments - 1);
            switch (i % 3) {
                case 0 ->
                    scores.add(Assessment.scored(Instrument.MADRS, at, Math.max(0, 34 - progress + random.nextInt(3))));
                case 1 ->
                    scores.add(Assessment.scored(
                            Instrument.QIDS_SR16, at, Math.max(0, 18 - progress / 2 + random.nextInt(2))));
                default ->
                    scores.add(new Assessment(
                            Instrument.PHQ_9,
                            at,
                            null,
                            List.of(2, 2, 2, 1, 1, 1, 1, random.nextInt(2), 0),
                            null,
                            null));
            }
        }
        List<VitalSigns> vitals = new ArrayList<>();
        Instant first = DOSE.minus(Duration.ofMinutes(20));
        long window = Duration.between(first, AS_OF.toInstant()).getSeconds();
        for (int i = 0; i < readings; i++) {
            Instant at = first.plusSeconds(window * i / Math.max(1, readings));
            int sys = 125 + random.nextInt(20) + (at.isAfter(DOSE) ? 8 : 0);
            vitals.add(new VitalSigns(
                    at,
                    sys,
                    75 + random.nextInt(12),
                    70 + random.nextInt(15),
                    95 + random.nextInt(5),
                    12 + random.nextInt(5)));
        }
        List<PriorSession> prior = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            prior.add(new PriorSession(
                    Instant.parse("2026-03-02T14:30:00Z").plus(Duration.ofDays(i * 3L)),
                    Attendance.COMPLETED,
                    Product.ESKETAMINE,
                    Route.INTRANASAL,
                    new SessionDose(i == 0 ? 56 : 84, DoseUnit.MG),
                    Phase.INDUCTION));
        }
        return SessionContext.builder(
                        AS_OF, new Patient(id, LocalDate.parse("1982-05-04"), null, Sex.FEMALE, 66.0, null, null))
                .conditions(List.of(
                        new Condition(
                                new Coding(CodeSystems.SNOMED_CT, "1153570009", "Treatment resistant depression"),
                                null,
                                ConditionStatus.ACTIVE,
                                LocalDate.parse("2017-01-01"),
                                null),
                        new Condition(
                                new Coding(CodeSystems.ICD_10_CM, "I10", null),
                                null,
                                ConditionStatus.ACTIVE,
                                null,
                                null)))
                .medications(new MedicationList(meds, Instant.parse("2026-03-16T13:00:00Z")))
                .session(session())
                .priorSessions(prior)
                .vitals(vitals)
                .sedation(List.of(new SedationScore(Instant.parse("2026-03-16T15:10:00Z"), 5)))
                .dissociation(List.of(new DissociationScore(Instant.parse("2026-03-16T15:10:00Z"), 4)))
                .assessments(scores)
                .therapy(List.of(
                        new TherapyEngagement(TherapyType.PSYCHOTHERAPY, LocalDate.parse("2026-01-10"), null, true)))
                .plan(new CoursePlan(Instant.parse("2026-03-19T14:30:00Z"), null))
                .build();
    }
}
