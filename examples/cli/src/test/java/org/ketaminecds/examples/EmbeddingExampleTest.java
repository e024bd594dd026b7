package org.ketaminecds.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;

/** The README's embedding snippet compiles (it is EmbeddingExample), runs, and is shown verbatim in the README. */
class EmbeddingExampleTest {
    private static final Path README = Path.of("../../README.md");
    /** The JSON format, with the complete session-context example, is documented next to the library. */
    private static final Path CORE_README = Path.of("../../core/README.md");

    private static final Path SOURCE = Path.of("src/main/java/org/ketaminecds/examples/EmbeddingExample.java");

    @Test
    void snippet_evaluatesASampleIntoACdsHooksResponse() throws IOException {
        List<String> result =
                EmbeddingExample.evaluate(Files.readString(Path.of("../samples/esketamine-session.json")));
        assertThat(new ObjectMapper().readTree(result.get(0)).get("cards")).hasSize(6);
        assertThat(result.subList(1, result.size()))
                .hasSize(6)
                .allMatch(l -> l.startsWith("WARNING ") || l.startsWith("INFO "));
    }

    @Test
    void readme_showsTheSnippetVerbatim() throws IOException {
        String source = Files.readString(SOURCE);
        Matcher m = Pattern.compile("// README-BEGIN\n(.*?)\n\\s*// README-END", Pattern.DOTALL)
                .matcher(source);
        assertThat(m.find()).isTrue();
        String readme = Files.readString(README);
        for (String line : m.group(1).lines().map(String::strip).toList()) {
            assertThat(readme).as("README shows the snippet line").contains(line);
        }
    }

    @Test
    void readme_jsonExample_isTheCompleteSampleAndParses() throws IOException {
        String readme = Files.readString(CORE_README);
        String sample = Files.readString(Path.of("../samples/full-context.json"));
        ObjectMapper json = new ObjectMapper();
        Matcher m = Pattern.compile("```json\n(\\{\n  \"asOf\".*?)\n```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(m.find())
                .as("core/README.md has the full session-context example")
                .isTrue();
        assertThat(json.readTree(m.group(1))).isEqualTo(json.readTree(sample));
        SessionContext context = CdsJson.readContext(m.group(1));
        assertThat(CdsJson.readContext(CdsJson.writeContext(context))).isEqualTo(context);
    }
}
