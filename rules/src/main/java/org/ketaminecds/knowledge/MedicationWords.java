package org.ketaminecds.knowledge;

import java.util.Set;
import org.ketaminecds.fact.Medication;

/** The words, beside the drug-class table's names, that the medication reading gives a meaning to. */
final class MedicationWords {
    private MedicationWords() {}

    /** Words that say an entry is used in the nose (for {@code NASAL_PRODUCT(if-nasal)} rows). */
    static final Set<String> NASAL_WORDS = Set.of("nasal", "intranasal", "nose", "nostril", "nostrils", "nasally");

    /**
     * Words that, right after a single ingredient's name, say the product has more ingredients than that one ("Aleve
     * PM", "Advil Allergy Sinus", "Tylenol Cold + Flu"): the entry is checked for what was recognised and also listed
     * as not fully checked.
     */
    static final Set<String> COMBINATION_WORDS = Set.of(
            "pm",
            "d",
            "dm",
            "da",
            "cold",
            "sinus",
            "flu",
            "severe",
            "night",
            "nighttime",
            "nite",
            "sleep",
            "cough",
            "congestion",
            "plus",
            "max",
            "multisymptom");
    /**
     * Brand qualifiers that may stand between the name and a combination word ("Mucinex Fast-Max", "Advil Allergy
     * Sinus"); alone they say nothing ("Zyrtec Allergy" is cetirizine only).
     */
    static final Set<String> BRAND_QUALIFIERS = Set.of(
            "fast",
            "extra",
            "maximum",
            "childrens",
            "children",
            "infants",
            "junior",
            "liquid",
            "liquigels",
            "day",
            "daytime",
            "rapid",
            "quick",
            "allergy",
            "multi");

    /** Whether the entry's text or its code's display says it is used in the nose. */
    static boolean saysNasal(Medication m) {
        return hasNasalWord(m.text())
                || (m.code() != null && hasNasalWord(m.code().display()));
    }

    private static boolean hasNasalWord(String text) {
        if (text == null) {
            return false;
        }
        for (String word : PhraseIndex.normalise(text).split(" ")) {
            if (MedicationWords.NASAL_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
