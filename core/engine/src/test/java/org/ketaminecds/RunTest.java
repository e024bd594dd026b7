package org.ketaminecds;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ketaminecds.spi.Finding;
import org.kie.api.definition.KieDefinition;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieRuntime;
import org.kie.api.runtime.rule.FactHandle;

/** What a rule inserts is either used or refused loudly: an unfinished finding is an error naming the rule. */
class RunTest {
    @Test
    void aFindingWithoutItsFacts_failsTheEvaluation_namingTheRule() {
        Object unfinished = Finding.about("k").summary("s").action("a").rationale("r");
        Run run = new Run(null);
        assertThatThrownBy(() -> run.insertions.objectInserted(inserted(unfinished, "SITE-042 Forgot the facts")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("rule SITE-042 Forgot the facts inserted an unfinished finding: end it with .facts(...)");
    }

    private static ObjectInsertedEvent inserted(Object object, String ruleName) {
        Rule rule = new Rule() {
            @Override
            public String getPackageName() {
                return "org.example";
            }

            @Override
            public String getName() {
                return ruleName;
            }

            @Override
            public Map<String, Object> getMetaData() {
                return Map.of();
            }

            @Override
            public int getLoadOrder() {
                return 0;
            }

            @Override
            public KieDefinition.KnowledgeType getKnowledgeType() {
                return KieDefinition.KnowledgeType.RULE;
            }

            @Override
            public String getNamespace() {
                return "org.example";
            }

            @Override
            public String getId() {
                return ruleName;
            }
        };
        return new ObjectInsertedEvent() {
            @Override
            public FactHandle getFactHandle() {
                return null;
            }

            @Override
            public Object getObject() {
                return object;
            }

            @Override
            public Rule getRule() {
                return rule;
            }

            @Override
            public KieRuntime getKieRuntime() {
                return null;
            }
        };
    }
}
