package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.list;
import static org.ketaminecds.fact.Checks.optionalText;
import static org.ketaminecds.fact.Checks.required;

import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the medication list, as the clinician or patient entered it. Give an RxNorm {@code code}, the
 * {@code text} as typed (brand names and strengths are fine: "Xanax 0.5mg tab"), or both; a product known only by
 * what it contains (a compounded troche, a combination described ingredient by ingredient, as pharmacies and EHRs
 * send them) gives its {@code ingredients} instead.
 *
 * @param code RxNorm coding (ingredient RXCUI recognised best), optional if {@code text} is given
 * @param text the entry as typed, optional if {@code code} is given
 * @param dose dose per administration, optional
 * @param frequency frequency as entered (e.g. "twice daily"), optional
 * @param status active, on hold or stopped; required
 * @param start start date, optional
 * @param end end date (the last day taken), optional; not before {@code start}
 * @param asNeeded taken as needed (PRN); absent = false
 * @param ingredients the product's ingredients, when the product is described by them; each is checked on its own
 * @since 0.1.0
 */
public record Medication(
        Coding code,
        String text,
        Quantity dose,
        String frequency,
        MedicationStatus status,
        LocalDate start,
        LocalDate end,
        Boolean asNeeded,
        List<ProductIngredient> ingredients) {

    public Medication {
        ingredients = list("ingredients", ingredients);
        if (code == null && text == null && ingredients.isEmpty()) {
            throw new InvalidFactException(
                    "code, text, ingredients", "at least one of them is required, all were missing");
        }
        optionalText("text", text);
        optionalText("frequency", frequency);
        required("status", status);
        asNeeded = asNeeded != null && asNeeded;
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidFactException("end", "must not be before start (" + start + "), was " + end);
        }
    }

    /** An entry named by its code or text (not by ingredients). */
    public Medication(
            Coding code,
            String text,
            Quantity dose,
            String frequency,
            MedicationStatus status,
            LocalDate start,
            LocalDate end,
            Boolean asNeeded) {
        this(code, text, dose, frequency, status, start, end, asNeeded, null);
    }

    /** An active entry known only by its text. */
    public static Medication active(String text) {
        return new Medication(null, text, null, null, MedicationStatus.ACTIVE, null, null, null);
    }

    /**
     * Whether the entry is current on {@code date}: not stopped, and its end date (if any) is not before
     * {@code date}. On-hold entries count as current because they may be resumed.
     */
    public boolean isCurrentOn(LocalDate date) {
        return status != MedicationStatus.STOPPED && (end == null || !end.isBefore(date));
    }

    /**
     * The record's usual text form ({@code Medication[code=..., text=..., ...]}), written out: on JDK 17 the generated
     * one goes through {@code String.format}, and the medication list is put in a canonical order by this text at
     * every evaluation (measured: 3% of an evaluation). {@code FactValidationTest} checks it against the generated form.
     */
    @Override
    public String toString() {
        return "Medication[code=" + code + ", text=" + text + ", dose=" + dose + ", frequency=" + frequency
                + ", status=" + status + ", start=" + start + ", end=" + end + ", asNeeded=" + asNeeded
                + ", ingredients=" + ingredients + "]";
    }

    /**
     * How the entry reads to a clinician: the text as entered, else the code's display, else its ingredients, else the
     * code.
     */
    public String label() {
        if (text != null) {
            return text;
        }
        if (code != null && code.display() != null) {
            return code.display();
        }
        if (!ingredients.isEmpty()) {
            return String.join(
                    " / ", ingredients.stream().map(ProductIngredient::label).toList());
        }
        return "RxNorm " + code.code();
    }
}
