package org.ketaminecds.worklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * How a Bulk Data NDJSON line is filed: by the patient it is about. The embedded job and the Spark job read files
 * through the same {@link Reader}, so both report the same problems with the same file names and line numbers.
 */
public final class BulkLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BulkLines() {}

    /**
     * One line of an export file: a patient's resource ({@code patient} set), a shared Medication ({@code medicationId}
     * set), or a line that cannot be used ({@code issue}: one issues.ndjson line with the file and line number).
     */
    public record Entry(String type, String patient, String medicationId, String line, String issue) {}

    /** Reads the entries of one export file, line by line (the file is never held in memory). */
    public static final class Reader implements Iterator<Entry> {
        private final String file;
        private final BufferedReader in;
        private long number;
        private Entry next;

        public Reader(String file, BufferedReader in) {
            this.file = file;
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                String line;
                try {
                    line = in.readLine();
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
                if (!line.isBlank()) {
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
            String patient = type.equals("Patient")
                    ? scan.id
                    : scan.subject != null ? scan.subject : scan.patient != null ? scan.patient : scan.participant;
            if (patient == null) {
                return new Entry(type, null, null, null, issue(file, number, type + " names no patient: not used"));
            }
            return new Entry(type, patient, null, line, null);
        }

        private void close() {
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
