package org.ketaminecds.worklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * How a Bulk Data NDJSON line is filed: by the patient it is about. The embedded job and the Spark job read files
 * through the same {@link Reader}, so both report the same problems with the same file names and line numbers.
 */
public final class BulkLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BulkLines() {}

    /**
     * Opens one export file for reading with the limits: a {@code .gz} file is decompressed, and reading stops with an
     * error naming the file once more than {@link ReadLimits#fileBytes()} have come out, or (gzip) once more than 64
     * MiB have come out at more than {@link ReadLimits#compressionRatio()} times the compressed bytes read. The
     * {@link Reader} reports that error as the file's last issue.
     *
     * @param raw the file's bytes
     * @param file the file's name, for the messages (and {@code .gz} for gzip)
     * @param limits the run's limits
     * @return the file's text
     * @throws IOException if a gzip file is not gzip
     */
    public static BufferedReader open(InputStream raw, String file, ReadLimits limits) throws IOException {
        Counted compressed = new Counted(raw);
        boolean gzip = file.endsWith(".gz");
        InputStream text = gzip ? new GZIPInputStream(compressed, 1 << 16) : compressed;
        InputStream bounded = new Counted(text) {
            @Override
            void counted() throws IOException {
                if (bytes > limits.fileBytes()) {
                    throw new IOException(file + " holds more than " + limits.fileBytes()
                            + " bytes (--max-file-size): not read further");
                }
                if (gzip
                        && bytes > ReadLimits.RATIO_CHECKED_AFTER
                        && bytes > compressed.bytes * limits.compressionRatio()) {
                    throw new IOException(file + " decompresses to more than " + limits.compressionRatio()
                            + " times its size (a compression bomb?): not read further");
                }
            }
        };
        return new BufferedReader(new InputStreamReader(bounded, StandardCharsets.UTF_8), 1 << 16);
    }

    /** A stream that counts the bytes read through it. */
    private static class Counted extends FilterInputStream {
        long bytes;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            bytes += b < 0 ? 0 : 1;
            counted();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            bytes += Math.max(n, 0);
            counted();
            return n;
        }

        void counted() throws IOException {}
    }

    /**
     * One line of an export file: a patient's resource ({@code patient} set), a shared Medication ({@code medicationId}
     * set), a Group (type Group, {@code line} set, neither id), or a line that cannot be used ({@code issue}: one
     * issues.ndjson line with the file and line number).
     */
    public record Entry(String type, String patient, String medicationId, String line, String issue) {}

    /** Reads the entries of one export file, line by line (the file is never held in memory). */
    public static final class Reader implements Iterator<Entry> {
        private final String file;
        private final BufferedReader in;
        private final int maxLineChars;
        private long number;
        private Entry next;

        private final char[] buffer = new char[1 << 16];
        private int position;
        private int end;
        private boolean lastTooLong;
        private boolean closed;

        /**
         * @param file the file's name, for the issues
         * @param in its text (see {@link BulkLines#open})
         * @param maxLineChars the longest line read ({@link ReadLimits#lineChars()})
         */
        public Reader(String file, BufferedReader in, int maxLineChars) {
            this.file = file;
            this.in = in;
            this.maxLineChars = maxLineChars;
        }

        /**
         * The next line without its line end, or null at the end of the file. A line longer than
         * {@code maxLineChars} is read to its end but not kept ({@code lastTooLong}), so a file that is one huge
         * line (a 2 GiB line, a compression bomb of zeros) costs time, never memory.
         */
        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            boolean any = false;
            lastTooLong = false;
            while (true) {
                if (position >= end) {
                    end = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (end <= 0) {
                        end = 0;
                        return any ? finish(line) : null;
                    }
                }
                any = true;
                int start = position;
                while (position < end && buffer[position] != '\n') {
                    position++;
                }
                if (!lastTooLong) {
                    if (line.length() + (position - start) <= maxLineChars) {
                        line.append(buffer, start, position - start);
                    } else {
                        lastTooLong = true;
                        line = new StringBuilder();
                    }
                }
                if (position < end) {
                    position++; // the newline
                    return finish(line);
                }
            }
        }

        private static String finish(StringBuilder line) {
            int length = line.length();
            if (length > 0 && line.charAt(length - 1) == '\r') {
                line.setLength(length - 1);
            }
            return line.toString();
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (closed) {
                    return false; // after the end, or after a read error already reported once
                }
                String line;
                try {
                    line = readLine();
                } catch (IOException e) {
                    next = new Entry(
                            null,
                            null,
                            null,
                            null,
                            issue(file, number + 1, "the file could not be read to its end: " + e.getMessage()));
                    close();
                    return true;
                }
                if (line == null) {
                    close();
                    return false;
                }
                number++;
                if (lastTooLong) {
                    next = new Entry(
                            null,
                            null,
                            null,
                            null,
                            issue(
                                    file,
                                    number,
                                    "line longer than " + maxLineChars + " characters (--max-line-chars): not read"));
                } else if (!line.isBlank()) {
                    next = entry(line);
                }
            }
            return true;
        }

        @Override
        public Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Entry e = next;
            next = null;
            return e;
        }

        private Entry entry(String line) {
            Scan scan;
            try {
                scan = scan(line);
            } catch (IOException e) {
                String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                        ? j.getOriginalMessage()
                        : e.getMessage();
                return new Entry(
                        null,
                        null,
                        null,
                        null,
                        issue(
                                file,
                                number,
                                "not a JSON resource: "
                                        + String.valueOf(message).replaceAll("[\\r\\n]+", " ")));
            }
            String type = scan.type;
            if (type == null) {
                return new Entry(null, null, null, null, issue(file, number, "no resourceType: not a FHIR resource"));
            }
            if (type.equals("Medication")) {
                return scan.id != null
                        ? new Entry(type, null, scan.id, line, null)
                        : new Entry(
                                type,
                                null,
                                null,
                                null,
                                issue(file, number, "Medication without an id: no order can refer to it"));
            }
            if (type.equals("Group")) {
                // A cohort the site may name (--cohort with Group/id); about no single patient.
                return scan.id != null
                        ? new Entry(type, null, null, line, null)
                        : new Entry(type, null, null, null, issue(file, number, "Group without an id: not used"));
            }
            String patient = type.equals("Patient")
                    ? scan.id
                    : scan.subject != null ? scan.subject : scan.patient != null ? scan.patient : scan.participant;
            if (patient == null) {
                return new Entry(type, null, null, null, issue(file, number, type + " names no patient: not used"));
            }
            return new Entry(type, patient, null, line, null);
        }

        private void close() {
            closed = true;
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What filing a line needs, read with the streaming parser (no tree is built; the whole line is still parsed). */
    static final class Scan {
        String type;
        String id;
        String subject;
        String patient;
        String participant;
    }

    private static final com.fasterxml.jackson.core.JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactory();

    /**
     * Scans one line: the top-level {@code resourceType} and {@code id}, {@code subject.reference},
     * {@code patient.reference} and the first Patient among {@code participant[].actor.reference}; every other value
     * is skipped. Throws if the line is not exactly one JSON object; a value of the wrong kind reads as absent.
     */
    static Scan scan(String line) throws IOException {
        Scan s = new Scan();
        try (com.fasterxml.jackson.core.JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                p.skipChildren();
                if (p.nextToken() != null) {
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "more than one JSON value on the line");
                }
                return s;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = p.currentName();
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                switch (field) {
                    case "resourceType" ->
                        s.type = value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? p.getText() : null;
                    case "id" -> s.id = value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? p.getText() : null;
                    case "subject" -> s.subject = patientId(reference(p, value));
                    case "patient" -> s.patient = patientId(reference(p, value));
                    case "participant" -> {
                        if (value == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                                    String name = p.currentName();
                                    com.fasterxml.jackson.core.JsonToken v = p.nextToken();
                                    String id = name.equals("actor") ? patientId(reference(p, v)) : null;
                                    if (!name.equals("actor")) {
                                        p.skipChildren();
                                    }
                                    if (s.participant == null) {
                                        s.participant = id;
                                    }
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "more than one JSON value on the line");
            }
        }
        if (s.id != null && !s.id.matches("[A-Za-z0-9\\-.]{1,64}")) {
            s.id = null;
        }
        return s;
    }

    /** The {@code reference} of the object the parser is at (its other fields skipped), or null. */
    private static String reference(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.core.JsonToken at)
            throws IOException {
        if (at != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String ref = null;
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            String name = p.currentName();
            com.fasterxml.jackson.core.JsonToken v = p.nextToken();
            if (name.equals("reference") && v == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                ref = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return ref;
    }

    /** A line that could not be used, as an issues.ndjson line. */
    public static String issue(String file, long line, String problem) {
        return JSON.createObjectNode()
                .put("file", file)
                .put("line", line)
                .put("problem", problem)
                .toString();
    }

    /**
     * The active members of a Group resource: the patient ids of {@code member[].entity} not marked inactive.
     *
     * @param group the Group resource
     */
    public static java.util.Set<String> members(com.fasterxml.jackson.databind.JsonNode group) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode m : group.path("member")) {
            String id = patientId(m.path("entity").path("reference").asText(null));
            if (id != null && !m.path("inactive").asBoolean(false)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** "abc" from "Patient/abc", "https://x/fhir/Patient/abc" or "Patient/abc/_history/2"; null otherwise. */
    static String patientId(String reference) {
        if (reference == null) {
            return null;
        }
        int at = reference.lastIndexOf("Patient/");
        if (at < 0 || (at > 0 && reference.charAt(at - 1) != '/')) {
            return null;
        }
        String rest = reference.substring(at + "Patient/".length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        return id.matches("[A-Za-z0-9\\-.]{1,64}") ? id : null;
    }
}
