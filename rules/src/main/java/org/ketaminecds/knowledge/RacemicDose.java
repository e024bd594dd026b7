package org.ketaminecds.knowledge;

import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.fact.DoseUnit;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Session;

/**
 * A derived fact: a racemic-ketamine dose in mg/kg, for MNT-014 to compare with the site's bounds of the studied IV
 * range (defaults 0.1-0.75 mg/kg; 0.5 mg/kg is standard, evidence E-KET-IV-DOSE) in its conditions.
 *
 * @param dose the session's dose as recorded
 * @param weightKg the patient's weight, or null if not recorded
 * @param mgPerKg the dose per kilogram, or null when it is in mg and no weight is recorded
 * @since 0.2.0
 */
public record RacemicDose(org.ketaminecds.fact.SessionDose dose, Double weightKg, Double mgPerKg) {

    /** The session's racemic dose in mg/kg; empty for another product or no dose. */
    public static List<RacemicDose> of(Session session, Patient patient) {
        if (session.product() != Product.RACEMIC_KETAMINE || session.dose() == null) {
            return List.of();
        }
        Double perKg = session.dose().unit() == DoseUnit.MG_PER_KG
                ? Double.valueOf(session.dose().value())
                : patient.weightKg() == null ? null : session.dose().value() / patient.weightKg();
        return List.of(new RacemicDose(session.dose(), patient.weightKg(), perKg));
    }

    /** The dose in words: "0.9 mg/kg", or "70 mg (1.0 mg/kg at 70 kg)". */
    public String describe() {
        if (dose.unit() == DoseUnit.MG_PER_KG || mgPerKg == null) {
            return dose.toString();
        }
        return dose + " (" + round(mgPerKg) + " mg/kg at " + round(weightKg) + " kg)";
    }

    /** The triggering facts in words. */
    public List<String> facts() {
        List<String> facts = new ArrayList<>();
        facts.add("dose " + describe());
        if (dose.unit() == DoseUnit.MG) {
            facts.add("body weight " + (weightKg == null ? "not recorded" : round(weightKg) + " kg"));
        }
        return facts;
    }

    private static final int DISPLAY_DECIMALS = 2; // not a clinical number: rounding for display

    private static String round(double value) {
        return java.math.BigDecimal.valueOf(value)
                .setScale(DISPLAY_DECIMALS, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
