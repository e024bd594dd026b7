package org.ketaminecds.knowledge;

import org.ketaminecds.fact.Numbers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.policy.SitePolicy;
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
                abnormal.add("SpO2 " + Numbers.plain(o.minSpo2()) + "% at " + o.minSpo2At());
            }
            if (o.minRespiratoryRate() != null && o.minRespiratoryRate() < p.respiratoryRateMinimum()) {
                abnormal.add("respiratory rate " + Numbers.plain(o.minRespiratoryRate()) + "/min at " + o.minRespiratoryRateAt());
            }
            if (o.minMoaas() != null && o.minMoaas() <= p.sedationWarningMoaas()) {
                abnormal.add("MOAA/S " + o.minMoaas() + " at " + o.minMoaasAt());
            }
            if (o.minHeartRateAfterDose() != null && o.minHeartRateAfterDose() < p.heartRateMinimum()) {
                abnormal.add("heart rate " + Numbers.plain(o.minHeartRateAfterDose()) + "/min at " + o.minHeartRateAfterDoseAt());
            }
            if (o.maxHeartRateAfterDose() != null && o.maxHeartRateAfterDose() >= p.heartRateMaximum()) {
                abnormal.add("heart rate " + Numbers.plain(o.maxHeartRateAfterDose()) + "/min at " + o.maxHeartRateAfterDoseAt());
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

    /**
     * Each challenging experience judged against the expected pattern: mild or moderate, resolving within the site's
     * limit, with normal vital signs, at any point of the course (effects are most frequent in week 1 but stay common
     * later, evidence E-ESK-AE-TIMECOURSE). Severity, agitation, psychotic symptoms and suicidal thoughts have rules of
     * their own.
     */
    public static List<ExperienceReview> experiences(SessionContext c, SitePolicy p) {
        if (c.experiences().isEmpty()) {
            return List.of();
        }
        Instant courseStart = SessionTimeline.courseStart(c);
        List<String> abnormal = c.session() == null ? List.of() : abnormalVitals(c, p);
        List<ExperienceReview> reviews = new ArrayList<>();
        for (ChallengingExperience e : c.experiences()) {
            boolean early = courseStart != null
                    && Duration.between(courseStart, e.at()).toDays() < CourseEvidence.ADVERSE_EVENTS_PEAK_DAYS;
            boolean resolved = e.resolvedAt() != null;
            long minutes = Duration.between(e.at(), resolved ? e.resolvedAt() : c.asOfInstant()).toMinutes();
            boolean persisting = !resolved && minutes >= p.experiencePersistMinutes();
            List<String> concerns = new ArrayList<>();
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

    /**
     * A discharge request checked against the criteria; empty without a request or a recorded dose. A criterion the
     * record cannot judge because an assessment is missing is listed as not recorded where the label does not ask for
     * that instrument (dissociation); otherwise it is unmet.
     */
    public static List<DischargeReview> discharge(SessionContext c, SitePolicy p) {
        Session s = c.session();
        if (s == null || s.dischargeRequestedAt() == null || s.doseAt() == null) {
            return List.of();
        }
        boolean esketamine = s.product() == Product.ESKETAMINE;
        List<String> met = new ArrayList<>();
        List<String> unmet = new ArrayList<>();
        List<String> notRecorded = new ArrayList<>();
        List<String> unsafe = new ArrayList<>();
        long minutes = Duration.between(s.doseAt(), c.asOfInstant()).toMinutes();
        SessionObservations o = SessionTimeline.observations(c, p.preDoseBpWindowMinutes()).get(0);
        Instant dose = s.doseAt();

        if (esketamine) {
            String criterion = "at least " + LabelThresholds.ESKETAMINE_MONITORING_MINUTES + " minutes since the dose ("
                    + minutes + " minutes)";
            check(minutes >= LabelThresholds.ESKETAMINE_MONITORING_MINUTES, criterion, met, unmet);
            unsafeIf(minutes < LabelThresholds.ESKETAMINE_MONITORING_MINUTES, criterion, unsafe);
        }
        boolean sedationAfterDose = o.latestMoaasAt() != null && o.latestMoaasAt().isAfter(dose);
        String sedation = sedationAfterDose
                ? "sedation resolved (latest MOAA/S " + o.latestMoaas() + " at " + o.latestMoaasAt() + "; needs 5)"
                : "sedation resolved (no MOAA/S recorded after the dose)";
        check(sedationAfterDose && o.latestMoaas() == LabelThresholds.MOAAS_ALERT, sedation, met, unmet);
        unsafeIf(sedationAfterDose && o.latestMoaas() < LabelThresholds.MOAAS_ALERT, sedation, unsafe);
        dissociation(o, met, unmet, notRecorded, unsafe);
        boolean spo2AfterDose = o.latestSpo2At() != null && o.latestSpo2At().isAfter(dose);
        boolean rrOk = o.latestRespiratoryRate() == null || o.latestRespiratoryRate() >= p.respiratoryRateMinimum();
        String respiration = !spo2AfterDose ? "no respiratory depression (no SpO2 recorded after the dose)"
                : "no respiratory depression (latest SpO2 " + Numbers.plain(o.latestSpo2()) + "%"
                        + (o.latestRespiratoryRate() == null ? "" : ", respiratory rate " + Numbers.plain(o.latestRespiratoryRate()) + "/min")
                        + "; site minimum SpO2 " + p.spo2Minimum() + "%, respiratory rate " + p.respiratoryRateMinimum() + "/min)";
        check(spo2AfterDose && o.latestSpo2() >= p.spo2Minimum() && rrOk, respiration, met, unmet);
        unsafeIf(!rrOk || (spo2AfterDose && o.latestSpo2() < p.spo2Minimum()), respiration, unsafe);
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
                                + (b.previousSystolic() == null ? "" : ", previous " + Numbers.bp(b.previousSystolic(), b.previousDiastolic()))
                                + (pre.isEmpty() ? ", no pre-dose reading" : ", pre-dose " + pre.get(0).values()) + ")",
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
        return List.of(new DischargeReview(esketamine ? "esketamine" : "racemic ketamine", met, unmet, notRecorded, unsafe));
    }

    /**
     * Dissociation resolved: the latest observation after the dose is a clinician's "resolved", or a CADSS back to
     * the pre-dose value (or 0). Without any observation after the dose it is not an unmet criterion but a prompt to
     * assess and record it: the label asks for resolution, not for a research scale (E-ESK-DISSOCIATION).
     */
    private static void dissociation(SessionObservations o, List<String> met, List<String> unmet, List<String> notRecorded,
            List<String> unsafe) {
        org.ketaminecds.fact.DissociationScore d = o.latestDissociation();
        if (d == null) {
            notRecorded.add("dissociation resolved: not assessed since the dose (record a clinical judgement or a CADSS)");
            return;
        }
        if (d.resolved() != null) {
            String criterion = "dissociation resolved (" + d.describe() + ")";
            check(d.resolved(), criterion, met, unmet);
            unsafeIf(!d.resolved(), criterion, unsafe);
            return;
        }
        int limit = o.preDoseCadss() == null ? 0 : o.preDoseCadss();
        String criterion = "dissociation resolved (" + d.describe() + "; needs "
                + (o.preDoseCadss() == null ? "0" : limit + " (the pre-dose value) or less") + ")";
        check(d.cadss() <= limit, criterion, met, unmet);
        unsafeIf(d.cadss() > limit, criterion, unsafe);
    }

    private static void check(boolean ok, String criterion, List<String> met, List<String> unmet) {
        (ok ? met : unmet).add(criterion);
    }

    /** An unmet criterion whose recorded value makes leaving unsafe now (not merely unrecorded or unarranged). */
    private static void unsafeIf(boolean recordedUnsafe, String criterion, List<String> unsafe) {
        if (recordedUnsafe) {
            unsafe.add(criterion);
        }
    }
}
