package org.ketaminecds.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.DissociationScore;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.SedationScore;
import org.ketaminecds.fact.Session;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.VitalSigns;

/**
 * Time reasoning for the session-safety rules, from {@code asOf} and the recorded timestamps only. The methods
 * return lists (empty or one element) so rules can use them with {@code from}.
 *
 * @since 0.1.0
 */
public final class SessionTimeline {
    /** Time order; at the same time the higher reading counts as the later (conservative and order-independent). */
    private static final Comparator<VitalSigns> BP_LATEST_HIGHEST = Comparator.comparing(VitalSigns::at)
            .thenComparing(VitalSigns::systolic)
            .thenComparing(VitalSigns::diastolic);

    private SessionTimeline() {}

    /** Whether {@code a} is a lower minimum than {@code b}: lower value, or the same value earlier. */
    private static boolean lower(double a, Instant aAt, double b, Instant bAt) {
        return a < b || (a == b && aAt.isBefore(bAt));
    }

    /** Whether {@code a} is later than {@code b}: later time, or the same time with the lower (more cautious) value. */
    private static boolean later(Instant aAt, double a, Instant bAt, double b) {
        return aAt.isAfter(bAt) || (aAt.equals(bAt) && a < b);
    }

    /**
     * The dose time the checks refer to: the recorded dose time; before dosing, the scheduled time if it is still
     * ahead, else {@code asOf} (the dose is about to be given).
     */
    public static Instant doseTime(SessionContext c) {
        Session s = c.session();
        if (s.doseAt() != null) {
            return s.doseAt();
        }
        Instant now = c.asOfInstant();
        return s.scheduledAt() != null && s.scheduledAt().isAfter(now) ? s.scheduledAt() : now;
    }

    /** Where the session stands (values only; PRE-003 decides whether the dose is imminent); empty without a session. */
    public static List<DoseTiming> timing(SessionContext c) {
        if (c.session() == null) {
            return List.of();
        }
        Instant dose = doseTime(c);
        boolean dosed = c.session().doseAt() != null;
        long minutesToDose = Duration.between(c.asOfInstant(), dose).toMinutes();
        return List.of(new DoseTiming(dose, dosed, minutesToDose, false, minutesSinceDose(c)));
    }

    /** Whole minutes from the dose to {@code asOf} (0 or more), or -1 if not dosed. */
    public static long minutesSinceDose(SessionContext c) {
        Instant dose = c.session() == null ? null : c.session().doseAt();
        return dose == null ? -1 : Duration.between(dose, c.asOfInstant()).toMinutes();
    }

    /** The pre-dose blood pressure: latest reading at or before the dose time, within the window. */
    public static List<PreDoseBp> preDoseBp(SessionContext c, int windowMinutes) {
        if (c.session() == null) {
            return List.of();
        }
        Instant dose = doseTime(c);
        Instant from = dose.minus(Duration.ofMinutes(windowMinutes));
        VitalSigns best = null;
        for (VitalSigns v : c.vitals()) {
            if (v.hasBloodPressure()
                    && !v.at().isAfter(dose)
                    && !v.at().isBefore(from)
                    && (best == null || BP_LATEST_HIGHEST.compare(v, best) > 0)) {
                best = v;
            }
        }
        return best == null
                ? List.of()
                : List.of(new PreDoseBp(
                        best.at(),
                        best.systolic(),
                        best.diastolic(),
                        Duration.between(best.at(), dose).toMinutes()));
    }

    /** Blood pressures after the recorded dose, summarised; empty if not dosed or none taken. */
    public static List<PostDoseBp> postDoseBp(SessionContext c, int recheckToleranceMinutes) {
        if (c.session() == null || c.session().doseAt() == null) {
            return List.of();
        }
        Instant dose = c.session().doseAt();
        List<VitalSigns> after = new ArrayList<>();
        for (VitalSigns v : c.vitals()) {
            if (v.hasBloodPressure() && v.at().isAfter(dose)) {
                after.add(v);
            }
        }
        if (after.isEmpty()) {
            return List.of();
        }
        after.sort(BP_LATEST_HIGHEST);
        VitalSigns maxSys = after.get(0);
        VitalSigns maxDia = after.get(0);
        Instant recheckFrom =
                dose.plus(Duration.ofMinutes(LabelThresholds.BP_RECHECK_MINUTES - recheckToleranceMinutes));
        Instant recheck = null;
        for (VitalSigns v : after) {
            if (v.systolic() > maxSys.systolic()) {
                maxSys = v;
            }
            if (v.diastolic() > maxDia.diastolic()) {
                maxDia = v;
            }
            if (recheck == null && !v.at().isBefore(recheckFrom)) {
                recheck = v.at();
            }
        }
        int latestIndex = after.size() - 1;
        VitalSigns latest = after.get(latestIndex);
        VitalSigns previous = latestIndex > 0 ? after.get(latestIndex - 1) : null;
        return List.of(new PostDoseBp(
                after.size(),
                maxSys.systolic(),
                maxSys.at(),
                maxDia.diastolic(),
                maxDia.at(),
                latest.at(),
                latest.systolic(),
                latest.diastolic(),
                previous == null ? null : previous.systolic(),
                previous == null ? null : previous.diastolic(),
                recheck));
    }

