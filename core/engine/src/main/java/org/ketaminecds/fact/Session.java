package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.notAfter;
import static org.ketaminecds.fact.Checks.range;
import static org.ketaminecds.fact.Checks.required;

/**
 * The ketamine session being evaluated.
 *
 * @param number the session's number in the current course, 1 to 500
 * @param product racemic ketamine or esketamine, required
 * @param route route of administration, required
 * @param dose the dose planned or given, optional
 * @param phase induction, maintenance or booster; absent = not recorded (the rules then read an esketamine session by
 *     its week of treatment, weeks 1-4 induction, and a racemic-ketamine session as part of an induction series, and
 *     say so on their cards)
 * @param scheduledAt scheduled start, optional
 * @param doseAt when the dose was given (for esketamine: the first device); absent = not yet dosed
 * @param dischargeRequestedAt when discharge from monitoring was requested; absent = not requested
 * @param day session-day preparation and setting, optional
 * @param indication what the course treats, where the esketamine schedule differs; absent = not recorded (the
 *     treatment-resistant-depression schedule is assumed)
 * @since 0.1.0
 */
public record Session(
        @com.fasterxml.jackson.annotation.JsonProperty(required = true)
        int number,

        Product product,
        Route route,
        SessionDose dose,
        Phase phase,
        java.time.Instant scheduledAt,
        java.time.Instant doseAt,
        java.time.Instant dischargeRequestedAt,
        SessionDay day,
        Indication indication) {

    public Session {
        range("number", number, 1, 500, "");
        required("product", product);
        required("route", route);
        notAfter("doseAt", doseAt, "dischargeRequestedAt", dischargeRequestedAt);
        day = day == null ? new SessionDay(null, null, null, null, null, null, null) : day;
    }

    /** A session without a recorded indication. */
    public Session(
            int number,
            Product product,
            Route route,
            SessionDose dose,
            Phase phase,
            java.time.Instant scheduledAt,
            java.time.Instant doseAt,
            java.time.Instant dischargeRequestedAt,
            SessionDay day) {
        this(number, product, route, dose, phase, scheduledAt, doseAt, dischargeRequestedAt, day, null);
    }

    /** Whether the course treats depression with acute suicidal ideation or behaviour (the MDSI schedule). */
    public boolean suicidalIdeationIndication() {
        return indication == Indication.DEPRESSION_WITH_SUICIDAL_IDEATION;
    }
}
