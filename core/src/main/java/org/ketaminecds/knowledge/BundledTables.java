package org.ketaminecds.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.ketaminecds.RuleSetException;

/** Loads a knowledge table that ships in the rules jar. */
final class BundledTables {
    /** Parses a table from a stream; {@code name} is used in error messages. */
    interface Parser<T> {
        T parse(InputStream in, String name) throws IOException;
    }

    private BundledTables() {}

    static <T> T load(ClassLoader classLoader, String resource, String what, Parser<T> parser) {
        InputStream in = classLoader.getResourceAsStream(resource);
        if (in == null) {
            throw new RuleSetException(what + " " + resource + " is not on the class path; add the ketamine-cds-rules jar");
        }
        try (in) {
            return parser.parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
