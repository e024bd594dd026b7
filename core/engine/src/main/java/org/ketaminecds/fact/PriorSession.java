package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.required;

import java.time.Instant;

/**
 * An earlier session of the course.
 *
 * @param at when it took place (or was scheduled, if missed), required
 * @param attendance completed, missed or cancelled; absent = completed
 * @param product product given, optional
 * @param route route, optional
 * @param dose dose given, optional
 * @param phase phase, optional
 * @since 0.1.0
 */
public record PriorSession(
        Instant at, Attendance attendance, Product product, Route route, SessionDose dose, Phase phase) {
    public PriorSession {
        required("at", at);
        attendance = attendance == null ? Attendance.COMPLETED : attendance;
    }
}
