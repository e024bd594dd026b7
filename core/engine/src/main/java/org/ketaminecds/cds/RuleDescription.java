package org.ketaminecds.cds;

import java.util.List;
import java.util.Objects;

/**
 * A rule of the loaded rule set and its metadata, for catalogues, reviews and tests.
 *
 * @param id stable id, e.g. {@code MED-011}
 * @param name full DRL rule name (starts with the id)
 * @param packageName DRL package (the topic)
 * @param kind {@code classification} (derives facts) or {@code recommendation} (produces cards)
 * @param severity default indicator of a recommendation's cards; null for classification rules
 * @param guidanceIds guidance catalogue ids the rule encodes
 * @param evidenceIds ids of the rows of the evidence table ({@code seeds/evidence.yaml}) the rule relies on; may be
 *     empty for a site's own rules
 * @param source external source
 * @param confidence evidence grade of the source (H, M, L)
 * @param topic card topic code
 * @param local whether the rule is a site's own (its package is not under {@code org.ketaminecds.rules})
 * @param hooks the CDS Hooks whose services show this rule's cards (rule metadata {@code @hooks}); empty = the
 *     services whose topics include the rule's topic
 * @since 0.1.0
 */
public record RuleDescription(
        String id,
        String name,
        String packageName,
        String kind,
        Indicator severity,
        List<String> guidanceIds,
        List<String> evidenceIds,
        String source,
        String confidence,
        String topic,
        boolean local,
        List<String> hooks) {
    public RuleDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        guidanceIds = List.copyOf(guidanceIds);
        evidenceIds = List.copyOf(evidenceIds);
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
    }

    public boolean isRecommendation() {
        return "recommendation".equals(kind);
    }
}