    /** Lowest and latest SpO2, respiratory rate, MOAA/S and CADSS of the session; empty without a session. */
    public static List<SessionObservations> observations(SessionContext c, int preDoseWindowMinutes) {
        if (c.session() == null) {
            return List.of();
        }
        Instant dose = doseTime(c);
        Instant from = dose.minus(Duration.ofMinutes(preDoseWindowMinutes));
        VitalSigns minSpo2 = null, latestSpo2 = null, minRr = null, latestRr = null, minHr = null, maxHr = null;
        Instant doseAt = c.session().doseAt();
        for (VitalSigns v : c.vitals()) {
            if (v.at().isBefore(from)) {
                continue;
            }
            if (v.heartRate() != null && doseAt != null && v.at().isAfter(doseAt)) {
                if (minHr == null || lower(v.heartRate(), v.at(), minHr.heartRate(), minHr.at())) {
                    minHr = v;
                }
                if (maxHr == null || lower(-v.heartRate(), v.at(), -maxHr.heartRate(), maxHr.at())) {
                    maxHr = v;
                }
            }
            if (v.spo2() != null) {
                if (minSpo2 == null || lower(v.spo2(), v.at(), minSpo2.spo2(), minSpo2.at())) {
                    minSpo2 = v;
                }
                if (latestSpo2 == null || later(v.at(), v.spo2(), latestSpo2.at(), latestSpo2.spo2())) {
                    latestSpo2 = v;
                }
            }
            if (v.respiratoryRate() != null) {
                if (minRr == null || lower(v.respiratoryRate(), v.at(), minRr.respiratoryRate(), minRr.at())) {
                    minRr = v;
                }
                if (latestRr == null || later(v.at(), v.respiratoryRate(), latestRr.at(), latestRr.respiratoryRate())) {
                    latestRr = v;
                }
            }
        }
        SedationScore minS = null, latestS = null;
        for (SedationScore s : c.sedation()) {
            if (s.at().isBefore(from)) {
                continue;
            }
            if (minS == null || lower(s.moaas(), s.at(), minS.moaas(), minS.at())) {
                minS = s;
            }
            if (latestS == null || later(s.at(), s.moaas(), latestS.at(), latestS.moaas())) {
                latestS = s;
            }
        }
        DissociationScore latestD = null, preD = null;
        for (DissociationScore d : c.dissociation()) {
            if (d.at().isBefore(from)) {
                continue;
            }
            boolean beforeDose =
                    c.session().doseAt() != null && !d.at().isAfter(c.session().doseAt());
            if (beforeDose) {
                if (d.cadss() != null && (preD == null || later(d.at(), -d.cadss(), preD.at(), -preD.cadss()))) {
                    preD = d;
                }
            } else if (latestD == null
                    || d.at().isAfter(latestD.at())
                    || (d.at().equals(latestD.at()) && worse(d, latestD))) {
                latestD = d;
            }
        }
        return List.of(new SessionObservations(
                minSpo2 == null ? null : minSpo2.spo2(),
                minSpo2 == null ? null : minSpo2.at(),
                latestSpo2 == null ? null : latestSpo2.spo2(),
                latestSpo2 == null ? null : latestSpo2.at(),
                minRr == null ? null : minRr.respiratoryRate(),
                minRr == null ? null : minRr.at(),
                latestRr == null ? null : latestRr.respiratoryRate(),
                minS == null ? null : minS.moaas(),
                minS == null ? null : minS.at(),
                latestS == null ? null : latestS.moaas(),
                latestS == null ? null : latestS.at(),
                latestD,
                preD == null ? null : preD.cadss(),
                after(latestSpo2 == null ? null : latestSpo2.at(), c.session().doseAt()),
                after(latestS == null ? null : latestS.at(), c.session().doseAt()),
                minHr == null ? null : minHr.heartRate(),
                minHr == null ? null : minHr.at(),
                maxHr == null ? null : maxHr.heartRate(),
                maxHr == null ? null : maxHr.at()));
    }

    /** Sort order of an observation, least reassuring highest: not resolved, then a CADSS only, then resolved. */
    private static int reassurance(DissociationScore d) {
        return Boolean.FALSE.equals(d.resolved()) ? Integer.MAX_VALUE : d.resolved() == null ? 1 : 0;
    }

    /** Of two dissociation observations at the same time, the less reassuring counts (order-independent). */
    private static boolean worse(DissociationScore a, DissociationScore b) {
        int ra = reassurance(a);
        int rb = reassurance(b);
        if (ra != rb) {
            return ra > rb;
        }
        return (a.cadss() == null ? -1 : a.cadss()) > (b.cadss() == null ? -1 : b.cadss());
    }

    private static boolean after(Instant at, Instant dose) {
        return at != null && dose != null && at.isAfter(dose);
    }

    /**
     * The start of the course: the earliest completed prior session, else this session's dose or scheduled time when
     * it is the first, else null when it cannot be told (a later session without recorded prior sessions, or no
     * session today and none completed).
     */
    public static Instant courseStart(SessionContext c) {
        Instant first = null;
        for (PriorSession p : c.priorSessions()) {
            if (p.attendance() == Attendance.COMPLETED && (first == null || p.at().isBefore(first))) {
                first = p.at();
            }
        }
        if (first != null) {
            return first;
        }
        if (c.session() != null && c.session().number() == 1) {
            return doseTime(c);
        }
        return null;
    }
}
