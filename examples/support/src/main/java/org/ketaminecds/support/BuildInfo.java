package org.ketaminecds.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What {@code --version} prints: the tool and project version, the commit it was built from and the version of the
 * rule set on the class path (the rules jar's own record, so a site that swaps the rules jar sees it).
 */
public final class BuildInfo {
    private BuildInfo() {}

    /**
     * One line: {@code TOOL VERSION (commit C), rule set NAME VERSION}.
     *
     * @param tool the tool's name
     * @return the line
     */
    public static String describe(String tool) {
        Properties build = load("org/ketaminecds/support/build.properties");
        Properties rules = load("org/ketaminecds/rules/ruleset.properties");
        return tool + " " + value(build, "version") + " (commit " + value(build, "commit") + "), rule set "
                + value(rules, "ruleset.name") + " " + value(rules, "ruleset.version");
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable record reads as unknown
        }
        return p;
    }

    /** A value, or "unknown" when absent or left unfilled by a build without git. */
    private static String value(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }

    /**
     * What went wrong with a file, in words: a missing or unreadable file is named as such, not by its path alone.
     *
     * @param e the failure
     * @return the message
     */
    public static String message(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getReason() != null ? n.getReason() : "not found: " + n.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "not readable or writable (permission denied): " + a.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return (f.getReason() == null ? "file error" : f.getReason()) + ": " + f.getFile();
        }
        return e.getMessage();
    }
}
