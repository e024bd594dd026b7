package org.ketaminecds.spi;

import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.Product;

/**
 * How the rules artifact recognises medicines, for readers that turn outside data into facts (the FHIR reader
 * decides which order is the ketamine session and reports a draft order it cannot recognise). The vocabulary
 * itself, with its tables, lives in the rules artifact so that its version identifies it.
 *
 * @since 0.3.0
 */
public interface MedicationVocabulary {
    /** Whether at least one ingredient of this medication is recognised (by verified code or by name). */
    boolean recognises(Medication medication);

    /** The ketamine product this medication is, or null if it contains neither esketamine nor racemic ketamine. */
    Product ketamineProduct(Medication medication);
}
