package org.ketaminecds.knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.ketaminecds.fact.DoseUnit;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Session;

/**
 * A derived fact: today's esketamine dose, for the rules to compare with the label's doses. One device delivers 28 mg;
 * for treatment-resistant depression the US label starts at 56 mg on day 1 and continues at 56 or 84 mg, and the EU
 * label starts patients aged 65 and over at 28 mg; for depression with acute suicidal ideation the dose is 84 mg
 * twice weekly from day 1, or 56 mg if not tolerated (evidence E-ESK-DEVICE, E-ESK-SCHEDULE, E-ESK-ELDERLY-EU,
 * E-ESK-MDSI-DOSE). MNT-001 derives the values; MNT-002 decides {@code olderAdult} and MNT-003 to MNT-006 the
 * {@code mismatch}, each stating its comparison in its conditions (the fact is replaced by a copy with the verdict).
 *
 * @param session today's session (esketamine, with a dose)
 * @param mg the dose in mg, or null when it was recorded in another unit
 * @param ageYears the patient's age today, or null if not recorded
 * @param olderAdult whether the patient is old enough for the EU label's 28 mg start; set by MNT-002
 * @param mismatch how the dose does not fit the label, in words, or null; set by MNT-003 to MNT-006
 * @since 0.4.0
 */
public record EsketamineDose(Session session, Double mg, Integer ageYears, boolean olderAdult, String mismatch) {

    public EsketamineDose {
        Objects.requireNonNull(session, "session");
    }

    /** Today's esketamine dose; empty for another product or no dose recorded. */
    public static List<EsketamineDose> of(Session session, Patient patient, LocalDate today) {
        if (session.product() != Product.ESKETAMINE || session.dose() == null) {
            return List.of();
        }
        Double mg = session.dose().unit() == DoseUnit.MG
                ? Double.valueOf(session.dose().value())
                : null;
        return List.of(new EsketamineDose(session, mg, patient.ageAt(today), false, null));
    }

    /** The session's number in the course (1 = day 1). */
    public int sessionNumber() {
        return session.number();
    }

    /** Whether the course treats depression with acute suicidal ideation. */
    public boolean suicidalIdeation() {
        return session.suicidalIdeationIndication();
    }

    /** The dose as recorded, e.g. "70 mg". */
    public String dose() {
        return session.dose().toString();
    }

    /** The same dose with {@code olderAdult} set: for MNT-002, whose conditions decide it. */
    public EsketamineDose withOlderAdult() {
        return new EsketamineDose(session, mg, ageYears, true, mismatch);
    }

    /** The same dose with the mismatch in words: for MNT-003 to MNT-006, whose conditions decide it. */
    public EsketamineDose withMismatch(String words) {
        return new EsketamineDose(session, mg, ageYears, olderAdult, Objects.requireNonNull(words, "words"));
    }
}
