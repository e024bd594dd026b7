package org.ketaminecds;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layers of the core library, enforced: the input model ({@code fact}) at the bottom, then the output
 * model ({@code cds}), the site policy, the contract with the rules artifact ({@code spi}), the engine (this package,
 * the only one that sees Drools) and the JSON adapter on top. Nothing reaches up, and there are no exemptions. The
 * FHIR reader and the CDS Hooks handler are modules of their own above this one (Maven keeps them from being reached).
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ketaminecds");

    @Test
    void layers_onlyReachDown() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Input model")
                .definedBy("org.ketaminecds.fact")
                .layer("Output model")
                .definedBy("org.ketaminecds.cds")
                .layer("Site policy")
                .definedBy("org.ketaminecds.policy")
                .layer("Rules contract")
                .definedBy("org.ketaminecds.spi")
                .layer("Engine")
                .definedBy("org.ketaminecds")
                .layer("JSON adapter")
                .definedBy("org.ketaminecds.json")
                .whereLayer("JSON adapter")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Engine")
                .mayOnlyBeAccessedByLayers("JSON adapter")
                .whereLayer("Rules contract")
                .mayOnlyBeAccessedByLayers("Engine", "JSON adapter")
                .whereLayer("Site policy")
                .mayOnlyBeAccessedByLayers("Rules contract", "Engine", "JSON adapter")
                .whereLayer("Output model")
                .mayOnlyBeAccessedByLayers("Site policy", "Rules contract", "Engine", "JSON adapter")
                .check(CORE);
    }

    @Test
    void packages_formNoCycle() {
        slices().matching("org.ketaminecds.(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void drools_onlyInsideTheEngine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.ketaminecds")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.kie..", "org.drools..")
                .check(CORE);
    }

    @Test
    void engineInternals_arePackagePrivate_behindOneFactory() {
        List<String> publicInEngine = CORE.stream()
                .filter(c -> c.getPackageName().equals("org.ketaminecds"))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC)
                        && c.getEnclosingClass().isEmpty())
                .map(JavaClass::getSimpleName)
                .sorted()
                .toList();
        assertThat(publicInEngine)
                .as("public top-level classes of the engine package: the facade and its errors")
                .containsExactly("CdsEngine", "EvaluationException", "RuleSetException");
        // No public or protected member of a public class anywhere in core exposes a Drools type.
        List<String> leaks = CORE.stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .flatMap(c -> Stream.concat(
                        c.getMethods().stream()
                                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                                .flatMap(m -> Stream.concat(
                                                Stream.of(m.getRawReturnType()), m.getRawParameterTypes().stream())
                                        .map(t -> c.getSimpleName() + "." + m.getName() + ": " + t.getName())),
                        Stream.<String>empty()))
                .filter(s -> s.contains(": org.kie.") || s.contains(": org.drools."))
                .toList();
        assertThat(leaks).as("Drools types in the public API").isEmpty();
    }
}
