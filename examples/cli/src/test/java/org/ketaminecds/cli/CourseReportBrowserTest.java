package org.ketaminecds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.report.CourseReport;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The course report of the bundled sample course in a real browser (headless Chromium from the Debian packages,
 * driven by Selenium): it loads with no console error and no request, the chart has one point per assessment at the
 * height its score says, the response and remission lines are where the numbers say, and the chart shows the
 * course's early rise and its response.
 */
class CourseReportBrowserTest {
    static ChromeDriver browser;
    static SessionContext context;
    static Evaluation evaluation;

    @TempDir
    static Path dir;

    static Path page;

    @BeforeAll
    static void openTheSampleCourseReport() throws Exception {
        context = ReportSupport.course(Path.of("../samples/esketamine-course"));
        CdsEngine engine = CdsEngine.create();
        evaluation = engine.evaluate(context);
        page = dir.resolve("course.html");
        Files.writeString(page, CourseReport.html(engine, context, evaluation), StandardCharsets.UTF_8);
        browser = start();
        browser.get(page.toUri().toString());
    }

    /** Headless Chromium (see {@link Browsers}); the test is skipped where none can be had. */
    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--window-size=900,1400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return Browsers.headlessOrSkip(options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static double centreY(WebElement point) {
        return ((Number) ((JavascriptExecutor) browser)
                        .executeScript(
                                "const b = arguments[0].querySelector('circle,rect,path').getBBox(); return b.y + b.height / 2;",
                                point))
                .doubleValue();
    }

    private static double yOf(double score) {
        WebElement svg = browser.findElement(By.cssSelector("figure svg"));
        double zero = Double.parseDouble(svg.getAttribute("data-y-zero"));
        double top = Double.parseDouble(svg.getAttribute("data-y-top"));
        double max = Double.parseDouble(svg.getAttribute("data-score-max"));
        return zero + score * (top - zero) / max;
    }

    @Test
    void theWorklistPage_listsEveryRow_mostUrgentFirst_filtersSortsAndOpensEachReport() throws Exception {
        Path export = dir.resolve("export");
        java.time.OffsetDateTime asOf = java.time.OffsetDateTime.parse("2026-12-01T12:00:00Z");
        org.ketaminecds.worklist.SyntheticExport.generate(export, 24, 5, asOf);
        Path out = dir.resolve("worklist");
        org.ketaminecds.worklist.WorklistJob.run(
                export, out, new org.ketaminecds.worklist.PatientReview.Settings(asOf, null, null), 2, null);
        ChromeDriver other = start();
        try {
            other.get(out.resolve("worklist.html").toUri().toString());
            List<WebElement> rows = other.findElements(By.cssSelector("#worklist tbody tr"));
            assertThat(rows)
                    .hasSize(Files.readAllLines(out.resolve("worklist.ndjson")).size());
            assertThat(ranks(rows))
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder())
                    .contains(2, 1);
            for (WebElement a : other.findElements(By.tagName("a"))) {
                assertThat(a.getAttribute("href"))
                        .as("a link stays on the page or opens a report next to it")
                        .matches(".*/worklist\\.html#p[0-9]+|.*/worklist/reports/[0-9a-f]{16}\\.html");
            }
            assertThat(other.getPageSource())
                    .contains("Eli suicidality Synthetic")
                    .contains("SYN0000004");

            // Filter: hiding critical hides exactly the critical rows.
            other.findElement(By.cssSelector("input[data-level=critical]")).click();
            for (WebElement r : rows) {
                assertThat(r.isDisplayed())
                        .as(r.getAttribute("data-urgency"))
                        .isEqualTo(!r.getAttribute("data-urgency").equals("critical"));
            }
            other.findElement(By.cssSelector("input[data-level=critical]")).click();
            assertThat(rows).allSatisfy(r -> assertThat(r.isDisplayed()).isTrue());

            // Sort: by patient name, ascending then descending.
            WebElement patientHeading = other.findElement(By.cssSelector("th[data-col='1']"));
            patientHeading.click();
            List<String> names = columnSortKeys(other, 1);
            assertThat(names).isSorted().hasSize(rows.size());
            patientHeading.click();
            assertThat(columnSortKeys(other, 1)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            other.findElement(By.cssSelector("th[data-col='0']")).click();
            assertThat(ranks(other.findElements(By.cssSelector("#worklist tbody tr"))))
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());

            // One click to the patient's course report, which loads nothing either.
            other.findElement(By.cssSelector("#worklist tbody tr"))
                    .findElement(By.linkText("course report"))
                    .click();
            assertThat(other.getCurrentUrl()).matches(".*/reports/[0-9a-f]{16}\\.html");
            assertThat(other.getPageSource()).contains("<svg");
            Object resources = ((JavascriptExecutor) other)
                    .executeScript("return performance.getEntriesByType('resource').length;");
            assertThat(((Number) resources).intValue()).isZero();
            List<LogEntry> severe = other.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                    .toList();
            assertThat(severe)
                    .as("console errors (a script the CSP refused would be one)")
                    .isEmpty();
        } finally {
            other.quit();
        }
    }

