package org.ketaminecds.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.SitePolicy;
import org.ketaminecds.fact.ChallengingExperience;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Session;
import org.ketaminecds.fact.SessionContext;

/**
 * Judgements over several observations at once, for the challenging-experience and discharge rules. Computed from
 * {@code asOf} and recorded timestamps only; thresholds come from {@link LabelThresholds} and the site policy.
 *
 * @since 0.1.0
 */
public final class SessionReviews {
    private SessionReviews() {}

    /** The session's abnormal vital signs and sedation, in words (empty when all are within limits). */
    public static List<String> abnormalVitals(SessionContext c, SitePolicy p) {
        List<String> abnormal = new ArrayList<>();
        for (SessionObservations o : SessionTimeline.observations(c, p.preDoseBpWindowMinutes())) {
            if (o.minSpo2() != null && o.minSpo2() < p.spo2Minimum()) {
                abnormal.add("SpO2 " + o.minSpo2() + "% at " + o.minSpo2At());
            }
            if (o.minRespiratoryRate() != null && o.minRespiratoryRate() < p.respiratoryRateMinimum()) {
                abnormal.add("respiratory rate " + o.minRespiratoryRate() + "/min at " + o.minRespiratoryRateAt());
            }
            if (o.minMoaas() != null && o.minMoaas() <= p.sedationWarningMoaas()) {
                abnormal.add("MOAA/S " + o.minMoaas() + " at " + o.minMoaasAt());
            }
        }
        List<PreDoseBp> pre = SessionTimeline.preDoseBp(c, p.preDoseBpWindowMinutes());
        for (PostDoseBp post : SessionTimeline.postDoseBp(c, p.bpRecheckToleranceMinutes())) {
            if (post.maxSystolic() >= p.severeSystolic() || post.maxDiastolic() >= p.severeDiastolic()) {
                abnormal.add("blood pressure " + post.peak());
            } else if (!pre.isEmpty() && (post.maxSystolic() - pre.get(0).systolic() >= LabelThresholds.SYSTOLIC_RISE
                    || post.maxDiastolic() - pre.get(0).diastolic() >= LabelThresholds.DIASTOLIC_RISE)) {
                abnormal.add("blood pressure rise to " + post.peak() + " from " + pre.get(0).reading());
            }
        }
        return abnormal;
    }

    /** Each challenging experience judged against the expected pattern. */
    public static List<ExperienceReview> experiences(SessionContext c, SitePolicy p) {
        if (c.experiences().isEmpty()) {
            return List.of();
        }
        Instant courseStart = SessionTimeline.courseStart(c);
        List<String> abnormal = c.session() == null ? List.of() : abnormalVitals(c, p);
        List<ExperienceReview> reviews = new ArrayList<>();
        for (ChallengingExperience e : c.experiences()) {
            boolean early = courseStart != null
                    ? Duration.between(courseStart, e.at()).toDays() < LabelThresholds.EARLY_COURSE_DAYS
                    : c.session() != null && c.session().number() <= 2;
            boolean resolved = e.resolvedAt() != null;
            long minutes = Duration.between(e.at(), resolved ? e.resolvedAt() : c.asOfInstant()).toMinutes();
            boolean persisting = !resolved && minutes >= p.experiencePersistMinutes();
            List<String> concerns = new ArrayList<>();
            if (!early) {
                concerns.add(courseStart != null ? "after the first week of the course (started " + courseStart + ")"
                        : c.session() != null
                                ? "session " + c.session().number() + " with no earlier session dates recorded, so not known to be in the first week"
                                : "no session or earlier session dates recorded, so not known to be in the first week");
            }
            if (persisting) {
                concerns.add("unresolved for " + minutes + " minutes (site limit " + p.experiencePersistMinutes() + ")");
            }
            if (!abnormal.isEmpty()) {
                concerns.add("with abnormal findings: " + String.join(", ", abnormal));
            }
            reviews.add(new ExperienceReview(e, e.at().atOffset(c.asOf().getOffset()).toLocalDate(), early, resolved,
                    minutes, persisting, concerns));
        }
        return reviews;
    }

