package org.ketaminecds.cli;

import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.EvaluationStatus;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.cds.UncheckedMedication;

/** An evaluation as plain text for a clinician: the command line's output without {@code --json}. */
public final class TextReport {
    private TextReport() {}

    /**
     * The evaluation as plain text for a clinician.
     *
     * @param e the evaluation
     * @param provenance whether each card shows its full provenance line (else the rule, source and grade)
     * @return the text
     */
    public static String render(Evaluation e, boolean provenance) {
        StringBuilder text = new StringBuilder();
        text.append("Ketamine CDS ")
                .append(e.ruleSetVersion())
                .append(" · policy ")
                .append(e.policyName())
                .append(" · as of ")
                .append(e.asOf())
                .append('\n');
        if (e.status() == EvaluationStatus.INCOMPLETE) {
            text.append("\n!! EVALUATION INCOMPLETE: some checks could not run\n");
            for (NotEvaluated n : e.notEvaluated()) {
                text.append("   - ")
                        .append(n.check())
                        .append(": ")
                        .append(n.reason())
                        .append('\n');
            }
        }
        for (Indicator indicator : List.of(Indicator.CRITICAL, Indicator.WARNING, Indicator.INFO)) {
            List<Card> cards = e.cards(indicator);
            if (cards.isEmpty()) {
                continue;
            }
            text.append('\n')
                    .append(indicator.name())
                    .append(" (")
                    .append(cards.size())
                    .append(")\n");
            for (Card card : cards) {
                text.append("\n* ").append(card.summary()).append('\n');
                for (String line : plain(card.detail())) {
                    text.append("  ")
                            .append(provenance || !line.startsWith("Rule:") ? line : shortProvenance(card))
                            .append('\n');
                }
            }
        }
        if (e.cards().isEmpty()) {
            text.append('\n')
                    .append(
                            e.status() == EvaluationStatus.COMPLETE
                                    ? "No cards: every check ran and found nothing to report.\n"
                                    : "No cards from the checks that ran.\n");
        }
        if (!e.uncheckedMedications().isEmpty()) {
            text.append("\nNOT CHECKED for interactions (not recognised):\n");
            for (UncheckedMedication u : e.uncheckedMedications()) {
                text.append("  - ")
                        .append(u.entry())
                        .append(" (")
                        .append(u.reason())
                        .append(")\n");
            }
        }
        if (!e.suppressedRules().isEmpty()) {
            text.append("\nSwitched off by site policy: ")
                    .append(String.join(", ", e.suppressedRules()))
                    .append('\n');
        }
        return text.toString();
    }

    /** The clinician's provenance line: "Rule MED-013 · source: SPRAVATO US PI 7.1 · evidence H". */
    static String shortProvenance(Card card) {
        org.ketaminecds.cds.Explanation e = card.explanation();
        return "Rule " + e.ruleId() + (e.local() ? " (a local rule of this site)" : "") + " · source: " + e.source()
                + " · evidence " + e.confidence();
    }

    /** Markdown detail as indented plain lines: bold markers dropped, headings kept as labels. */
    private static List<String> plain(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean first = true;
        for (String line : markdown.split("\n")) {
            String l = line.replace("**", "").replaceAll("\\\\([\\\\`*_\\[\\]<>|~!#&{}@:.])", "$1");
            if (l.isBlank()) {
                continue;
            }
            lines.add(first && !l.startsWith("Why:") ? "What to do: " + l : l);
            first = false;
        }
        return lines;
    }
}
