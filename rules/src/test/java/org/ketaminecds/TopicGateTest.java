package org.ketaminecds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Session;

/**
 * The topic rules are evaluated alone only when they read nothing but the record's facts: a topic rule reading a fact
 * another rule derives would, alone, never see it. The shipped topic rules read sessions, earlier sessions and checks
 * not evaluated; take one of those away from what the record supplies and the check names it.
 */
class TopicGateTest {
    private static final RuleBase RULES = RuleBase.load(CdsEngine.class.getClassLoader());

    @Test
    void theShippedTopicRules_readOnlyTheRecord() {
        assertThat(RULES.gate())
                .as("the topic rules have a package of their own")
                .isNotNull();
        assertThat(RULES.gate().readsBeyond(List.of(NotEvaluated.class, Session.class, PriorSession.class)))
                .isEmpty();
    }

    @Test
    void aTypeTheRecordDoesNotSupply_isNamed() {
        assertThat(RULES.gate().readsBeyond(List.of(NotEvaluated.class, Session.class)))
                .containsExactly(PriorSession.class.getName());
    }
}
