package org.ketaminecds.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules artifact's Java (tables, their parsers, derived facts, thresholds) builds on core's models and its
 * contract with the engine only: never on the engine's internals, the adapters (JSON, FHIR, CDS Hooks) or Drools, so
 * that a change of the engine cannot change what the knowledge computes.
 */
class KnowledgeArchitectureTest {
    private static final JavaClasses KNOWLEDGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ketaminecds.knowledge");

    @Test
    void knowledge_usesOnlyTheModelsAndTheRulesContract() {
        classes()
                .that()
                .resideInAPackage("org.ketaminecds.knowledge")
                .should()
                .onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "models, policy, rules contract, the rule-set error, the JDK, Jackson or Caffeine",
                        c -> c.getPackageName().startsWith("java.")
                                || c.getPackageName().startsWith("com.fasterxml.jackson")
                                || c.getPackageName().startsWith("com.github.benmanes.caffeine.cache")
                                || c.getPackageName().equals("org.ketaminecds.knowledge")
                                || c.getPackageName().equals("org.ketaminecds.fact")
                                || c.getPackageName().equals("org.ketaminecds.cds")
                                || c.getPackageName().equals("org.ketaminecds.policy")
                                || c.getPackageName().equals("org.ketaminecds.spi")
                                || c.getName().equals("org.ketaminecds.RuleSetException")
                                || c.isPrimitive()
                                || c.isArray()))
                .check(KNOWLEDGE);
    }
}
