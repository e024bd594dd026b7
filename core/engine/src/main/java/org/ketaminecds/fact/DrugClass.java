package org.ketaminecds.fact;

/**
 * Interaction classes of the drug-class table. Each class is one recommendation rule (or a pair, where the grade
 * depends on the route); the table's {@code kind} column names the subclass shown on cards (e.g. "Z-drug").
 *
 * @since 0.1.0
 */
public enum DrugClass {
    OPIOID("opioid"),
    BENZODIAZEPINE("benzodiazepine"),
    /** Z-drugs, gabapentinoids, sedating antihistamines, barbiturates, muscle relaxants, alcohol. */
    OTHER_CNS_DEPRESSANT("CNS depressant"),
    MAOI("MAO inhibitor"),
    PSYCHOSTIMULANT("psychostimulant"),
    /** Direct and indirect sympathomimetics, and vasopressin. */
    SYMPATHOMIMETIC("sympathomimetic"),
    THYROID_HORMONE("thyroid hormone"),
    /** Theophylline and aminophylline. */
    METHYLXANTHINE("methylxanthine"),
    /** Naltrexone. */
    OPIOID_ANTAGONIST("opioid antagonist"),
    /** Memantine, amantadine, dextromethorphan. */
    NMDA_ANTAGONIST("NMDA antagonist"),
    CYP3A4_INDUCER("CYP3A4 inducer"),
    /** CYP3A4 or CYP2B6 inhibitors. */
    CYP_INHIBITOR("CYP3A4/CYP2B6 inhibitor"),
    /**
     * A nasal corticosteroid or nasal decongestant: for esketamine it is given at least 1 hour before the dose. Rows
     * with other forms (fluticasone, phenylephrine) carry it as {@code NASAL_PRODUCT(if-nasal)}: only an entry whose
     * text says it is used in the nose counts.
     */
    NASAL_PRODUCT("nasal corticosteroid or decongestant"),
    /** Recognised and checked; the evidence shows no interaction needing action (e.g. lamotrigine, SSRIs). */
    NO_ACTION("no action needed"),
    /** Ketamine or esketamine itself. */
    KETAMINE("ketamine");

    private final String label;

    DrugClass(String label) {
        this.label = label;
    }

    /** Plain-words class name for cards. */
    public String label() {
        return label;
    }
}
