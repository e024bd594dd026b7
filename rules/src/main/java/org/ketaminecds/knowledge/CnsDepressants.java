package org.ketaminecds.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ketaminecds.fact.DrugClass;

/**
 * A derived fact: every CNS depressant on the current medication list (opioids, benzodiazepines and the other
 * depressants of the drug-class table), so that several of them give one combined card and the monitoring rules can
 * ask "is a depressant on board" in one pattern.
 *
 * @param exposures the depressant exposures, in list order; never empty
 * @since 0.2.0
 */
public record CnsDepressants(List<IngredientExposure> exposures) {
    private static final Set<DrugClass> DEPRESSANT_CLASSES =
            Set.of(DrugClass.OPIOID, DrugClass.BENZODIAZEPINE, DrugClass.OTHER_CNS_DEPRESSANT);

    public CnsDepressants {
        exposures = List.copyOf(exposures);
        if (exposures.isEmpty()) {
            throw new IllegalArgumentException("a CnsDepressants fact lists at least one depressant");
        }
    }

    /** Whether an exposure is a CNS depressant (by any of the depressant classes). */
    static boolean isDepressant(IngredientExposure e) {
        for (DrugClass c : e.drugClasses()) {
            if (DEPRESSANT_CLASSES.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an exposure is a depressant by a source's class, not by inference only. */
    static boolean isEstablished(IngredientExposure e) {
        // Loops, not streams, here and in isDepressant: run per exposure at every evaluation (measured: the stream was
        // 2% of an evaluation's allocation).
        for (DrugClass c : e.drugClasses()) {
            if (DEPRESSANT_CLASSES.contains(c) && !e.inferred(c)) {
                return true;
            }
        }
        return false;
    }

    /** How many depressants are on the list. */
    public int count() {
        return exposures.size();
    }

    /** How many of them are depressants by a source's class (not by inference only). */
    public int established() {
        return (int) exposures.stream().filter(CnsDepressants::isEstablished).count();
    }

    /** Whether a benzodiazepine is among them (its dose may also blunt the response). */
    public boolean anyBenzodiazepine() {
        return exposures.stream().anyMatch(e -> e.drugClasses().contains(DrugClass.BENZODIAZEPINE));
    }

    /** The depressants in words: "oxycodone (opioid), alprazolam (benzodiazepine), gabapentin (gabapentinoid)". */
    public String names() {
        List<String> names = new ArrayList<>();
        for (IngredientExposure e : exposures) {
            names.add(e.name() + " (" + e.kind() + (isEstablished(e) ? "" : ", by inference") + ")");
        }
        return String.join(", ", names);
    }

    /** The triggering entries in words, every entry of every depressant. */
    public List<String> facts() {
        List<String> facts = new ArrayList<>();
        exposures.forEach(e -> facts.addAll(e.facts()));
        return facts;
    }

    /** Why a card about these depressants is graded down, or null: none is a depressant by a source's class. */
    public String inferredOnly() {
        return established() > 0
                ? null
                : "sedation by " + (count() == 1 ? "this medicine" : "these medicines")
                        + " is inferred from pharmacology; no source names " + (count() == 1 ? "it" : "them")
                        + " with ketamine (evidence E-INT-GRADING)";
    }
}
