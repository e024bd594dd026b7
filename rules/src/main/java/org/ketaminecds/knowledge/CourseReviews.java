package org.ketaminecds.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.Condition;
import org.ketaminecds.fact.ConditionCategory;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.TherapyEngagement;

/**
 * The course-level derived facts of the trajectory and maintenance rules: where the course stands, the checks that
 * cannot run, and what may slow a response (the scores over time per instrument are {@link Trajectories}). From
 * {@code asOf} and recorded timestamps only.
 *
 * @since 0.1.0
 */
public final class CourseReviews {
    private CourseReviews() {}

    /**
     * Where the course stands: seen from today's session, or, without one (a review between sessions), from
     * {@code asOf} and the completed prior sessions. Empty when it cannot be placed; {@link #gaps} says why.
     */
    public static List<CourseProgress> progress(SessionContext c) {
        Instant start = SessionTimeline.courseStart(c);
        if (start == null) {
            return List.of();
        }
        PriorSession latest = latestCompleted(c);
        Product product = c.session() != null ? c.session().product() : latest.product();
        if (product == null) {
            return List.of();
        }
        int completed = 0;
        Instant last = null;
        List<Instant> missed = new ArrayList<>();
        Instant reference = c.session() != null ? SessionTimeline.doseTime(c) : c.asOfInstant();
        java.time.ZoneOffset offset = c.asOf().getOffset();
        LocalDate startDate = start.atOffset(offset).toLocalDate();
        long daysToReference =
                ChronoUnit.DAYS.between(startDate, reference.atOffset(offset).toLocalDate());
        LocalDate weekStart = startDate.plusDays(daysToReference / 7 * 7);
        int thisWeek = 0;
        java.util.Set<Instant> completedAt = new java.util.HashSet<>();
        for (PriorSession s : c.priorSessions()) {
            if (s.attendance() == Attendance.COMPLETED) {
                if (!completedAt.add(s.at())) {
                    continue; // the same session entered twice
                }
                completed++;
                if (last == null || s.at().isAfter(last)) {
                    last = s.at();
                }
                if (!s.at().atOffset(offset).toLocalDate().isBefore(weekStart) && s.at().isBefore(reference)) {
                    thisWeek++;
                }
            } else {
                missed.add(s.at());
            }
        }
        missed.sort(Comparator.naturalOrder());
        if (c.session() != null) {
            if (c.session().doseAt() != null) {
                completed++;
                if (last == null || c.session().doseAt().isAfter(last)) {
                    last = c.session().doseAt();
                }
            }
            thisWeek++;
        }
        long days = ChronoUnit.DAYS.between(startDate, c.asOfDate());
        int week = (int) (daysToReference / 7) + 1;
        java.util.TreeSet<LocalDate> sessionDays = new java.util.TreeSet<>();
        completedAt.forEach(at -> sessionDays.add(at.atOffset(offset).toLocalDate()));
        int withToday = completed;
        if (c.session() != null) {
            sessionDays.add(reference.atOffset(offset).toLocalDate());
            withToday += c.session().doseAt() == null ? 1 : 0;
        }
        Long interval =
                currentInterval(sessionDays, c.plan() == null ? null : c.plan().nextSessionAt(), offset);
        long sinceLast = last == null
                ? -1
                : ChronoUnit.DAYS.between(last.atOffset(offset).toLocalDate(), c.asOfDate());
        boolean today = c.session() != null;
        return List.of(new CourseProgress(
                start,
                startDate,
                days,
                week,
                completed,
                product,
                today ? c.session().route() : latest.route(),
                today ? c.session().phase() : latest.phase(),
                last,
                missed,
                thisWeek,
                today,
                today ? c.session().indication() : null,
                sinceLast,
                false,
                withToday,
                interval));
    }

    /**
     * The interval the patient is on now, in days: to the next session when one is booked after the latest session day,
     * else the median of the (up to) three latest intervals between session days, so that one moved appointment does
     * not change the schedule; null before two session days and no booking.
     */
    private static Long currentInterval(
            java.util.TreeSet<LocalDate> sessionDays, Instant nextSessionAt, java.time.ZoneOffset offset) {
        if (sessionDays.isEmpty()) {
            return null;
        }
        if (nextSessionAt != null) {
            LocalDate next = nextSessionAt.atOffset(offset).toLocalDate();
            if (next.isAfter(sessionDays.last())) {
                return ChronoUnit.DAYS.between(sessionDays.last(), next);
            }
        }
        List<Long> intervals = new ArrayList<>();
        LocalDate later = null;
        for (LocalDate day : sessionDays.descendingSet()) {
            if (later != null) {
                intervals.add(ChronoUnit.DAYS.between(day, later));
            }
            later = day;
            if (intervals.size() == RECENT_INTERVALS) {
                break;
            }
        }
        if (intervals.isEmpty()) {
            return null;
        }
        intervals.sort(null);
        return intervals.get(intervals.size() / 2); // not a clinical number: the median's index
    }

