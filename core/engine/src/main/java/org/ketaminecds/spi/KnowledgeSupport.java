package org.ketaminecds.spi;

import java.util.List;
import java.util.Objects;
import org.ketaminecds.policy.SitePolicy;

/**
 * What a rules artifact gives the engine besides its rules: the reference facts every session needs (the
 * drug-class and condition tables with a site's local entries) and the medication vocabulary readers use. The
 * rules artifact registers one implementation under {@code META-INF/services}; the engine finds it with
 * {@link java.util.ServiceLoader} in the class loader that holds the rules, so that the clinical tables, their parsers and their thresholds are versioned with
 * the rules and never with this library.
 *
 * @since 0.3.0
 */
public interface KnowledgeSupport {
    /**
     * Prepares the support for one site policy (its local drugs and conditions join the bundled tables). Called once
     * per engine; the result is shared by every evaluation of that engine and must be immutable.
     *
     * @throws org.ketaminecds.fact.InvalidFactException if a local entry of the policy is not valid
     */
    Prepared prepare(SitePolicy policy);

    /**
     * @param referenceFacts facts inserted into every rule session (the tables), in this order
     * @param medications the vocabulary that recognises medicines, local drugs included
     */
    record Prepared(List<Object> referenceFacts, MedicationVocabulary medications) {
        public Prepared {
            referenceFacts = List.copyOf(referenceFacts);
            Objects.requireNonNull(medications, "medications");
        }
    }
}
