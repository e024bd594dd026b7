package org.ketaminecds.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.ketaminecds.fact.Allergy;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.ChallengingExperience;
import org.ketaminecds.fact.Condition;
import org.ketaminecds.fact.CoursePlan;
import org.ketaminecds.fact.DissociationScore;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;
import org.ketaminecds.fact.Numbers;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.PregnancyStatus;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SedationScore;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.SessionDose;
import org.ketaminecds.fact.TherapyEngagement;
import org.ketaminecds.fact.VitalSigns;

/**
 * The facts one read has found so far, each with the resource it came from, and how they become a
 * {@link SessionContext}: blood-pressure halves joined, readings dated after {@code asOf} reported and dropped, the
 * patient completed with the latest weight and pregnancy status. Mappers add to it; nothing here decides a clinical
 * question. Not thread-safe; one per read.
 */
final class RecordDraft {
    /** A fact and the resource ("Type/id") it was read from. */
    record Sourced<T>(T fact, String source) {}

    /** A ketamine or esketamine administration as recorded. */
    record Administration(
            Instant at,
            Product product,
            Route route,
            SessionDose dose,
            org.ketaminecds.fact.Phase phase,
            String encounter,
            String label) {}

    /** A draft or active ketamine order: the session being ordered. */
    record Order(Product product, Route route, SessionDose dose, org.ketaminecds.fact.Phase phase, String label) {}

    /** The halves of a blood pressure sent as two Observations at one time. */
    static final class BloodPressureHalves {
        Double systolic;
        Double diastolic;
        final List<String> sources = new ArrayList<>();
    }

    Patient patient;
    Double weightKg;
    Instant weightAt;
    String weightSource;
    PregnancyStatus pregnancy;
    Instant pregnancyAt;

    final List<Condition> conditions = new ArrayList<>();
    final List<Allergy> allergies = new ArrayList<>();
    final List<Medication> medications = new ArrayList<>();
    Sourced<Instant> reconciled;

    final List<Administration> administrations = new ArrayList<>();
    Order order;
    final List<PriorSession> missed = new ArrayList<>();
    Instant nextSessionAt;
    Instant followUpAt;

    final List<Sourced<VitalSigns>> vitals = new ArrayList<>();
    final Map<Instant, BloodPressureHalves> bloodPressureHalves = new TreeMap<>();
    final List<Sourced<SedationScore>> sedation = new ArrayList<>();
    final List<Sourced<DissociationScore>> dissociation = new ArrayList<>();
    final List<Sourced<ChallengingExperience>> experiences = new ArrayList<>();
    final List<Sourced<Assessment>> assessments = new ArrayList<>();
    final Phq9Assembler phq9 = new Phq9Assembler();
    final List<TherapyEngagement> therapy = new ArrayList<>();
    /** Session-day facts (times and yes/no answers), by what they are. */
    final Map<ObservationCodes.Reads, Sourced<Object>> day = new EnumMap<>(ObservationCodes.Reads.class);

    /**
     * The checks a whole record needs before it becomes facts: PHQ-9 parts assembled, blood-pressure halves joined,
     * readings dated after {@code asOf} reported and dropped.
     */
    void finish(ReadContext read) {
        phq9.finish(this, read.report);
        joinBloodPressureHalves(read.report);
        dropFuture(read);
    }

    /** The context: the draft's facts (after {@link #finish}) with the course's sessions. */
    SessionContext toContext(ReadContext read, SessionAssembler.Sessions sessions) {
        Patient p = new Patient(
                patient.id(), patient.birthDate(), patient.ageYears(), patient.sex(), null, pregnancy, null);
        if (weightKg != null) {
            try {
                p = new Patient(p.id(), p.birthDate(), p.ageYears(), p.sex(), weightKg, p.pregnancy(), p.lactation());
            } catch (InvalidFactException e) {
                read.report.issue(
                        weightSource,
                        "body weight " + Numbers.plain(weightKg) + " kg is not plausible (" + e.getMessage()
                                + "): not used");
            }
        }
        if (reconciled != null && !read.index.medicationListSent()) {
            read.report.issue(
                    reconciled.source(),
                    "a medication reconciliation, but no medication list was sent: not used (send the list with it)");
        }
        return SessionContext.builder(read.asOf, p)
                .conditions(conditions)
                .allergies(allergies)
                .medications(
                        read.index.medicationListSent()
                                ? new MedicationList(medications, reconciled == null ? null : reconciled.fact())
                                : null)
                .session(sessions.session())
                .priorSessions(sessions.priorSessions())
                .vitals(facts(vitals))
                .sedation(facts(sedation))
                .dissociation(facts(dissociation))
                .experiences(facts(experiences))
                .assessments(facts(assessments))
                .therapy(therapy)
                .plan(nextSessionAt == null && followUpAt == null ? null : new CoursePlan(nextSessionAt, followUpAt))
                .build();
    }

