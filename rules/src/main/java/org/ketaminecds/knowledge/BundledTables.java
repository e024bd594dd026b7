package org.ketaminecds.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.ketaminecds.RuleSetException;

/** Loads and reads the knowledge tables that ship in the rules jar (tab-separated, {@code #} comment lines). */
final class BundledTables {
    /** Parses a table from a stream; {@code name} is used in error messages. */
    interface Parser<T> {
        T parse(InputStream in, String name) throws IOException;
    }

    private BundledTables() {}

    /**
     * Calls {@code row} with the cells of every row that is not blank or a {@code #} comment.
     *
     * @throws RuleSetException naming the line of a row with another number of cells, or whose handler throws an
     *     {@link IllegalArgumentException}
     */
    static void forEachRow(InputStream in, String name, int columns, java.util.function.Consumer<String[]> row)
            throws IOException {
        java.io.BufferedReader reader =
                new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != columns) {
                throw new RuleSetException(name + ":" + number + ": expected " + columns
                        + " tab-separated columns, found " + cells.length);
            }
            try {
                row.accept(cells);
            } catch (IllegalArgumentException e) {
                throw new RuleSetException(name + ":" + number + ": " + e.getMessage(), e);
            }
        }
    }

    /** A {@code yes}/{@code no} cell. @throws IllegalArgumentException naming the column otherwise */
    static boolean yesNo(String cell, String column) {
        if (!cell.equals("yes") && !cell.equals("no")) {
            throw new IllegalArgumentException(column + " must be yes or no, was '" + cell + "'");
        }
        return cell.equals("yes");
    }

    static <T> T load(ClassLoader classLoader, String resource, String what, Parser<T> parser) {
        InputStream in = classLoader.getResourceAsStream(resource);
        if (in == null) {
            throw new RuleSetException(
                    what + " " + resource + " is not on the class path; add the ketamine-cds-rules jar");
        }
        try (in) {
            return parser.parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
