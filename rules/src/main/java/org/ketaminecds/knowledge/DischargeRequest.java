package org.ketaminecds.knowledge;

import java.util.Objects;
import org.ketaminecds.fact.Product;

/**
 * A derived fact: the patient is asked to be discharged after a recorded dose; the discharge criteria (DIS-002 to
 * DIS-007) are judged against it.
 *
 * @param product the product given
 * @param minutesSinceDose whole minutes from the dose to {@code asOf}
 * @since 0.4.0
 */
public record DischargeRequest(Product product, long minutesSinceDose) {
    public DischargeRequest {
        Objects.requireNonNull(product, "product");
    }

    /**
     * Esketamine has the REMS criteria (monitoring time, blood pressure, a ride home).
     *
     * @return whether the product is esketamine
     */
    public boolean esketamine() {
        return product == Product.ESKETAMINE;
    }

    /**
     * The criteria the product's discharge is judged on (esketamine: all six; racemic ketamine: four).
     *
     * @return the criteria
     */
    public java.util.Set<DischargeCriterion.Criterion> expected() {
        return esketamine()
                ? java.util.EnumSet.allOf(DischargeCriterion.Criterion.class)
                : java.util.EnumSet.of(
                        DischargeCriterion.Criterion.SEDATION,
                        DischargeCriterion.Criterion.DISSOCIATION,
                        DischargeCriterion.Criterion.RESPIRATION,
                        DischargeCriterion.Criterion.ESCORT);
    }

    /**
     * The expected criteria no fact judges, in the criteria's order: empty with the bundled rules; not empty when a
     * knowledge base leaves out a rule a criterion depends on.
     *
     * @param criteria the judged criteria (Drools' {@code collect} result)
     * @return the criteria not judged
     */
    public java.util.List<DischargeCriterion.Criterion> notJudged(java.util.Collection<?> criteria) {
        java.util.Set<DischargeCriterion.Criterion> missing =
                java.util.EnumSet.noneOf(DischargeCriterion.Criterion.class);
        missing.addAll(expected());
        criteria.forEach(c -> missing.remove(((DischargeCriterion) c).criterion()));
        return java.util.List.copyOf(missing);
    }

    /**
     * "esketamine" or "racemic ketamine", as the cards name it.
     *
     * @return the product's name
     */
    public String productName() {
        return esketamine() ? "esketamine" : "racemic ketamine";
    }
}
