package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.list;
import static org.ketaminecds.fact.Checks.notAfter;
import static org.ketaminecds.fact.Checks.required;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * Everything the rules know about one patient at one moment: the input of one evaluation.
 *
 * <p>{@code asOf} is the evaluation instant. It is mandatory and rules never read the wall clock; its UTC offset
 * is the clinic's, so calendar comparisons (a medication's end date, days since a reconciliation) use the
 * clinic's local date. Nothing observed may lie after {@code asOf}; plans may.
 *
 * <p>Lists that are absent are empty. The medication list is different: absent ({@code null}) means "not
 * provided" and the interaction check reports that it could not run, while a list with no entries means the
 * patient takes no medicines.
 *
 * @param asOf evaluation instant with the clinic's UTC offset, required
 * @param patient the patient, required
 * @param conditions problem list and history
 * @param allergies recorded allergies and intolerances
 * @param medications medication list; null = not provided
 * @param session the session being evaluated; null = no session (e.g. a course review)
 * @param priorSessions earlier sessions of the course
 * @param vitals vital signs, any order
 * @param sedation MOAA/S observations
 * @param dissociation CADSS observations
 * @param experiences challenging experiences reported
 * @param assessments rating scales over time
 * @param therapy therapy, counselling, integration and support
 * @param plan what is scheduled next, optional
 * @since 0.1.0
 */