    /** How many of the latest intervals between sessions make the current one (their median): not a clinical number. */
    private static final int RECENT_INTERVALS = 3; // not a clinical number: how many intervals make the median

    /**
     * The latest completed prior session, or null. Several entries at that same instant (the session entered twice)
     * are read as one: each detail (product, route, dose, phase) is the one value they record, or null when none
     * records it or they disagree; so the result never depends on the input order.
     */
    private static PriorSession latestCompleted(SessionContext c) {
        Instant latest = null;
        for (PriorSession s : c.priorSessions()) {
            if (s.attendance() == Attendance.COMPLETED && (latest == null || s.at().isAfter(latest))) {
                latest = s.at();
            }
        }
        if (latest == null) {
            return null;
        }
        Instant at = latest;
        List<PriorSession> same = c.priorSessions().stream()
                .filter(s -> s.attendance() == Attendance.COMPLETED && s.at().equals(at))
                .toList();
        return same.size() == 1
                ? same.get(0)
                : new PriorSession(
                        at,
                        Attendance.COMPLETED,
                        agreed(same, PriorSession::product),
                        agreed(same, PriorSession::route),
                        agreed(same, PriorSession::dose),
                        agreed(same, PriorSession::phase));
    }

    /** The one non-null value the entries record, or null if none does or they disagree. */
    private static <T> T agreed(List<PriorSession> entries, java.util.function.Function<PriorSession, T> detail) {
        java.util.Set<T> values = new java.util.HashSet<>();
        for (PriorSession s : entries) {
            T value = detail.apply(s);
            if (value != null) {
                values.add(value);
            }
        }
        return values.size() == 1 ? values.iterator().next() : null;
    }

    /**
     * The course checks that cannot run on this record, and why: the course cannot be placed (no session today and
     * no completed session, or a later session without the earlier ones), the product of the earlier sessions is not
     * recorded, no depression rating scale is recorded, or no suicide screen (PHQ-9 item 9 or C-SSRS) is recorded.
     */
    public static List<org.ketaminecds.cds.NotEvaluated> gaps(SessionContext c) {
        List<org.ketaminecds.cds.NotEvaluated> gaps = new ArrayList<>();
        if (SessionTimeline.courseStart(c) == null) {
            gaps.add(new org.ketaminecds.cds.NotEvaluated(
                    "course-progress",
                    c.session() == null
                            ? "no session today and no completed session recorded: where the course stands is unknown"
                            : "session " + c.session().number()
                                    + " of the course, but no earlier completed session is recorded: "
                                    + "the start of the course is unknown",
                    "trajectory",
                    "maintenance",
                    "therapy-integration"));
        } else if (c.session() == null && latestCompleted(c).product() == null) {
            gaps.add(new org.ketaminecds.cds.NotEvaluated(
                    "course-progress",
                    "no session today and the product of the latest session is not recorded (or recorded differently on "
                            + "duplicate entries): the schedule cannot be "
                            + "judged",
                    "trajectory",
                    "maintenance",
                    "therapy-integration"));
        }
        if (c.session() == null
                && SessionTimeline.courseStart(c) != null
                && latestCompleted(c).product() != null
                && latestCompleted(c).product() != Product.ESKETAMINE
                && latestCompleted(c).phase() == null) {
            // An esketamine phase the record does not give is derived from the label's weeks (TRJ-005, TRJ-006);
            // a racemic course has no label schedule to place it by.
            gaps.add(new org.ketaminecds.cds.NotEvaluated(
                    "maintenance-schedule",
                    "no session today and the phase (induction, maintenance) of the latest racemic ketamine session is not "
                            + "recorded (or recorded differently on duplicate entries)",
                    "maintenance",
                    "trajectory"));
        }
        if (c.assessments().stream().noneMatch(Trajectories::depressionRating)) {
            gaps.add(new org.ketaminecds.cds.NotEvaluated(
                    org.ketaminecds.cds.NotEvaluated.RESPONSE_TRAJECTORY,
                    "no depression rating (PHQ-9, MADRS or QIDS-SR16) is recorded",
                    "trajectory",
                    "maintenance"));
        }
        if (c.assessments().stream().noneMatch(a -> a.phq9Item9() != null || a.instrument() == Instrument.C_SSRS)) {
            gaps.add(new org.ketaminecds.cds.NotEvaluated(
                    org.ketaminecds.cds.NotEvaluated.SUICIDE_SCREEN,
                    "no suicide screen (PHQ-9 item 9 or C-SSRS) is recorded",
                    "suicidality"));
        }
        return gaps;
    }

