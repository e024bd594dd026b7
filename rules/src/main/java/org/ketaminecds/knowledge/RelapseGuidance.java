package org.ketaminecds.knowledge;

import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.Product;

/**
 * The words of the relapse cards (rules TRJ-060 to TRJ-063): the state that was reached, the relapse definition per
 * instrument and the next step per product, each from its own source (an IV series' relapse time is never quoted for
 * esketamine). Wording only: the rules decide when relapse applies.
 *
 * @since 0.5.0
 */
public final class RelapseGuidance {
    private RelapseGuidance() {}

    /**
     * The better state the course reached: "remission" when its best total is within remission, else "response".
     *
     * @param t the trajectory
     * @return the state in words
     */
    public static String reachedState(InstrumentTrajectory t) {
        return t.remissionMax() != null && t.best() <= t.remissionMax() ? "remission" : "response";
    }

    /**
     * The relapse definition for the instrument, with its source (E-TRJ-RELAPSE-MADRS, E-TRJ-RELAPSE-QIDS,
     * E-POL-PHQ9-RELAPSE).
     *
     * @param t the trajectory
     * @return one or two sentences
     */
    public static String relapseDefinition(InstrumentTrajectory t) {
        String level = t.label() + " " + t.relapseMin() + " or more";
        return t.instrument() == Instrument.MADRS
                ? "After response or remission, SUSTAIN-1 counted " + level
                        + " on two consecutive assessments 5-15 days " + "apart as relapse."
                : t.instrument() == Instrument.QIDS_SR16
                        ? "After remission, STAR*D counted " + level + " as relapse; confirmed here on two consecutive "
                                + "assessments, as SUSTAIN-1 did for MADRS."
                        : "No source defines relapse on the PHQ-9; this site counts " + level + " on two consecutive "
                                + "assessments after response or remission (local policy), as SUSTAIN-1 did for MADRS.";
    }

    /**
     * What to do about a relapse, for the course's product.
     *
     * @param p where the course stands, or null if it cannot be placed
     * @return the step in words
     */
    public static String relapseStep(CourseProgress p) {
        if (p != null && p.product() == Product.ESKETAMINE) {
            return "Return to the previous, more frequent esketamine schedule (e.g. from every 2 weeks to weekly, or from "
                    + "weekly to twice weekly) and rate at each session; if esketamine was stopped, consider re-induction.";
        }
        if (p != null && p.product() == Product.RACEMIC_KETAMINE) {
            return "Consider a booster infusion or a repeat series (re-induction), decided case by case, and rate again "
                    + "within days.";
        }
        return "Review the schedule with the prescriber: a more frequent schedule or re-induction, and rate again within "
                + "days.";
    }

    /**
     * The product's own relapse evidence.
     *
     * @param p where the course stands, or null
     * @return one sentence, or empty
     */
    public static String relapseEvidence(CourseProgress p) {
        if (p != null && p.product() == Product.ESKETAMINE) {
            return "Continuing esketamine halved relapse in stable remitters (SUSTAIN-1); after missed maintenance with "
                    + "worsening the guidance is to return to the previous schedule, and patients who relapsed after "
                    + "stopping benefited from re-induction.";
        }
        if (p != null && p.product() == Product.RACEMIC_KETAMINE) {
            return "After an IV series responders relapsed after a median of 18 days (Murrough 2013); evidence for "
                    + "boosters is limited (CANMAT level 3), so they are decided case by case.";
        }
        return "";
    }

    /**
     * A sentence with its first letter in lower case, to follow "then".
     *
     * @param sentence the sentence
     * @return it, lower-cased first
     */
    public static String lowerFirst(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /**
     * A suicidality rating in words: "PHQ-9 item 9 = 1 at 2026-04-20T14:00:00Z".
     *
     * @param signal the rating that signals suicidality
     * @return the words
     */
    public static String signal(SuicidalitySignal signal) {
        org.ketaminecds.fact.Assessment a = signal.assessment();
        String what = a.phq9Item9() != null
                ? "PHQ-9 item 9 = " + a.phq9Item9()
                : a.madrsItem10() != null
                        ? "MADRS item 10 = " + a.madrsItem10()
                        : a.instrument().label()
                                + (a.riskLevel() == null
                                        ? ""
                                        : " risk " + a.riskLevel().name().toLowerCase(java.util.Locale.ROOT));
        return what + " at " + a.at();
    }
}