public record SessionContext(
        OffsetDateTime asOf,
        Patient patient,
        List<Condition> conditions,
        List<Allergy> allergies,
        MedicationList medications,
        Session session,
        List<PriorSession> priorSessions,
        List<VitalSigns> vitals,
        List<SedationScore> sedation,
        List<DissociationScore> dissociation,
        List<ChallengingExperience> experiences,
        List<Assessment> assessments,
        List<TherapyEngagement> therapy,
        CoursePlan plan) {

    public SessionContext {
        required("asOf", asOf);
        required("patient", patient);
        conditions = list("conditions", conditions);
        allergies = list("allergies", allergies);
        priorSessions = list("priorSessions", priorSessions);
        vitals = list("vitals", vitals);
        sedation = list("sedation", sedation);
        dissociation = list("dissociation", dissociation);
        experiences = list("experiences", experiences);
        assessments = list("assessments", assessments);
        therapy = list("therapy", therapy);

        Instant now = asOf.toInstant();
        LocalDate today = asOf.toLocalDate();
        if (patient.birthDate() != null && patient.birthDate().isAfter(today)) {
            throw new InvalidFactException(
                    "patient.birthDate", "must not be after asOf (" + today + "), was " + patient.birthDate());
        }
        if (patient.birthDate() != null
                && patient.ageYears() != null
                && !patient.ageYears().equals(patient.ageAt(today))) {
            throw new InvalidFactException(
                    "patient.ageYears",
                    "disagrees with birthDate (" + patient.ageAt(today) + " years at asOf), was " + patient.ageYears());
        }
        if (medications != null) {
            notAfter("medications.reconciledAt", medications.reconciledAt(), "asOf", now);
        }
        if (session != null) {
            notAfter("session.doseAt", session.doseAt(), "asOf", now);
            notAfter("session.dischargeRequestedAt", session.dischargeRequestedAt(), "asOf", now);
            notAfter("session.day.lastFoodAt", session.day().lastFoodAt(), "asOf", now);
            notAfter("session.day.lastFluidsAt", session.day().lastFluidsAt(), "asOf", now);
            notAfter(
                    "session.day.nasalSteroidOrDecongestantAt",
                    session.day().nasalSteroidOrDecongestantAt(),
                    "asOf",
                    now);
        }
        notAfterAsOf("priorSessions", priorSessions, PriorSession::at, now);
        notAfterAsOf("vitals", vitals, VitalSigns::at, now);
        notAfterAsOf("sedation", sedation, SedationScore::at, now);
        notAfterAsOf("dissociation", dissociation, DissociationScore::at, now);
        notAfterAsOf("experiences", experiences, ChallengingExperience::at, now);
        notAfterAsOf("assessments", assessments, Assessment::at, now);
        for (int i = 0; i < experiences.size(); i++) {
            notAfter("experiences[" + i + "].resolvedAt", experiences.get(i).resolvedAt(), "asOf", now);
        }
    }

    private static <T> void notAfterAsOf(String field, List<T> items, Function<T, Instant> at, Instant asOf) {
        for (int i = 0; i < items.size(); i++) {
            notAfter(field + "[" + i + "].at", at.apply(items.get(i)), "asOf", asOf);
        }
    }

    /** A context with only the mandatory parts; add the rest with {@link #toBuilder()}. */
    public static Builder builder(OffsetDateTime asOf, Patient patient) {
        return new Builder(asOf, patient);
    }

    /** A builder pre-filled with this context's values. */
    public Builder toBuilder() {
        return new Builder(asOf, patient)
                .conditions(conditions)
                .allergies(allergies)
                .medications(medications)
                .session(session)
                .priorSessions(priorSessions)
                .vitals(vitals)
                .sedation(sedation)
                .dissociation(dissociation)
                .experiences(experiences)
                .assessments(assessments)
                .therapy(therapy)
                .plan(plan);
    }

    /** The evaluation instant as an {@link Instant}. */
    public Instant asOfInstant() {
        return asOf.toInstant();
    }

    /** The clinic's local date at {@code asOf}. */
    public LocalDate asOfDate() {
        return asOf.toLocalDate();
    }

    /**
     * Builds a {@link SessionContext}; validation happens in {@link #build()}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private OffsetDateTime asOf;
        private Patient patient;
        private List<Condition> conditions = List.of();
        private List<Allergy> allergies = List.of();
        private MedicationList medications;
        private Session session;
        private List<PriorSession> priorSessions = List.of();
        private List<VitalSigns> vitals = List.of();
        private List<SedationScore> sedation = List.of();
        private List<DissociationScore> dissociation = List.of();
        private List<ChallengingExperience> experiences = List.of();
        private List<Assessment> assessments = List.of();
        private List<TherapyEngagement> therapy = List.of();
        private CoursePlan plan;

        private Builder(OffsetDateTime asOf, Patient patient) {
            this.asOf = asOf;
            this.patient = patient;
        }

        public Builder asOf(OffsetDateTime value) {
            this.asOf = value;
            return this;
        }

        public Builder patient(Patient value) {
            this.patient = value;
            return this;
        }

        public Builder conditions(List<Condition> value) {
            this.conditions = value;
            return this;
        }

        public Builder allergies(List<Allergy> value) {
            this.allergies = value;
            return this;
        }

        public Builder medications(MedicationList value) {
            this.medications = value;
            return this;
        }

        public Builder session(Session value) {
            this.session = value;
            return this;
        }

        public Builder priorSessions(List<PriorSession> value) {
            this.priorSessions = value;
            return this;
        }

        public Builder vitals(List<VitalSigns> value) {
            this.vitals = value;
            return this;
        }

        public Builder sedation(List<SedationScore> value) {
            this.sedation = value;
            return this;
        }

        public Builder dissociation(List<DissociationScore> value) {
            this.dissociation = value;
            return this;
        }

        public Builder experiences(List<ChallengingExperience> value) {
            this.experiences = value;
            return this;
        }

        public Builder assessments(List<Assessment> value) {
            this.assessments = value;
            return this;
        }

        public Builder therapy(List<TherapyEngagement> value) {
            this.therapy = value;
            return this;
        }

        public Builder plan(CoursePlan value) {
            this.plan = value;
            return this;
        }

        /** @throws InvalidFactException if the context is not valid */
        public SessionContext build() {
            return new SessionContext(
                    asOf,
                    patient,
                    conditions,
                    allergies,
                    medications,
                    session,
                    priorSessions,
                    vitals,
                    sedation,
                    dissociation,
                    experiences,
                    assessments,
                    therapy,
                    plan);
        }
    }
}
