package org.ketaminecds.knowledge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ketaminecds.policy.SitePolicy;
import org.ketaminecds.spi.KnowledgeSupport;

/**
 * The rules artifact's knowledge support, registered under {@code META-INF/services}: the bundled drug-class and
 * condition tables (parsed once per class loader) with the site policy's local entries, inserted into every session,
 * and the drug-class table as the medication vocabulary.
 *
 * @since 0.3.0
 */
public final class BundledKnowledge implements KnowledgeSupport {
    private static final Map<ClassLoader, Tables> LOADED = new ConcurrentHashMap<>();

    private record Tables(DrugTable drugs, ConditionTable conditions) {}

    @Override
    public Prepared prepare(SitePolicy policy) {
        Tables bundled = LOADED.computeIfAbsent(
                BundledKnowledge.class.getClassLoader(),
                cl -> new Tables(DrugTable.bundled(cl), ConditionTable.bundled(cl)));
        DrugTable drugs = bundled.drugs().withLocal(policy.localDrugs());
        ConditionTable conditions = bundled.conditions().withLocal(policy.localConditions());
        return new Prepared(List.of(drugs, conditions), drugs);
    }
}
