package org.ketaminecds.examples.bench;

import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.SitePolicy;
import org.ketaminecds.UncheckedMedication;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.knowledge.DrugClass;
import org.ketaminecds.knowledge.DrugTable;
import org.ketaminecds.knowledge.IngredientExposure;
import org.ketaminecds.knowledge.Periods;

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
        boolean oral = c.session() == null || c.session().route() == Route.ORAL;
        for (IngredientExposure e : table.exposures(c.medications(), c.asOfDate())) {
            var classes = e.drugClasses();
            if (classes.contains(DrugClass.OPIOID)) {
                findings.add(new Finding("MED-010", e.name(), "warning"));
            }
            if (classes.contains(DrugClass.BENZODIAZEPINE)) {
                findings.add(new Finding("MED-011", e.name(), "warning"));
            }
            if (classes.contains(DrugClass.OTHER_CNS_DEPRESSANT)) {
                findings.add(new Finding("MED-012", e.name(), "warning"));
            }
            if (classes.contains(DrugClass.MAOI)) {
                findings.add(new Finding("MED-020", e.name(), "warning"));
            }
            if (classes.contains(DrugClass.PSYCHOSTIMULANT)) {
                findings.add(new Finding("MED-021", e.name(), "warning"));
            }
            if (classes.contains(DrugClass.SYMPATHOMIMETIC)) {
                findings.add(new Finding("MED-022", e.name(), "warning"));
            }
            if (classes.contains(DrugClass.THYROID_HORMONE)) {
                findings.add(new Finding("MED-023", e.name(), "warning"));
            }
            if (classes.contains(DrugClass.METHYLXANTHINE)) {
                findings.add(new Finding("MED-030", e.name(), "warning"));
            }
            if (classes.contains(DrugClass.OPIOID_ANTAGONIST)) {
                findings.add(new Finding("MED-040", e.name(), "info"));
            }
            if (classes.contains(DrugClass.NMDA_ANTAGONIST)) {
                findings.add(new Finding("MED-041", e.name(), "warning"));
            }
            if (classes.contains(DrugClass.CYP_INHIBITOR)) {
                findings.add(new Finding(oral ? "MED-050" : "MED-051", e.name(), oral ? "warning" : "info"));
            }
            if (classes.contains(DrugClass.CYP3A4_INDUCER)) {
                findings.add(new Finding(oral ? "MED-052" : "MED-053", e.name(), "info"));
            }
        }
        if (c.medications().reconciledAt() == null) {
            findings.add(new Finding("MED-091", "never", "warning"));
        } else if (Periods.calendarDaysBetween(c.medications().reconciledAt(), c.asOf()) > policy.medicationReviewMaxAgeDays()) {
            findings.add(new Finding("MED-092", "stale", "info"));
        }
        return new Result(findings, table.unrecognised(c.medications(), c.asOfDate()));
    }
}
