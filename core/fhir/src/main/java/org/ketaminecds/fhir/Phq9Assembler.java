package org.ketaminecds.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.InvalidFactException;

/**
 * One PHQ-9 per time from its parts, however they were sent (item Observations, a panel's components or members, a
 * QuestionnaireResponse, a total): all nine items (a total that disagrees is reported), else the total (with item 9
 * if sent: the shape most EHRs send, read without an issue), else item 9 alone (a suicide screen, not a score).
 * Anything less is reported, naming every resource its parts came from. Not thread-safe; one per read.
 */
final class Phq9Assembler {
    /** The parts of one PHQ-9: items in questionnaire order, the total, and the resources they came from. */
    private static final class Parts {
        final Integer[] items = new Integer[9];
        Integer total;
        final List<String> sources = new ArrayList<>();
    }

    private final Map<Instant, Parts> byTime = new TreeMap<>();

    /** An item score (index 0-8) at a time, from a resource. */
    void item(Instant at, int index, Integer score, String source) {
        Parts parts = parts(at, source);
        if (score != null) {
            parts.items[index] = score;
        }
    }

    /** A total at a time, from a resource. */
    void total(Instant at, Integer total, String source) {
        Parts parts = parts(at, source);
        if (total != null) {
            parts.total = total;
        }
    }

    private Parts parts(Instant at, String source) {
        Parts parts = byTime.computeIfAbsent(at, k -> new Parts());
        if (!parts.sources.contains(source)) {
            parts.sources.add(source);
        }
        return parts;
    }

    /** The assessments, one per time, with the resources they came from; what cannot be used is reported. */
    void finish(RecordDraft draft, Report report) {
        for (Map.Entry<Instant, Parts> e : byTime.entrySet()) {
            Parts parts = e.getValue();
            Instant at = e.getKey();
            String source = String.join(", ", parts.sources);
            long count = Arrays.stream(parts.items).filter(Objects::nonNull).count();
            Integer item9 = parts.items[8];
            try {
                if (count == 9) {
                    int sum = Arrays.stream(parts.items)
                            .mapToInt(Integer::intValue)
                            .sum();
                    if (parts.total != null && parts.total != sum) {
                        report.issue(
                                parts.sources,
                                "Observation",
                                "PHQ-9 at " + at + ": total " + parts.total + " disagrees with the sum of its items ("
                                        + sum + "); the items are used");
                    }
                    draft.assessments.add(new RecordDraft.Sourced<>(
                            new Assessment(Instrument.PHQ_9, at, sum, List.of(parts.items), null, null), source));
                } else if (parts.total != null) {
                    boolean totalAndItem9 = count == 1 && item9 != null;
                    if (count > 0 && !totalAndItem9) {
                        report.issue(
                                parts.sources,
                                "Observation",
                                "PHQ-9 at " + at + ": " + count + " of 9 items; the total is used"
                                        + (item9 == null ? ", item 9 was not sent" : " with item 9"));
                    }
                    draft.assessments.add(new RecordDraft.Sourced<>(
                            new Assessment(Instrument.PHQ_9, at, parts.total, null, null, item9), source));
                } else if (item9 != null) {
                    report.issue(
                            parts.sources,
                            "Observation",
                            "PHQ-9 at " + at + ": item 9 without a readable total" + (count > 1 ? " or all items" : "")
                                    + "; used as a suicide screen, not as a depression score");
                    draft.assessments.add(new RecordDraft.Sourced<>(
                            new Assessment(Instrument.PHQ_9, at, null, null, null, item9), source));
                    report.notEvaluatedOnce(new org.ketaminecds.cds.NotEvaluated(
                            "phq9-score",
                            "a PHQ-9 (" + source + ") was sent with item 9 but no total or other items: read as a "
                                    + "suicide screen, its depression score is not known",
                            "trajectory"));
                } else {
                    notUsed(
                            parts,
                            "PHQ-9 at " + at + ": " + count + " of 9 items, no total and no item 9; not used",
                            report);
                }
            } catch (InvalidFactException ex) {
                notUsed(parts, "PHQ-9 at " + at + " not used: " + ex.getMessage(), report);
            }
        }
    }

    /** The parts of a PHQ-9 that could not be used: each source resource is reported, not counted as mapped. */
    private static void notUsed(Parts parts, String problem, Report report) {
        report.mapped.removeAll(parts.sources);
        report.issue(parts.sources, "Observation", problem);
    }
}
