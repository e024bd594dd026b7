package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Session;
import org.ketaminecds.fact.SessionDay;
import org.ketaminecds.fact.SessionDose;
import org.ketaminecds.fhir.ObservationCodes.Reads;
import org.ketaminecds.fhir.RecordDraft.Administration;

/**
 * The course's sessions as the record gives them. Administrations of one product that the record puts in one visit
 * are one session, their doses added: the same encounter, or, where the administrations name none, the same day
 * (esketamine is given as two or three devices minutes apart). Today's session is the one dosed on {@code asOf}'s
 * date, else the ketamine order being placed, else the proposed appointment; earlier sessions are the prior ones.
 * The phase is what the record says, or unknown (the rules derive it from the course). Stateless.
 */
final class SessionAssembler {
    /** Today's session (or null) and the earlier ones, in time order. */
    record Sessions(Session session, List<PriorSession> priorSessions) {}

    private SessionAssembler() {}

    static Sessions assemble(ReadContext read, JsonNode proposedAppointments) {
        RecordDraft draft = read.draft;
        List<Administration> visits = visits(draft.administrations, read);
        Instant proposed = earliestStart(proposedAppointments, read);
        LocalDate today = read.asOf.toLocalDate();
        Instant now = read.asOf.toInstant();
        Administration current = null;
        if (proposed == null) {
            for (Administration a : visits) {
                if (day(a.at(), read).equals(today) && !a.at().isAfter(now)) {
                    current = a;
                }
            }
        }
        List<PriorSession> prior = new ArrayList<>(draft.missed);
        for (Administration a : visits) {
            if (a != current && a.at().isBefore(now)) {
                prior.add(new PriorSession(a.at(), Attendance.COMPLETED, a.product(), a.route(), a.dose(), a.phase()));
            }
        }
        prior.sort(Comparator.comparing(PriorSession::at));
        Administration dosedToday = current;
        long completedBefore = visits.stream()
                .filter(a -> a != dosedToday && a.at().isBefore(now))
                .count();
        Session session;
        if (proposed != null) {
            session = proposedSession(visits, completedBefore, proposed, read);
        } else if (current != null) {
            session = new Session(
                    (int) completedBefore + 1,
                    current.product(),
                    current.route(),
                    current.dose(),
                    current.phase(),
                    null,
                    current.at(),
                    dischargeRequested(draft),
                    day(draft));
        } else if (draft.order != null) {
            RecordDraft.Order order = draft.order;
            session = new Session(
                    (int) completedBefore + 1,
                    order.product(),
                    order.route(),
                    order.dose(),
                    order.phase(),
                    null,
                    null,
                    dischargeRequested(draft),
                    day(draft));
        } else {
            session = null;
            for (RecordDraft.Sourced<Object> fact : draft.day.values()) {
                read.report.issue(
                        fact.source(),
                        "a session-day observation, but no session today (no ketamine administration or order on "
                                + read.asOf.toLocalDate() + "): not used");
            }
        }
        return new Sessions(session, prior);
    }

    /** Administrations of one product in one visit (same encounter, else same day) as one, doses added. */
    private static List<Administration> visits(List<Administration> administrations, ReadContext read) {
        List<Administration> sorted = new ArrayList<>(administrations);
        sorted.sort(Comparator.comparing(Administration::at));
        List<Administration> visits = new ArrayList<>();
        for (Administration a : sorted) {
            Administration visit = null;
            for (Administration v : visits) {
                if (sameVisit(v, a, read)) {
                    visit = v;
                }
            }
            if (visit == null) {
                visits.add(a);
                continue;
            }
            SessionDose dose = visit.dose() == null
                            || a.dose() == null
                            || visit.dose().unit() != a.dose().unit()
                    ? null
                    : new SessionDose(
                            visit.dose().value() + a.dose().value(), a.dose().unit());
            read.report.issue(
                    a.label(),
                    dose == null && (visit.dose() != null || a.dose() != null)
                            ? "given in the same visit as " + visit.label()
                                    + " with a dose that cannot be added to it: the session's dose is not known"
                            : "given in the same visit as " + visit.label()
                                    + ": read as part of the same session, doses added");
            visits.set(
                    visits.indexOf(visit),
                    new Administration(
                            visit.at(),
                            visit.product(),
                            visit.route(),
                            dose,
                            visit.phase() != null ? visit.phase() : a.phase(),
                            visit.encounter(),
                            visit.label()));
        }
        return visits;
    }

    private static boolean sameVisit(Administration a, Administration b, ReadContext read) {
        if (a.product() != b.product()) {
            return false;
        }
        if (a.encounter() != null && b.encounter() != null) {
            return a.encounter().equals(b.encounter());
        }
        return day(a.at(), read).equals(day(b.at(), read));
    }

    private static LocalDate day(Instant at, ReadContext read) {
        return at.atOffset(read.offset).toLocalDate();
    }

    /** The proposed appointment as the session, continuing the latest administration's product, route and dose. */
    private static Session proposedSession(
            List<Administration> visits, long completedBefore, Instant start, ReadContext read) {
        Administration last = visits.stream()
                .filter(a -> a.at().isBefore(read.asOf.toInstant()))
                .reduce((a, b) -> b)
                .orElse(null);
        if (last == null) {
            read.report.issue(
                    "Appointment",
                    "proposed session without an earlier ketamine or esketamine administration: the product is unknown, so "
                            + "no session was formed");
            return null;
        }
        return new Session(
                (int) completedBefore + 1,
                last.product(),
                last.route(),
                last.dose(),
                last.phase(),
                start,
                null,
                null,
                new SessionDay(null, null, null, null, null, null, null));
    }

    /** The earliest start among the proposed appointments (a Bundle, an array or one), or null. */
    private static Instant earliestStart(JsonNode proposed, ReadContext read) {
        if (proposed == null || proposed.isNull()) {
            return null;
        }
        List<JsonNode> appointments = new ArrayList<>();
        if (proposed.path("resourceType").asText("").equals("Bundle")) {
            proposed.path("entry").forEach(e -> appointments.add(e.path("resource")));
        } else if (proposed.isArray()) {
            proposed.forEach(appointments::add);
        } else {
            appointments.add(proposed);
        }
        Instant earliest = null;
        for (JsonNode a : appointments) {
            if (a.hasNonNull("start")) {
                try {
                    Instant start = read.instant(a.get("start").asText());
                    earliest = earliest == null || start.isBefore(earliest) ? start : earliest;
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    // the caller validates proposed appointments; an unreadable one is not a session
                }
            }
        }
        return earliest;
    }

    private static Instant dischargeRequested(RecordDraft draft) {
        return (Instant) draft.dayValue(Reads.DISCHARGE_REQUESTED);
    }

    private static SessionDay day(RecordDraft draft) {
        return new SessionDay(
                (Instant) draft.dayValue(Reads.LAST_FOOD),
                (Instant) draft.dayValue(Reads.LAST_FLUIDS),
                (Instant) draft.dayValue(Reads.NASAL_PRODUCT),
                (Boolean) draft.dayValue(Reads.TRANSPORT_ARRANGED),
                (Boolean) draft.dayValue(Reads.RESPONSIBLE_ADULT),
                (Boolean) draft.dayValue(Reads.PRESCRIBER_ON_SITE),
                (Boolean) draft.dayValue(Reads.PULSE_OXIMETER_ON_SITE));
    }
}