    /** A discharge request checked against the criteria; empty without a request or a recorded dose. */
    public static List<DischargeReview> discharge(SessionContext c, SitePolicy p) {
        Session s = c.session();
        if (s == null || s.dischargeRequestedAt() == null || s.doseAt() == null) {
            return List.of();
        }
        boolean esketamine = s.product() == Product.ESKETAMINE;
        List<String> met = new ArrayList<>();
        List<String> unmet = new ArrayList<>();
        long minutes = Duration.between(s.doseAt(), c.asOfInstant()).toMinutes();
        SessionObservations o = SessionTimeline.observations(c, p.preDoseBpWindowMinutes()).get(0);
        Instant dose = s.doseAt();

        if (esketamine) {
            check(minutes >= LabelThresholds.ESKETAMINE_MONITORING_MINUTES,
                    "at least " + LabelThresholds.ESKETAMINE_MONITORING_MINUTES + " minutes since the dose (" + minutes + " minutes)",
                    met, unmet);
        }
        boolean sedationAfterDose = o.latestMoaasAt() != null && o.latestMoaasAt().isAfter(dose);
        check(sedationAfterDose && o.latestMoaas() == LabelThresholds.MOAAS_ALERT,
                sedationAfterDose ? "sedation resolved (latest MOAA/S " + o.latestMoaas() + " at " + o.latestMoaasAt() + "; needs 5)"
                        : "sedation resolved (no MOAA/S recorded after the dose)", met, unmet);
        int cadssLimit = o.preDoseCadss() == null ? 0 : o.preDoseCadss();
        check(o.latestCadss() != null && o.latestCadss() <= cadssLimit,
                o.latestCadss() == null ? "dissociation resolved (no CADSS recorded after the dose)"
                        : "dissociation resolved (latest CADSS " + o.latestCadss() + " at " + o.latestCadssAt()
                                + "; needs " + (o.preDoseCadss() == null ? "0" : cadssLimit + " (the pre-dose value) or less") + ")",
                met, unmet);
        boolean spo2AfterDose = o.latestSpo2At() != null && o.latestSpo2At().isAfter(dose);
        boolean rrOk = o.latestRespiratoryRate() == null || o.latestRespiratoryRate() >= p.respiratoryRateMinimum();
        check(spo2AfterDose && o.latestSpo2() >= p.spo2Minimum() && rrOk,
                !spo2AfterDose ? "no respiratory depression (no SpO2 recorded after the dose)"
                        : "no respiratory depression (latest SpO2 " + o.latestSpo2() + "%"
                                + (o.latestRespiratoryRate() == null ? "" : ", respiratory rate " + o.latestRespiratoryRate() + "/min")
                                + "; site minimum SpO2 " + p.spo2Minimum() + "%, respiratory rate " + p.respiratoryRateMinimum() + "/min)",
                met, unmet);
        if (esketamine) {
            List<PostDoseBp> post = SessionTimeline.postDoseBp(c, p.bpRecheckToleranceMinutes());
            List<PreDoseBp> pre = SessionTimeline.preDoseBp(c, p.preDoseBpWindowMinutes());
            if (post.isEmpty()) {
                unmet.add("blood pressure falling or stable (no blood pressure recorded after the dose)");
            } else {
                PostDoseBp b = post.get(0);
                boolean notSevere = b.latestSystolic() < p.severeSystolic() && b.latestDiastolic() < p.severeDiastolic();
                boolean falling = b.previousSystolic() != null
                        && b.latestSystolic() <= b.previousSystolic() && b.latestDiastolic() <= b.previousDiastolic();
                boolean withinRise = !pre.isEmpty()
                        && b.latestSystolic() - pre.get(0).systolic() < LabelThresholds.SYSTOLIC_RISE
                        && b.latestDiastolic() - pre.get(0).diastolic() < LabelThresholds.DIASTOLIC_RISE;
                check(notSevere && (falling || withinRise),
                        "blood pressure falling or stable (latest " + b.latest()
                                + (b.previousSystolic() == null ? "" : ", previous " + b.previousSystolic() + "/" + b.previousDiastolic())
                                + (pre.isEmpty() ? ", no pre-dose reading" : ", pre-dose " + pre.get(0).systolic() + "/" + pre.get(0).diastolic()) + ")",
                        met, unmet);
            }
            check(Boolean.TRUE.equals(s.day().transportArranged()),
                    "a ride home arranged (no driving until the next day after restful sleep)"
                            + (s.day().transportArranged() == null ? ": not recorded" : ""), met, unmet);
        } else {
            check(Boolean.TRUE.equals(s.day().responsibleAdultPresent()),
                    "accompanied home by a responsible adult" + (s.day().responsibleAdultPresent() == null ? ": not recorded" : ""),
                    met, unmet);
        }
        return List.of(new DischargeReview(esketamine ? "esketamine" : "racemic ketamine", met, unmet));
    }

    private static void check(boolean ok, String criterion, List<String> met, List<String> unmet) {
        (ok ? met : unmet).add(criterion);
    }
}
