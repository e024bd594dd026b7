package org.ketaminecds.bench;

import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.cds.UncheckedMedication;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.knowledge.DrugTable;
import org.ketaminecds.knowledge.IngredientExposure;
import org.ketaminecds.knowledge.Periods;
import org.ketaminecds.knowledge.TreatmentRoute;
import org.ketaminecds.policy.SitePolicy;

/**
 * The medication-interaction and medication-review checks (MED-* rules) hand-written in plain Java over the same
 * drug-class table: the baseline the Drools engine is benchmarked against. A test verifies that it produces the same
 * findings as the rules. Not a second implementation to use: the rules are the knowledge.
 */
public final class PlainJavaInteractions {
    /** One finding: the rule it corresponds to, what it is about, and the default indicator. */
    public record Finding(String ruleId, String key, String indicator) {}

    /** Findings and unchecked medications. */
    public record Result(List<Finding> findings, List<UncheckedMedication> unchecked) {}

    private final DrugTable table;
    private final SitePolicy policy;

    public PlainJavaInteractions(DrugTable table, SitePolicy policy) {
        this.table = table;
        this.policy = policy;
    }

    public Result evaluate(SessionContext c) {
        List<Finding> findings = new ArrayList<>();
        if (c.medications() == null) {
            findings.add(new Finding("MED-090", "no-list", "warning"));
            return new Result(findings, List.of());
        }
        boolean oral = TreatmentRoute.of(c).get(0).oralOrUnknown();
        List<IngredientExposure> exposures = table.exposures(c.medications(), c.asOfDate());
        List<IngredientExposure> depressants = exposures.stream()
                .filter(e -> e.drugClasses().contains(DrugClass.OPIOID)
                        || e.drugClasses().contains(DrugClass.BENZODIAZEPINE)
                        || e.drugClasses().contains(DrugClass.OTHER_CNS_DEPRESSANT))
                .toList();
        if (depressants.size() > 1) {
            boolean established = depressants.stream()
                    .anyMatch(e -> e.drugClasses().stream()
                            .anyMatch(k -> (k == DrugClass.OPIOID
                                            || k == DrugClass.BENZODIAZEPINE
                                            || k == DrugClass.OTHER_CNS_DEPRESSANT)
                                    && !e.inferred(k)));
            findings.add(new Finding("MED-013", "cns-depressants", established ? "warning" : "info"));
        }
        for (IngredientExposure e : exposures) {
            var classes = e.drugClasses();
            if (depressants.size() == 1) {
                if (classes.contains(DrugClass.OPIOID)) {
                    findings.add(graded("MED-010", e, DrugClass.OPIOID, "warning"));
                }
                if (classes.contains(DrugClass.BENZODIAZEPINE)) {
                    findings.add(graded("MED-011", e, DrugClass.BENZODIAZEPINE, "info"));
                }
                if (classes.contains(DrugClass.OTHER_CNS_DEPRESSANT)
                        && !classes.contains(DrugClass.OPIOID)
                        && !classes.contains(DrugClass.BENZODIAZEPINE)) {
                    findings.add(graded("MED-012", e, DrugClass.OTHER_CNS_DEPRESSANT, "info"));
                }
            }
            if (classes.contains(DrugClass.MAOI)) {
                findings.add(graded("MED-020", e, DrugClass.MAOI, "warning"));
            }
            if (classes.contains(DrugClass.PSYCHOSTIMULANT)) {
                findings.add(graded("MED-021", e, DrugClass.PSYCHOSTIMULANT, "warning"));
            }
            if (classes.contains(DrugClass.SYMPATHOMIMETIC)) {
                findings.add(graded("MED-022", e, DrugClass.SYMPATHOMIMETIC, "warning"));
            }
            if (classes.contains(DrugClass.THYROID_HORMONE)) {
                // The medication-only knowledge base derives no condition flags, so MED-024 (hyperthyroidism) cannot
                // fire.
                findings.add(new Finding("MED-023", e.name(), "info"));
            }
            if (classes.contains(DrugClass.METHYLXANTHINE)) {
                findings.add(graded("MED-030", e, DrugClass.METHYLXANTHINE, "critical"));
            }
            if (classes.contains(DrugClass.OPIOID_ANTAGONIST)) {
                findings.add(graded("MED-040", e, DrugClass.OPIOID_ANTAGONIST, "info"));
            }
            if (classes.contains(DrugClass.NMDA_ANTAGONIST)) {
                findings.add(graded("MED-041", e, DrugClass.NMDA_ANTAGONIST, "warning"));
            }
            if (classes.contains(DrugClass.CYP_INHIBITOR) && (oral || !e.inferred(DrugClass.CYP_INHIBITOR))) {
                findings.add(
                        oral
                                ? graded("MED-050", e, DrugClass.CYP_INHIBITOR, "warning")
                                : new Finding("MED-051", e.name(), "info"));
            }
            if (classes.contains(DrugClass.CYP3A4_INDUCER) && (oral || !e.inferred(DrugClass.CYP3A4_INDUCER))) {
                findings.add(new Finding(oral ? "MED-052" : "MED-053", e.name(), "info"));
            }
        }
        if (c.medications().reconciledAt() == null) {
            findings.add(new Finding("MED-091", "never", "info"));
        } else if (Periods.calendarDaysBetween(c.medications().reconciledAt(), c.asOf())
                > policy.medicationReviewMaxAgeDays()) {
            findings.add(new Finding("MED-092", "stale", "info"));
        }
        List<org.ketaminecds.cds.UncheckedMedication> unchecked = table.unrecognised(c.medications(), c.asOfDate());
        if (!unchecked.isEmpty()) {
            findings.add(new Finding("MED-093", "unchecked", "info"));
        }
        return new Result(findings, unchecked);
    }

    /** A class member by pharmacology only is shown one step lower (warning to info; info stays info). */
    private static Finding graded(String ruleId, IngredientExposure e, DrugClass drugClass, String indicator) {
        String shown = !e.inferred(drugClass) ? indicator : indicator.equals("critical") ? "warning" : "info";
        return new Finding(ruleId, e.name(), shown);
    }
}
