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

    /** Esketamine has the REMS criteria (monitoring time, blood pressure, a ride home). */
    public boolean esketamine() {
        return product == Product.ESKETAMINE;
    }

    /** "esketamine" or "racemic ketamine", as the cards name it. */
    public String productName() {
        return esketamine() ? "esketamine" : "racemic ketamine";
    }
}
