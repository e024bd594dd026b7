package org.ketaminecds.fact;

/**
 * Code system URIs understood by the rules (the FHIR canonical URIs).
 *
 * @since 0.1.0
 */
public final class CodeSystems {
    /** RxNorm, for medications (ingredient RXCUIs). */
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    /** SNOMED CT, for conditions and findings. */
    public static final String SNOMED_CT = "http://snomed.info/sct";
    /** ICD-10-CM, for conditions. */
    public static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    /** WHO ICD-10, for conditions. */
    public static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";
    /** LOINC, for observations and assessment instruments. */
    public static final String LOINC = "http://loinc.org";

    private CodeSystems() {}
}