    /** A medication reconciliation at a time: the latest one the record gives counts. */
    void reconciled(Instant at, String source) {
        if (reconciled == null || at.isAfter(reconciled.fact())) {
            reconciled = new Sourced<>(at, source);
        }
    }

    /** The session-day value read as {@code reads}, or null. */
    Object dayValue(ObservationCodes.Reads reads) {
        Sourced<Object> v = day.get(reads);
        return v == null ? null : v.fact();
    }

    private static <T> List<T> facts(List<Sourced<T>> sourced) {
        return sourced.stream().map(Sourced::fact).toList();
    }

    /** Systolic and diastolic sent as two Observations at one time make one reading; a half alone is reported. */
    private void joinBloodPressureHalves(Report report) {
        for (Map.Entry<Instant, BloodPressureHalves> half : bloodPressureHalves.entrySet()) {
            BloodPressureHalves bp = half.getValue();
            if (bp.systolic != null && bp.diastolic != null) {
                try {
                    vitals.add(new Sourced<>(
                            new VitalSigns(half.getKey(), bp.systolic, bp.diastolic, null, null, null),
                            String.join(", ", bp.sources)));
                } catch (InvalidFactException e) {
                    report.issue(
                            bp.sources,
                            "Observation",
                            "blood pressure " + Numbers.bp(bp.systolic, bp.diastolic) + " at " + half.getKey()
                                    + " is not plausible (" + e.getMessage() + "): not used");
                }
            } else {
                report.issue(
                        bp.sources,
                        "Observation",
                        "blood pressure at " + half.getKey() + " has only its "
                                + (bp.systolic != null ? "systolic" : "diastolic") + " value; not used");
            }
        }
    }

    /** Observations dated after asOf (clock skew, or wrong data) cannot be used; each is reported by its resource. */
    private void dropFuture(ReadContext read) {
        Instant now = read.asOf.toInstant();
        dropFuture(vitals, VitalSigns::at, "vital signs", now, read.report);
        dropFuture(sedation, SedationScore::at, "MOAA/S", now, read.report);
        dropFuture(dissociation, DissociationScore::at, "CADSS", now, read.report);
        dropFuture(experiences, ChallengingExperience::at, "challenging experience", now, read.report);
        dropFuture(assessments, Assessment::at, "assessment", now, read.report);
        experiences.replaceAll(e -> e.fact().resolvedAt() != null
                        && e.fact().resolvedAt().isAfter(now)
                ? new Sourced<>(
                        new ChallengingExperience(
                                e.fact().type(), e.fact().intensity(), e.fact().at(), null),
                        e.source())
                : e);
        if (reconciled != null && reconciled.fact().isAfter(now)) {
            read.report.issue(
                    reconciled.source(),
                    "medication reconciliation dated after asOf (" + reconciled.fact() + "); not used");
            reconciled = null;
        }
        day.entrySet().removeIf(e -> {
            boolean future = e.getValue().fact() instanceof Instant i && i.isAfter(now);
            if (future) {
                read.report.issue(
                        e.getValue().source(),
                        e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                                + " dated after asOf; not used");
            }
            return future;
        });
    }

    private static <T> void dropFuture(
            List<Sourced<T>> list, Function<T, Instant> at, String what, Instant now, Report report) {
        list.removeIf(item -> {
            boolean future = at.apply(item.fact()).isAfter(now);
            if (future) {
                report.issue(item.source(), what + " dated " + at.apply(item.fact()) + ", after asOf; not used");
                report.notEvaluatedOnce(new org.ketaminecds.cds.NotEvaluated(
                        "future-dated-readings",
                        "readings dated after the evaluation time were not used (a clock or data-entry error), e.g. "
                                + what + " from " + item.source(),
                        "monitoring",
                        "trajectory",
                        "discharge"));
            }
            return future;
        });
    }
}
