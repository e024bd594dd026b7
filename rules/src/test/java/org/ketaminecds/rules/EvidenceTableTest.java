package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.RuleDescription;
import org.ketaminecds.knowledge.DrugTable;
import org.ketaminecds.knowledge.Ingredient;

/**
 * The evidence table in {@code seeds/evidence.yaml} and what relies on it agree: every rule of ours names the rows it
 * relies on, every row a rule or table names exists, every row is relied on by something, and no file of the project
 * points at material that does not ship with it.
 */
class EvidenceTableTest {
    static final Path TABLE = Path.of("../seeds/evidence.yaml");
    private static final Pattern ID = Pattern.compile("E-[A-Z0-9]+(?:-[A-Z0-9]+)+");
    private static final Set<String> GRADES = Set.of("H", "M", "L", "local");
    private static final Map<String, JsonNode> ENTRIES = new LinkedHashMap<>();
    private static List<RuleDescription> rules;

    @BeforeAll
    static void load() throws IOException {
        for (JsonNode e : new YAMLMapper().readTree(TABLE.toFile()).path("entries")) {
            assertThat(ENTRIES.put(e.path("id").asText(), e))
                    .as("duplicate evidence id %s", e.path("id").asText())
                    .isNull();
        }
        rules = CdsEngine.create().rules();
    }

    @Test
    void entries_areWellFormed() {
        assertThat(ENTRIES).hasSizeGreaterThan(60);
        ENTRIES.forEach((id, e) -> {
            assertThat(id).matches(ID.pattern());
            assertThat(e.path("fact").asText()).as("fact of %s", id).hasSizeGreaterThan(20);
            assertThat(e.path("source").asText())
                    .as("source of %s", id)
                    .isNotBlank()
                    .doesNotContain("shared/")
                    .doesNotContainPattern(OUTSIDE);
            assertThat(e.path("grade").asText()).as("grade of %s", id).isIn(GRADES);
        });
    }

    @Test
    void everyRuleOfOurs_citesKnownEvidence() {
        List<String> problems = new ArrayList<>();
        for (RuleDescription r : rules) {
            if (r.local()) {
                continue;
            }
            if (r.evidenceIds().isEmpty()) {
                problems.add(r.id() + " has no @evidence");
            }
            r.evidenceIds().stream()
                    .filter(id -> !ENTRIES.containsKey(id))
                    .forEach(id -> problems.add(r.id() + " cites " + id));
            if (OUTSIDE.matcher(r.source().toLowerCase(java.util.Locale.ROOT)).find()) {
                problems.add(r.id() + " @source points at the team's working notes instead of a primary source");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTableRow_citesKnownEvidence() throws IOException {
        List<String> problems = new ArrayList<>();
        DrugTable drugs = DrugTable.bundled();
        for (Ingredient i : drugs.ingredients()) {
            check("drug " + i.name(), i.source(), problems);
        }
        drugs.products().forEach(p -> check("product " + p.name(), p.source(), problems));
        for (String line :
                Files.readAllLines(Path.of("src/main/resources/org/ketaminecds/rules/screening/condition-codes.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] cols = line.split("\t");
                check("condition row " + cols[0] + " " + cols[2], cols[4], problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void check(String what, String source, List<String> problems) {
        Matcher m = ID.matcher(source);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (!ENTRIES.containsKey(m.group())) {
                problems.add(what + " cites " + m.group());
            }
        }
        if (!any) {
            problems.add(what + " cites no evidence id: " + source);
        }
    }

    @Test
    void everyEntry_isReliedOnByARuleATableOrTheCode() throws IOException {
        Set<String> cited = new TreeSet<>();
        rules.forEach(r -> cited.addAll(r.evidenceIds()));
        for (Path dir : List.of(Path.of("src/main/resources"), Path.of("../core"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile)
                        .filter(f -> f.toString().contains("src/main/")
                                && !f.toString().contains("/target/"))
                        .toList()) {
                    Matcher m = ID.matcher(Files.readString(f));
                    while (m.find()) {
                        cited.add(m.group());
                    }
                }
            }
        }
        assertThat(new TreeSet<>(ENTRIES.keySet()))
                .as("evidence rows nothing relies on")
                .isSubsetOf(cited);
    }

    /** A path that climbs out of the repository to the workplace's reference folder, which does not ship. */
    private static final java.util.regex.Pattern OUTSIDE =
            java.util.regex.Pattern.compile("\\.\\./shared\\b|clinical-refer[e]nce");

    @Test
    void noFileOfTheProject_pointsOutsideIt() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/target/")
                            && !p.toString().contains("/.git/")
                            && !p.toString().contains("/node_modules/"))
                    .filter(p -> p.toString().matches(".*\\.(java|drl|yaml|yml|md|xml|tsv|json|properties|sh|sql|txt)$")
                            || p.getFileName().toString().equals("run"))
                    .toList()) {
                if (OUTSIDE.matcher(Files.readString(f)).find()) {
                    offenders.add(f.toString());
                }
            }
        }
        assertThat(offenders).isEmpty();
        assertThat(OUTSIDE.matcher("see ../" + "shared/clinical-" + "reference.md")
                        .find())
                .as("the pattern itself")
                .isTrue();
    }
}
