package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Clinical numbers have one home each: the label and REMS numbers in {@code LabelThresholds}, study and scale numbers
 * in {@code CourseEvidence} (each with its evidence row), site settings in {@code SitePolicy}. A number written
 * anywhere else in a rule's conditions or in the knowledge code fails this test, so that a threshold cannot hide.
 * Allowed everywhere: 0 and 1, 7 (days in a week) and 100 (percent); a line whose comment says "not a clinical
 * number" (an index or a rounding scale) is passed over, so every such exception is written where a reviewer sees it.
 */
class ClinicalLiteralTest {
    private static final Path DRL = Path.of("src/main/resources/org/ketaminecds/rules");
    private static final Path KNOWLEDGE = Path.of("src/main/java/org/ketaminecds/knowledge");
    /** The constants homes, and the table parsers whose numbers are column positions. */
    private static final Set<String> NOT_SCANNED = Set.of(
            "LabelThresholds.java",
            "CourseEvidence.java",
            "DrugTableFiles.java",
            "ConditionTable.java",
            "BundledTables.java",
            "PhraseIndex.java");

    private static final Set<String> ALLOWED = Set.of("0", "1", "0.0", "1.0", "7", "100", "100.0");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.$])(\\d+(?:\\.\\d+)?)[LlDdFf]?(?![\\w.])");

    @Test
    void ruleConditions_holdNoNumber_butNameTheirConstant() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DRL)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                boolean when = false;
                for (int i = 0; i < lines.size(); i++) {
                    String s = lines.get(i).strip();
                    if (s.equals("when")) {
                        when = true;
                    } else if (s.equals("then")) {
                        when = false;
                    } else if (when) {
                        numbers(lines.get(i), f.getFileName() + ":" + (i + 1), found);
                    }
                }
            }
        }
        assertThat(found)
                .as("numbers in rule conditions (name the constant instead)")
                .isEmpty();
    }

    @Test
    void knowledgeCode_holdsNoClinicalNumber_outsideTheConstantsHomes() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(KNOWLEDGE)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (NOT_SCANNED.contains(f.getFileName().toString())) {
                    continue;
                }
                String text = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL)
                        .matcher(Files.readString(f))
                        .replaceAll(m -> "\n".repeat((int)
                                m.group().chars().filter(c -> c == '\n').count()));
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    numbers(lines[i], f.getFileName() + ":" + (i + 1), found);
                }
            }
        }
        assertThat(found)
                .as("clinical numbers outside LabelThresholds, CourseEvidence and SitePolicy")
                .isEmpty();
    }

    @Test
    void theScan_findsANumberWhereOneIsWritten() {
        List<String> found = new ArrayList<>();
        numbers("    $bp : PreDoseBp( systolic > 140 ) // not 150", "example", found);
        numbers("    String s = \"90 minutes\"; int x = 0;", "example", found);
        numbers(
                "    return list.get(list.size() - 2); // not a clinical number: the one before the last",
                "example",
                found);
        assertThat(found).containsExactly("example: 140 in `$bp : PreDoseBp( systolic > 140 ) // not 150`");
    }

    private static void numbers(String line, String where, List<String> found) {
        if (line.contains("// not a clinical number")) {
            return;
        }
        String code = line.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("'(?:\\\\.|[^'\\\\])'", "''")
                .replaceAll("//.*", "");
        Matcher m = NUMBER.matcher(code);
        while (m.find()) {
            if (!ALLOWED.contains(m.group(1))) {
                found.add(where + ": " + m.group(1) + " in `" + line.strip() + "`");
            }
        }
    }
}
