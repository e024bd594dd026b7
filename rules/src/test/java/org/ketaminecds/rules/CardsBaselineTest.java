package org.ketaminecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.rules.robustness.RandomContexts;
import org.ketaminecds.testkit.Scenario;

/**
 * The cards of every scenario and of 3,000 generated contexts, pinned: each context's rules and indicators in words,
 * and a hash of everything a clinician reads on its cards (summary, facts, indicator note, suggestions), its status
 * and its checks not evaluated ({@code src/test/resources/baseline/cards.tsv}). A refactoring must leave the file
 * unchanged; an intended clinical change regenerates it with {@code -Dbaseline.update=true}, and the diff shows which
 * contexts changed and how.
 */
class CardsBaselineTest {
    static final Path BASELINE = Path.of("src/test/resources/baseline/cards.tsv");
    static final int RANDOM_CONTEXTS = 3000;
    private static final CdsEngine ENGINE = CdsEngine.create();

    @Test
    void everyContext_givesThePinnedCards() throws IOException {
        Map<String, String> now = signatures();
        if (Boolean.getBoolean("baseline.update")) {
            List<String> lines = new ArrayList<>();
            lines.add("# context\trules and indicators\tstatus and checks not evaluated\tsha256 of what the cards say");
            now.forEach((id, line) -> lines.add(id + "\t" + line));
            Files.createDirectories(BASELINE.getParent());
            Files.write(BASELINE, lines, StandardCharsets.UTF_8);
            return;
        }
        Map<String, String> pinned = new LinkedHashMap<>();
        for (String line : Files.readAllLines(BASELINE, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#")) {
                int tab = line.indexOf('\t');
                pinned.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            String before = pinned.get(e.getKey());
            if (!e.getValue().equals(before)) {
                changed.add(e.getKey() + "\n  was " + before + "\n  now " + e.getValue());
            }
        }
        for (String id : pinned.keySet()) {
            if (!now.containsKey(id)) {
                changed.add(id + " is gone");
            }
        }
        assertThat(changed)
                .as(changed.size() + " of " + now.size() + " contexts changed their cards (first 20 shown); "
                        + "regenerate with -Dbaseline.update=true only for an intended change")
                .isEmpty();
    }

    static Map<String, String> signatures() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Scenario s : Scenarios.all()) {
            Evaluation e = ScenarioRunner.DEFAULTS.engineFor(s).evaluate(CdsJson.readContext(s.context()));
            out.put("scenario " + s.id(), signature(e));
        }
        for (long seed = 1; seed <= RANDOM_CONTEXTS; seed++) {
            out.put("random " + seed, signature(ENGINE.evaluate(RandomContexts.of(seed))));
        }
        return out;
    }

    private static String signature(Evaluation e) {
        StringBuilder rules = new StringBuilder();
        StringBuilder content = new StringBuilder();
        for (Card c : e.cards()) {
            rules.append(rules.length() == 0 ? "" : " ")
                    .append(c.explanation().ruleId())
                    .append(':')
                    .append(c.indicator().code());
            content.append(c.explanation().ruleId())
                    .append('|')
                    .append(c.indicator().code())
                    .append('|')
                    .append(c.summary())
                    .append('|')
                    .append(c.explanation().facts())
                    .append('|')
                    .append(c.explanation().indicatorNote())
                    .append('|')
                    .append(c.suggestions().stream().map(x -> x.label()).toList())
                    .append('\n');
        }
        String gaps = e.status().name().toLowerCase(java.util.Locale.ROOT)
                + e.notEvaluated().stream()
                        .map(NotEvaluated::check)
                        .sorted()
                        .map(c -> " " + c)
                        .reduce("", String::concat);
        content.append(gaps);
        return (rules.length() == 0 ? "-" : rules) + "\t" + gaps + "\t" + sha(content.toString());
    }

    private static String sha(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
