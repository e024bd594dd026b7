package org.ketaminecds.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: the browser and its driver from the PATH, else what Selenium Manager can
 * provide. Where no browser can be had, the browser tests are skipped with one line saying how to install it, unless
 * the environment variable {@value #REQUIRED} is set (CI sets it: there a missing browser is a failure).
 */
public final class Browsers {
    /** Set (to anything) to make a missing browser fail the build instead of skipping the browser tests. */
    public static final String REQUIRED = "KETAMINE_CDS_REQUIRE_BROWSER";

    static final String INSTALL = "no Chromium found; install it to run the browser tests "
            + "(Debian/Ubuntu: apt-get install chromium chromium-driver)";

    private Browsers() {}

    /**
     * A headless browser with the given options, or empty (with one line on stderr) where none can be had.
     *
     * @param options options to start it with; the binary and headless arguments are added here
     * @return the browser, or empty
     */
    public static Optional<ChromeDriver> headless(ChromeOptions options) {
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu");
        Optional<Path> browser = onPath("chromium", "chromium-browser", "google-chrome", "chrome");
        Optional<Path> driver = onPath("chromedriver");
        try {
            if (browser.isPresent() && driver.isPresent()) {
                options.setBinary(browser.get().toFile());
                return Optional.of(new ChromeDriver(
                        new ChromeDriverService.Builder()
                                .usingDriverExecutable(driver.get().toFile())
                                .build(),
                        options));
            }
            return Optional.of(new ChromeDriver(options)); // Selenium Manager finds or fetches both
        } catch (RuntimeException e) {
            if (System.getenv(REQUIRED) != null) {
                throw new IllegalStateException(INSTALL + " (" + REQUIRED + " is set, so this fails)", e);
            }
            System.err.println("browser tests skipped: " + INSTALL);
            return Optional.empty();
        }
    }

    /**
     * {@link #headless}, or the calling test is skipped.
     *
     * @param options options to start it with
     * @return the browser
     */
    public static ChromeDriver headlessOrSkip(ChromeOptions options) {
        Optional<ChromeDriver> browser = headless(options);
        Assumptions.assumeTrue(browser.isPresent(), INSTALL);
        return browser.get();
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : names) {
            Optional<Path> found = Arrays.stream(path.split(File.pathSeparator))
                    .filter(d -> !d.isBlank())
                    .map(d -> Path.of(d, name))
                    .filter(Files::isExecutable)
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
