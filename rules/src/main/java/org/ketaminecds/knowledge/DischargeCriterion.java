package org.ketaminecds.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A derived fact: one discharge criterion judged for a {@link DischargeRequest}, by its own classification rule.
 *
 * @param criterion which criterion
 * @param status how it stands
 * @param words the criterion and the values it was judged on, e.g. "sedation resolved (latest MOAA/S 5 at ...)"
 * @since 0.4.0
 */
public record DischargeCriterion(Criterion criterion, Status status, String words) {
    /** The criteria, in the order the cards list them. */
    public enum Criterion {
        /** Esketamine: at least the label's monitoring time since the dose. */
        MONITORING_TIME,
        /** Sedation resolved (MOAA/S back to alert). */
        SEDATION,
        /** Dissociation resolved. */
        DISSOCIATION,
        /** No respiratory depression (SpO2 and respiratory rate at or above the site's minimums). */
        RESPIRATION,
        /** Esketamine: blood pressure recovered (against the pre-dose reading and the thresholds). */
        BLOOD_PRESSURE,
        /** Esketamine: a ride home arranged; racemic ketamine: a responsible adult to go home with. */
        ESCORT;

        /**
         * The criterion in words, independent of the host's locale.
         *
         * @return e.g. "monitoring time"
         */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** How a criterion stands. */
    public enum Status {
        /** The recorded values meet it. */
        MET,
        /** Not met, and the recorded values make leaving unsafe now. */
        UNSAFE,
        /** Not met (not recorded after the dose, not arranged, or not yet), but nothing recorded makes leaving unsafe. */
        UNMET,
        /** Cannot be judged because its assessment is not recorded; a prompt, not a reason to keep the patient. */
        NOT_RECORDED;

        /**
         * Unmet, whether or not unsafe.
         *
         * @return whether the criterion is not met
         */
        public boolean unmet() {
            return this == UNSAFE || this == UNMET;
        }
    }

    private static final Comparator<DischargeCriterion> ORDER = Comparator.comparing(
                    (DischargeCriterion c) -> !c.status().unmet())
            .thenComparing(c -> c.status() != Status.NOT_RECORDED)
            .thenComparing(DischargeCriterion::criterion);

    public DischargeCriterion {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(words, "words");
    }

    /**
     * The card line: "NOT MET (unsafe now): ...", "NOT MET: ...", "NOT RECORDED: ..." or "met: ...".
     *
     * @return the line
     */
    public String line() {
        return switch (status) {
            case UNSAFE -> "NOT MET (unsafe now): " + words;
            case UNMET -> "NOT MET: " + words;
            case NOT_RECORDED -> "NOT RECORDED: " + words;
            case MET -> "met: " + words;
        };
    }

    /**
     * Every judged criterion of a collection (as Drools' {@code collect} gives them, in no set order) as card lines:
     * unmet first, then not recorded, then met, each group in the criteria's order.
     *
     * @param criteria {@code DischargeCriterion} facts
     * @return one line each
     */
    public static List<String> lines(Collection<?> criteria) {
        return sorted(criteria).stream().map(DischargeCriterion::line).toList();
    }

    /**
     * The words of the criteria with the given status, in the criteria's order.
     *
     * @param criteria {@code DischargeCriterion} facts
     * @param status the status wanted
     * @return the words of those with that status
     */
    public static List<String> words(Collection<?> criteria, Status status) {
        List<String> words = new ArrayList<>();
        for (DischargeCriterion c : sorted(criteria)) {
            if (c.status() == status) {
                words.add(c.words());
            }
        }
        return words;
    }

    /**
     * The card summary "Do not discharge yet: ..." naming the criteria that make leaving unsafe: their words when they
     * fit a CDS Hooks summary ("at least 120 minutes since the dose (119 minutes)"), else their names ("sedation, blood
     * pressure (unsafe now, see below)").
     *
     * @param criteria {@code DischargeCriterion} facts
     * @return the summary
     */
    public static String doNotDischargeSummary(Collection<?> criteria) {
        String prefix = "Do not discharge yet: ";
        String words = String.join("; ", words(criteria, Status.UNSAFE));
        if (prefix.length() + words.length() <= org.ketaminecds.cds.Card.MAX_SUMMARY) {
            return prefix + words;
        }
        List<String> names = new ArrayList<>();
        for (DischargeCriterion c : sorted(criteria)) {
            if (c.status() == Status.UNSAFE) {
                names.add(c.criterion().label());
            }
        }
        return prefix + String.join(", ", names) + " (unsafe now, see below)";
    }

    /**
     * How many criteria are unmet (whether or not unsafe).
     *
     * @param criteria {@code DischargeCriterion} facts
     * @return how many are unmet
     */
    public static long unmetCount(Collection<?> criteria) {
        return criteria.stream()
                .map(DischargeCriterion.class::cast)
                .filter(c -> c.status().unmet())
                .count();
    }

    /**
     * The unmet criteria by name, in the criteria's order: "blood pressure, escort".
     *
     * @param criteria the judged criteria (Drools' {@code collect} result)
     * @return their labels, comma-separated
     */
    public static String unmetLabels(Collection<?> criteria) {
        return criteria.stream()
                .map(DischargeCriterion.class::cast)
                .filter(c -> c.status().unmet())
                .map(DischargeCriterion::criterion)
                .sorted()
                .map(Criterion::label)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static List<DischargeCriterion> sorted(Collection<?> criteria) {
        return criteria.stream()
                .map(DischargeCriterion.class::cast)
                .sorted(ORDER)
                .toList();
    }
}
