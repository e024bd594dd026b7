package org.ketaminecds.rules.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.rules.ScenarioAccess;

/** Properties of the evaluation over random valid session contexts (jqwik, bounded tries). */
class EvaluationPropertiesTest {
    private static final CdsEngine ENGINE = CdsEngine.create();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 300, seed = "20261202")
    void anyValidContext_evaluatesToCardsThatMeetCdsHooks(@ForAll long seed) throws Exception {
        SessionContext context = RandomContexts.of(seed);
        Evaluation result = ENGINE.evaluate(context);
        ScenarioAccess.validateResponse(JSON.readTree(CdsJson.writeResponse(result)));
        assertThat(CdsJson.readContext(CdsJson.writeContext(context))).isEqualTo(context);
    }

    @Property(tries = 150, seed = "20261202")
    void theSameInput_alwaysGivesTheSameOutput(@ForAll long seed) {
        SessionContext context = RandomContexts.of(seed);
        assertThat(ENGINE.evaluate(context)).isEqualTo(ENGINE.evaluate(context));
    }

    @Property(tries = 150, seed = "20261202")
    void addingAnInteractingDrug_neverRemovesACard_andAddsItsOwn(@ForAll long seed) {
        SessionContext context = RandomContexts.of(seed);
        if (context.medications() == null) {
            return;
        }
        Evaluation before = ENGINE.evaluate(context);
        if (!before.aboutKetamine()) {
            return; // not about ketamine: silent whatever the medicines (KetamineTopicTest)
        }
        List<Medication> more = new ArrayList<>(context.medications().entries());
        more.add(Medication.active("oxycodone 5 mg tablet"));
        Evaluation after = ENGINE.evaluate(context.toBuilder()
                .medications(new MedicationList(more, context.medications().reconciledAt()))
                .build());
        // Alone it is an opioid card; with other CNS depressants it joins the one combined card that names each.
        List<org.ketaminecds.cds.Card> opioidCards = new ArrayList<>(after.cardsOf("MED-010"));
        opioidCards.addAll(after.cardsOf("MED-013"));
        assertThat(opioidCards)
                .anySatisfy(c -> assertThat(c.explanation().facts().toString()).contains("oxycodone 5 mg tablet"));
        // Every other interaction card stays; single-depressant cards may only give way to the combined card, which
        // then names their drugs too.
        Set<String> depressantCards = Set.of("MED-010", "MED-011", "MED-012", "MED-013");
        assertThat(interactionCards(after))
                .containsAll(interactionCards(before).stream()
                        .filter(card -> !depressantCards.contains(card.substring(card.indexOf(' ') + 1)))
                        .toList());
        for (org.ketaminecds.cds.Card gone : before.cards()) {
            if (depressantCards.contains(gone.ruleId())
                    && after.cards().stream().noneMatch(c -> c.uuid().equals(gone.uuid()))) {
                assertThat(after.cardsOf("MED-013"))
                        .singleElement()
                        .satisfies(c -> assertThat(c.explanation().facts())
                                .containsAll(gone.explanation().facts()));
            }
        }
    }

    @Property(tries = 150, seed = "20261202")
    void theOrderOfFactsInTheInput_doesNotMatter(@ForAll long seed) {
        SessionContext context = RandomContexts.of(seed);
        Random r = new Random(seed);
        SessionContext shuffled = context.toBuilder()
                .conditions(shuffle(context.conditions(), r))
                .priorSessions(shuffle(context.priorSessions(), r))
                .vitals(shuffle(context.vitals(), r))
                .sedation(shuffle(context.sedation(), r))
                .dissociation(shuffle(context.dissociation(), r))
                .experiences(shuffle(context.experiences(), r))
                .assessments(shuffle(context.assessments(), r))
                .therapy(shuffle(context.therapy(), r))
                .medications(
                        context.medications() == null
                                ? null
                                : new MedicationList(
                                        shuffle(context.medications().entries(), r),
                                        context.medications().reconciledAt()))
                .build();
        assertThat(signature(ENGINE.evaluate(shuffled))).isEqualTo(signature(ENGINE.evaluate(context)));
    }

    private static <T> List<T> shuffle(List<T> list, Random r) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, r);
        return copy;
    }

    /** Cards by uuid, rule and indicator, with their facts as a set; unchecked medications as a sorted list. */
    private static Set<String> signature(Evaluation e) {
        Set<String> s = new TreeSet<>();
        e.cards()
                .forEach(c -> s.add(c.uuid() + " " + c.ruleId() + " " + c.indicator() + " "
                        + new TreeSet<>(c.explanation().facts())));
        e.uncheckedMedications().forEach(u -> s.add("unchecked " + u.entry()));
        s.add("status " + e.status());
        return s;
    }

    private static Set<String> interactionCards(Evaluation e) {
        Set<String> s = new TreeSet<>();
        e.cards().stream()
                .filter(c ->
                        c.source().topic() != null && c.source().topic().code().equals("medication-interaction"))
                .forEach(c -> s.add(c.uuid() + " " + c.ruleId()));
        return s;
    }
}