    /** Calendar days from the last session to a planned follow-up, in the clinic's dates. */
    public static long daysAfter(Instant from, Instant to, SessionContext c) {
        return ChronoUnit.DAYS.between(
                from.atOffset(c.asOf().getOffset()).toLocalDate(),
                to.atOffset(c.asOf().getOffset()).toLocalDate());
    }

    /** The date a number of days after an instant, in the clinic's dates. */
    public static LocalDate dateAfter(Instant from, int days, SessionContext c) {
        return from.atOffset(c.asOf().getOffset()).toLocalDate().plusDays(days);
    }

    /**
     * The factors the seed article names for how quickly patients respond, as far as the record shows them:
     * severity, duration of depression, concurrent medicines and therapies, physical health.
     */
    public static List<String> responseFactors(
            SessionContext c, InstrumentTrajectory t, DrugTable drugs, ConditionTable conditions) {
        List<String> factors = new ArrayList<>();
        factors.add("severity at baseline: " + t.instrument().label() + " " + t.baseline() + " (" + band(t) + ")");
        for (Condition condition : c.conditions()) {
            if (conditions.categories(condition).contains(ConditionCategory.DEPRESSION) && condition.onset() != null) {
                long years = ChronoUnit.YEARS.between(condition.onset(), c.asOfDate());
                factors.add(
                        "duration: " + condition.label() + " since " + condition.onset() + " (" + years + " years)");
            }
        }
        if (c.medications() != null) {
            for (IngredientExposure e : drugs.exposures(c.medications(), c.asOfDate())) {
                if (e.drugClasses().contains(DrugClass.BENZODIAZEPINE)
                        || e.drugClasses().contains(DrugClass.OPIOID_ANTAGONIST)
                        || (e.drugClasses().contains(DrugClass.CYP3A4_INDUCER))) {
                    factors.add(
                            "concurrent medicine that may reduce the response: " + e.name() + " (" + e.kind() + ")");
                }
            }
        }
        List<String> therapies = new ArrayList<>();
        for (TherapyEngagement te : c.therapy()) {
            if (te.ongoing()) {
                therapies.add(
                        te.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        }
        factors.add("concurrent therapies: " + (therapies.isEmpty() ? "none recorded" : String.join(", ", therapies)));
        long physical = c.conditions().stream()
                .filter(x -> x.status().isCurrent())
                .filter(x -> !conditions.categories(x).contains(ConditionCategory.DEPRESSION))
                .count();
        factors.add("physical health: " + physical + " other current condition" + (physical == 1 ? "" : "s")
                + " on the problem list");
        return factors;
    }

    private static String band(InstrumentTrajectory t) {
        int b = t.baseline();
        return switch (t.instrument()) {
            case MADRS ->
                b >= CourseEvidence.MADRS_SEVERE
                        ? "severe"
                        : b >= CourseEvidence.MADRS_MODERATE
                                ? "moderate"
                                : b >= CourseEvidence.MADRS_MILD ? "mild" : "normal";
            case PHQ_9 ->
                b >= CourseEvidence.PHQ9_SEVERE
                        ? "severe"
                        : b >= CourseEvidence.PHQ9_MODERATELY_SEVERE
                                ? "moderately severe"
                                : b >= CourseEvidence.PHQ9_MODERATE
                                        ? "moderate"
                                        : b >= CourseEvidence.PHQ9_MILD ? "mild" : "minimal";
            case QIDS_SR16 ->
                b >= CourseEvidence.QIDS_VERY_SEVERE
                        ? "very severe"
                        : b >= CourseEvidence.QIDS_SEVERE
                                ? "severe"
                                : b >= CourseEvidence.QIDS_MODERATE
                                        ? "moderate"
                                        : b >= CourseEvidence.QIDS_MILD ? "mild" : "none";
            default -> "not banded";
        };
    }
}
