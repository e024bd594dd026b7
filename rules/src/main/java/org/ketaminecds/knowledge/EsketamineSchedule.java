package org.ketaminecds.knowledge;

import java.util.List;
import org.ketaminecds.fact.DoseUnit;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Session;

/**
 * The esketamine label's doses: one device delivers 28 mg; for treatment-resistant depression the US label starts at
 * 56 mg on day 1 and continues at 56 or 84 mg, and the EU label starts patients aged 65 and over at 28 mg; for
 * depression with acute suicidal ideation the dose is 84 mg twice weekly from day 1, or 56 mg if not tolerated
 * (evidence E-ESK-DEVICE, E-ESK-SCHEDULE, E-ESK-ELDERLY-EU, E-ESK-MDSI-DOSE).
 *
 * @since 0.1.0
 */
public final class EsketamineSchedule {
    /** Milligrams per nasal-spray device (see {@link LabelThresholds#ESKETAMINE_DEVICE_MG}). */
    public static final int DEVICE_MG = LabelThresholds.ESKETAMINE_DEVICE_MG;

    private static final int LOW = LabelThresholds.ESKETAMINE_DOSE_56_MG;
    private static final int HIGH = LabelThresholds.ESKETAMINE_DOSE_84_MG;

    private EsketamineSchedule() {}

    /** What is wrong with the session's esketamine dose, in words; empty when it fits or is not recorded. */
    public static List<String> doseProblem(Session s, Patient patient, java.time.LocalDate today) {
        if (s.product() != Product.ESKETAMINE || s.dose() == null) {
            return List.of();
        }
        if (s.dose().unit() != DoseUnit.MG) {
            return List.of("esketamine is dosed in mg, not " + s.dose());
        }
        double mg = s.dose().value();
        if (s.suicidalIdeationIndication()) {
            return mg == HIGH || mg == LOW
                    ? List.of()
                    : List.of(
                            "dose " + s.dose() + " (84 mg twice weekly, or 56 mg if not tolerated, for depression with "
                                    + "acute suicidal ideation)");
        }
        Integer age = patient.ageAt(today);
        boolean older = age != null && age >= LabelThresholds.ESKETAMINE_OLDER_ADULT_AGE;
        if (s.number() == 1) {
            if (mg == LOW || (mg == DEVICE_MG && older)) {
                return List.of();
            }
            return List.of("day 1 dose " + s.dose()
                    + (older ? " (start: 28 mg at 65 and over, EU; 56 mg, US)" : " (start: 56 mg)"));
        }
        if (mg == LOW || mg == HIGH || (mg == DEVICE_MG && older)) {
            return List.of();
        }
        return List.of("dose " + s.dose() + " (56 or 84 mg" + (older ? "; 28 mg at 65 and over, EU" : "") + ")");
    }
}
