package org.ketaminecds.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.ketaminecds.RuleSetException;

/**
 * Finds known phrases in free text on whole words, case-insensitively, longest phrase first ("Sudafed PE" before
 * "Sudafed"). Shared by the drug-class and condition tables. Immutable once built.
 */
final class PhraseIndex<T> {
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

    /**
     * A phrase found in a text: its value, and the normalised words of the whole text with the matched span
     * ({@code words[first..last]}).
     */
    record Match<T>(T value, String[] words, int first, int last) {
        /** The words of the text right after the match, at most {@code n}. */
        List<String> following(int n) {
            return Arrays.asList(words).subList(last + 1, Math.min(words.length, last + 1 + n));
        }
    }

    /** The values whose phrases occur in {@code text}, in order of appearance. */
    Set<T> find(String text) {
        Set<T> found = null;
        for (Match<T> m : scan(text, false)) {
            if (found == null) {
                found = new LinkedHashSet<>();
            }
            found.add(m.value());
        }
        return found == null ? Set.of() : found;
    }

    /** Every phrase found in {@code text}, left to right, the longest at each word, never overlapping. */
    List<Match<T>> matches(String text) {
        return scan(text, true);
    }

    /** The matches; with {@code words} false they carry no words (no split of the text: the fast path of find). */
    private List<Match<T>> scan(String text, boolean words) {
        if (text == null) {
            return List.of();
        }
        String normalised = normalise(text);
        if (normalised.isEmpty()) {
            return List.of();
        }
        // Word boundaries of the normalised text; phrases are looked up as substrings spanning whole words.
        int[] starts = new int[normalised.length() / 2 + 2];
        int[] ends = new int[starts.length];
        int count = 0;
        int i = 0;
        while (i < normalised.length()) {
            starts[count] = i;
            while (i < normalised.length() && normalised.charAt(i) != ' ') {
                i++;
            }
            ends[count++] = i;
            i++;
        }
        List<Match<T>> found = null;
        String[] split = null;
        int w = 0;
        while (w < count) {
            int matched = 0;
            for (int n = Math.min(MAX_WORDS, count - w); n >= 1 && matched == 0; n--) {
                T value = phrases.get(normalised.substring(starts[w], ends[w + n - 1]));
                if (value != null) {
                    if (found == null) {
                        found = new ArrayList<>(2);
                        split = words ? normalised.split(" ") : null;
                    }
                    found.add(new Match<>(value, split, w, w + n - 1));
                    matched = n;
                }
            }
            w += Math.max(1, matched);
        }
        return found == null ? List.of() : found;
    }

    /** Lower case, apostrophes dropped, every other run of non-alphanumerics one space, no outer spaces. */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\u2019') {
                continue;
            }
            char lower = Character.toLowerCase(c);
            if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                out.append(lower);
                space = false;
            } else {
                space = true;
            }
        }
        return out.toString();
    }
}
