package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ketaminecds.cds.UncheckedMedication;
import org.ketaminecds.fact.DrugClass;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;
import org.ketaminecds.knowledge.DrugTable;
import org.ketaminecds.knowledge.Ingredient;

/**
 * Medication-list entries as clinicians type them ({@code vocabulary/medication-strings.tsv}): each is recognised as
 * exactly the expected ingredients with the expected interaction classes, or as a recognised no-interaction drug, so
 * that none ends up as "not checked".
 */
class MedicationStringsTest {
    private static final Path FILE = Path.of("src/test/resources/vocabulary/medication-strings.tsv");
    private static final DrugTable TABLE = DrugTable.bundled();

    private static List<String[]> rows() throws IOException {
        return Files.readAllLines(FILE).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", -1))
                .toList();
    }

    @Test
    void theListIsLongEnoughAndWellFormed() throws IOException {
        List<String[]> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
        assertThat(rows)
                .allSatisfy(r -> assertThat(r.length).as(String.join(" | ", r)).isBetween(3, 4));
        assertThat(rows)
                .filteredOn(r -> r.length == 4)
                .allSatisfy(r -> assertThat(r[3]).isEqualTo("partial"));
    }

    @TestFactory
    Stream<DynamicTest> everyEntry_isRecognisedAsItsIngredientsAndClasses() throws IOException {
        return rows().stream()
                .map(r -> DynamicTest.dynamicTest(r[0], () -> {
                    List<Ingredient> found = TABLE.recognise(Medication.active(r[0]));
                    assertThat(found)
                            .extracting(Ingredient::name)
                            .as(r[0])
                            .containsExactlyInAnyOrderElementsOf(Arrays.asList(r[1].split("\\|")));
                    Set<DrugClass> classes = EnumSet.noneOf(DrugClass.class);
                    found.forEach(i -> classes.addAll(i.classes()));
                    assertThat(classes)
                            .as("classes of %s", r[0])
                            .isEqualTo(Arrays.stream(r[2].split("\\|"))
                                    .map(DrugClass::valueOf)
                                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(DrugClass.class))));
                    // "partial": the name says there is more than was recognised, so the entry is also listed as not
                    // fully
                    // checked; every other entry is fully checked.
                    List<UncheckedMedication> unchecked = TABLE.review(
                                    new MedicationList(List.of(Medication.active(r[0])), null),
                                    LocalDate.of(2026, 3, 2))
                            .unchecked();
                    if (r.length == 4) {
                        assertThat(unchecked)
                                .as("%s is listed as not fully checked", r[0])
                                .singleElement()
                                .satisfies(u -> assertThat(u.reason()).contains("suggests a combination product"));
                    } else {
                        assertThat(unchecked).as("%s is fully checked", r[0]).isEmpty();
                    }
                }));
    }

    /**
     * The recognition cache changes nothing: every typed string, reviewed alone and all together in two orders, gives
     * the same review from a warm cache, a cold one and a table without one.
     */
    @Test
    void theRecognitionCache_changesNoReview() throws IOException {
        LocalDate asOf = LocalDate.of(2026, 3, 2);
        List<Medication> all = rows().stream().map(r -> Medication.active(r[0])).toList();
        List<Medication> reversed = new java.util.ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        DrugTable uncached = TABLE.withoutRecognitionCache();
        DrugTable cold = DrugTable.bundled();
        for (List<Medication> list : Stream.concat(all.stream().map(List::of), Stream.of(all, reversed))
                .toList()) {
            MedicationList meds = new MedicationList(list, null);
            var expected = uncached.review(meds, asOf);
            assertThat(cold.review(meds, asOf)).as("%s, cold cache", list).isEqualTo(expected);
            assertThat(cold.review(meds, asOf)).as("%s, warm cache", list).isEqualTo(expected);
        }
        assertThat(uncached.review(new MedicationList(reversed, null), asOf))
                .as("the order the record lists them in")
                .isEqualTo(uncached.review(new MedicationList(all, null), asOf));
    }
}
