package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.atLeastOne;
import static org.ketaminecds.fact.Checks.range;
import static org.ketaminecds.fact.Checks.required;

import java.time.Instant;

/**
 * A dissociation observation: a 23-item CADSS total (each item 0-4, total 0 to 92), a clinician's judgement whether
 * dissociation has resolved, or both. The label asks for dissociation to have resolved before discharge, not for a
 * score (evidence E-ESK-DISSOCIATION, E-SCALE-CADSS).
 *
 * @param at when it was observed, required
 * @param cadss CADSS total, optional if {@code resolved} is given
 * @param resolved the clinician's judgement: dissociation has resolved (true) or not yet (false); optional if
 *     {@code cadss} is given. When both are given, this judgement decides and the score is shown with it.
 * @since 0.1.0
 */
public record DissociationScore(Instant at, Integer cadss, Boolean resolved) {
    public DissociationScore {
        required("at", at);
        atLeastOne("cadss, resolved", cadss, resolved);
        range("cadss", cadss, 0, 92, "");
    }

    /** A CADSS total only. */
    public DissociationScore(Instant at, int cadss) {
        this(at, cadss, null);
    }

    /** The observation in words: "CADSS 4 at ...", "dissociation resolved (clinical observation) at ...". */
    public String describe() {
        String judgement = resolved == null
                ? null
                : resolved
                        ? "dissociation resolved (clinical observation)"
                        : "dissociation not resolved (clinical observation)";
        String score = cadss == null ? null : "CADSS " + cadss;
        return (judgement == null ? score : score == null ? judgement : judgement + ", " + score) + " at " + at;
    }
}
