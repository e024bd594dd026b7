package org.ketaminecds.cds;

import java.util.List;
import java.util.Objects;

/**
 * Why a card exists: the rule that fired, the guidance it encodes, the evidence behind it, the facts that
 * triggered it and the rule-set version. Sent in the card's {@code extension} under
 * {@value #EXTENSION_KEY}, and written out in plain words at the end of the card's detail.
 *
 * @param ruleId stable rule id, e.g. {@code MED-011}
 * @param ruleName the rule's full name
 * @param guidanceIds ids of the statements in the guidance catalogue ({@code seeds/}) the rule encodes
 * @param evidenceIds rows of the Ketamine CDS evidence table ({@code seeds/evidence.yaml}) the rule relies on; may be
 *     empty for a site's own rules
 * @param source the external source (label, section)
 * @param confidence the evidence grade of the source for this fact (H, M, L) as the clinical reference gives it
 * @param facts the patient facts that triggered the rule, in words (e.g. "lorazepam 1 mg, active")
 * @param ruleSetVersion version of the rule set that produced the card
 * @param policy the site policy in force (its name)
 * @param indicatorNote when the card is not shown at the rule's default indicator (graded down by the rule, or changed
 *     by the site policy): what and why; else null
 * @param local whether the rule is the site's own, not one of the Ketamine CDS rules
 * @since 0.1.0
 */
public record Explanation(
        String ruleId,
        String ruleName,
        List<String> guidanceIds,
        List<String> evidenceIds,
        String source,
        String confidence,
        List<String> facts,
        String ruleSetVersion,
        String policy,
        String indicatorNote,
        boolean local) {

    /** The key of the card extension that carries this explanation. */
    public static final String EXTENSION_KEY = "org.ketaminecds.explanation";

    public Explanation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleName, "ruleName");
        guidanceIds = List.copyOf(guidanceIds);
        evidenceIds = List.copyOf(evidenceIds);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(confidence, "confidence");
        facts = List.copyOf(facts);
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        Objects.requireNonNull(policy, "policy");
    }
}