    private static List<Integer> ranks(List<WebElement> rows) {
        List<Integer> ranks = new ArrayList<>();
        for (WebElement r : rows) {
            ranks.add(List.of("info", "warning", "critical").indexOf(r.getAttribute("data-urgency")));
        }
        return ranks;
    }

    private static List<String> columnSortKeys(ChromeDriver browser, int column) {
        List<String> keys = new ArrayList<>();
        for (WebElement r : browser.findElements(By.cssSelector("#worklist tbody tr"))) {
            keys.add(r.findElements(By.tagName("td")).get(column).getAttribute("data-sort"));
        }
        return keys;
    }

    @Test
    void loads_withNoConsoleError_andNoRequest() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
        assertThat(severe).isEmpty();
        Object resources = ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat((List<?>) resources).as("requests made by the page").isEmpty();
        Object linked = ((JavascriptExecutor) browser)
                .executeScript(
                        "return document.querySelectorAll('[src],[href],link,script,iframe,object,embed,img').length;");
        assertThat(((Number) linked).intValue())
                .as("elements that could load anything")
                .isZero();
        assertThat(browser.getPageSource()).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void theChart_hasOnePointPerAssessment_atTheHeightItsScoreSays_andTheTableTheSamePoints() {
        List<Assessment> scored =
                context.assessments().stream().filter(a -> a.total() != null).toList();
        List<WebElement> points = browser.findElements(By.cssSelector("g.point"));
        assertThat(points).hasSize(scored.size());
        List<String> shown = new ArrayList<>();
        for (WebElement p : points) {
            double score = Double.parseDouble(p.getAttribute("data-score"));
            assertThat(centreY(p))
                    .as("height of %s %s", p.getAttribute("data-instrument"), p.getAttribute("data-date"))
                    .isCloseTo(yOf(score), within(0.6));
            shown.add(p.getAttribute("data-date") + " " + p.getAttribute("data-instrument") + " " + (int) score);
        }
        List<String> expected = new ArrayList<>();
        for (Assessment a : scored) {
            expected.add(
                    a.at().toString().substring(0, 10) + " " + a.instrument().label() + " " + a.total());
        }
        assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
        List<String> table = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("table.data tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            table.add(cells.get(0).getText() + " " + cells.get(1).getText() + " "
                    + cells.get(2).getText());
        }
        assertThat(table).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void responseAndRemissionLines_areWhereTheNumbersSay_andTheChartShowsTheEarlyRiseAndTheResponse() {
        Map<String, WebElement> lines = new java.util.HashMap<>();
        for (WebElement g : browser.findElements(By.cssSelector("g.reference"))) {
            lines.put(g.getAttribute("data-kind"), g);
        }
        double baseline = Double.parseDouble(lines.get("baseline").getAttribute("data-score"));
        assertThat(baseline).isEqualTo(34); // the course's first MADRS
        double lineY = Double.parseDouble(
                lines.get("response").findElement(By.tagName("line")).getAttribute("y1"));
        assertThat(lineY).isCloseTo(yOf(baseline / 2), within(0.1));
        double remissionY = Double.parseDouble(
                lines.get("remission").findElement(By.tagName("line")).getAttribute("y1"));
        assertThat(remissionY).isCloseTo(yOf(12), within(0.1)); // MADRS 12 or less, the default
        List<Double> madrs = new ArrayList<>();
        for (WebElement p : browser.findElements(By.cssSelector("g.point[data-instrument='MADRS']"))) {
            madrs.add(Double.parseDouble(p.getAttribute("data-score")));
        }
        assertThat(madrs.get(1))
                .as("early rise: the second rating is above baseline")
                .isGreaterThan(baseline);
        assertThat(madrs.stream().mapToDouble(Double::doubleValue).min().orElseThrow())
                .as("response: at or below half the baseline")
                .isLessThanOrEqualTo(baseline / 2);
        WebElement early = browser.findElement(By.cssSelector("rect.early"));
        assertThat(early.getAttribute("data-sessions")).isEqualTo("3");
        assertThat(browser.findElements(By.cssSelector("g.session"))).hasSizeGreaterThan(10);
    }
}
