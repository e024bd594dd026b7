package org.ketaminecds.knowledge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ketaminecds.RuleSetException;

/**
 * Finds known phrases in free text on whole words, case-insensitively, longest phrase first ("Sudafed PE" before
 * "Sudafed"). Shared by the drug-class and condition tables. Immutable once built.
 */
final class PhraseIndex<T> {
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");
    private static final int MAX_WORDS = 5;

    private final Map<String, T> phrases = new HashMap<>();
    private final Function<T, String> identity;

    /** @param identity what makes two values the same (a phrase may repeat for the same value, not for another) */
    PhraseIndex(Function<T, String> identity) {
        this.identity = identity;
    }

    /** Adds a phrase; the same phrase for two different values is an error in the table. */
    void add(String phrase, T value, String table) {
        String key = normalise(phrase);
        if (key.isEmpty() || key.split(" ").length > MAX_WORDS) {
            throw new RuleSetException(table + ": phrase '" + phrase + "' must have 1 to " + MAX_WORDS + " words");
        }
        T previous = phrases.putIfAbsent(key, value);
        if (previous != null && !identity.apply(previous).equals(identity.apply(value))) {
            throw new RuleSetException(table + ": '" + key + "' is listed for both " + identity.apply(previous)
                    + " and " + identity.apply(value));
        }
    }

    /** The values whose phrases occur in {@code text}, in order of appearance. */
    Set<T> find(String text) {
        Set<T> found = new LinkedHashSet<>();
        if (text == null) {
            return found;
        }
        String normalised = normalise(text);
        if (normalised.isEmpty()) {
            return found;
        }
        String[] words = normalised.split(" ");
        int i = 0;
        while (i < words.length) {
            int matched = 0;
            for (int n = Math.min(MAX_WORDS, words.length - i); n >= 1 && matched == 0; n--) {
                T value = phrases.get(String.join(" ", Arrays.copyOfRange(words, i, i + n)));
                if (value != null) {
                    found.add(value);
                    matched = n;
                }
            }
            i += Math.max(1, matched);
        }
        return found;
    }

    /** Lower case, apostrophes dropped, every other run of non-alphanumerics one space. */
    static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
        return NON_WORD.matcher(lower).replaceAll(" ").strip();
    }
}
