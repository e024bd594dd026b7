package org.ketaminecds.fhir;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the FHIR module, enforced: one mapper per resource type that depends on no other mapper, a short
 * public facade, small classes, and only the reader, its result and the codes public.
 */
class FhirModuleArchitectureTest {
    private static final JavaClasses FHIR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ketaminecds.fhir");
    private static final Path SOURCES = Path.of("src/main/java/org/ketaminecds/fhir");

    @Test
    void mappers_doNotDependOnEachOther() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Mapper")
                .and()
                .doNotHaveSimpleName("ResourceMapper")
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "another mapper",
                        (JavaClass c) -> c.getSimpleName().endsWith("Mapper")
                                && !c.getSimpleName().equals("ResourceMapper")))
                .check(FHIR.that(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a mapper", (JavaClass c) -> c.getSimpleName().endsWith("Mapper"))));
        // Each mapper may of course refer to itself: the rule above excludes nothing but the interface.
    }

    @Test
    void theModuleDependsOnCoreOnly_neverOnDroolsOrTheRules() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.kie..", "org.drools..", "org.ketaminecds.knowledge..", "org.ketaminecds.hooks..")
                .check(FHIR);
    }

    @Test
    void onlyTheReaderItsResultAndTheCodes_arePublic() {
        List<String> publicTypes = FHIR.stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC)
                        && c.getEnclosingClass().isEmpty())
                .map(JavaClass::getSimpleName)
                .sorted()
                .toList();
        assertThat(publicTypes).containsExactly("FhirCodes", "FhirIssue", "FhirReadResult", "FhirReader");
    }

    @Test
    void theFacadeIsShort_andNoReaderClassIsLong() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.toList()) {
                long lines = Files.readAllLines(f).size();
                assertThat(lines).as(f.getFileName().toString()).isLessThanOrEqualTo(400);
            }
        }
        assertThat(Files.readAllLines(SOURCES.resolve("FhirReader.java")).size())
                .as("FhirReader.java")
                .isLessThan(250);
    }
}
