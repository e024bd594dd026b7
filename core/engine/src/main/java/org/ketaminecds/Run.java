package org.ketaminecds;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.cds.RuleDescription;
import org.ketaminecds.cds.UncheckedMedication;
import org.ketaminecds.spi.Finding;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;

/**
 * Collects what one evaluation's rules produced: each {@link Finding} with the rule that inserted it, the
 * unchecked medications, the checks that could not run, and the ids of the rules that fired. One per evaluation;
 * not shared between threads. Not part of the public API.
 */
final class Run {
    record Produced(RuleDescription rule, Finding finding) {}

    final List<Produced> findings = new ArrayList<>();
    final List<UncheckedMedication> unchecked = new ArrayList<>();
    final List<NotEvaluated> notEvaluated = new ArrayList<>();
    final List<org.ketaminecds.spi.KetamineTopic> topics = new ArrayList<>();
    final TreeSet<String> fired = new TreeSet<>();

    private final RuleBase ruleBase;

    Run(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
    }

    final DefaultRuleRuntimeEventListener insertions = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            Object object = event.getObject();
            if (object instanceof Finding finding) {
                findings.add(new Produced(rule(event.getRule()), finding));
            } else if (object instanceof UncheckedMedication u) {
                unchecked.add(u);
            } else if (object instanceof NotEvaluated n) {
                notEvaluated.add(n);
            } else if (object instanceof org.ketaminecds.spi.KetamineTopic t) {
                topics.add(t);
            } else if (object instanceof Finding.FactsStep) {
                // A rule that forgot .facts(...) would otherwise make no card and no error.
                throw new IllegalStateException("rule " + event.getRule().getName()
                        + " inserted an unfinished finding: end it with .facts(...)");
            }
        }
    };

    final DefaultAgendaEventListener firings = new DefaultAgendaEventListener() {
        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.add(rule(event.getMatch().getRule()).id());
        }
    };

    private RuleDescription rule(Rule rule) {
        if (rule == null) {
            throw new IllegalStateException("a Finding was inserted outside a rule; only rules may insert findings");
        }
        RuleDescription description = ruleBase.byName(rule.getName());
        if (description == null) {
            throw new IllegalStateException("rule '" + rule.getName() + "' is not in the rule catalogue");
        }
        return description;
    }
}
