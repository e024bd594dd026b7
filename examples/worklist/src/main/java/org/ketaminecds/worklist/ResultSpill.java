package org.ketaminecds.worklist;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The patients' results of a run, kept on disk as they come: each row and issues line is appended to a spill file and
 * only its sort key (urgency, patient id, where it is) stays in memory, so that a million listed patients cost their
 * keys, not their rows (rows held in memory filled a 1 GiB heap before 1 million patients were reviewed). The outputs
 * are then written in worklist order by reading each line back from its place. Counts for the summary are kept as the
 * results come.
 */
final class ResultSpill implements AutoCloseable {
    /** Where one line is: its sort fields and its bytes in the spill file. */
    record Key(int urgency, String patient, long offset, int length) {}

    /** Rows: most urgent first, then by patient id. */
    static final Comparator<Key> ROW_ORDER =
            Comparator.comparingInt((Key k) -> -k.urgency()).thenComparing(Key::patient);

    private final FileChannel rows;
    private final FileChannel issues;
    private final List<Key> rowKeys = new ArrayList<>();
    private final List<Key> issueKeys = new ArrayList<>();
    private long rowsEnd;
    private long issuesEnd;

    private final Map<String, Long> byUrgency = new LinkedHashMap<>();
    long inCohort;
    long deceased;

    ResultSpill(Path dir) throws IOException {
        this.rows = FileChannel.open(
                dir.resolve("rows.spill"),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.issues = FileChannel.open(
                dir.resolve("issues.spill"),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    /** Keeps one patient's result: its row and issues on disk, its keys and counts here. */
    void add(PatientReview.Result r) throws IOException {
        if (r.cohort() == PatientReview.Cohort.COURSE || r.cohort() == PatientReview.Cohort.NAMED) {
            inCohort++;
        } else if (r.cohort() == PatientReview.Cohort.DECEASED) {
            deceased++;
        }
        if (r.row() != null) {
            int length = append(rows, rowsEnd, r.row());
            rowKeys.add(new Key(r.urgency().ordinal(), r.patientId(), rowsEnd, length));
            rowsEnd += length;
            byUrgency.merge(r.urgency().code(), 1L, Long::sum);
        }
        if (r.issues() != null) {
            int length = append(issues, issuesEnd, r.issues());
            issueKeys.add(new Key(0, r.patientId(), issuesEnd, length));
            issuesEnd += length;
        }
    }

    private static int append(FileChannel channel, long at, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        int length = bytes.remaining();
        long position = at;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        return length;
    }

    long rowCount() {
        return rowKeys.size();
    }

    long issueCount() {
        return issueKeys.size();
    }

    /** The byUrgency counts, most urgent first. */
    Map<String, Long> byUrgencyMostUrgentFirst() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String level : List.of("critical", "warning", "info")) {
            Long n = byUrgency.get(level);
            if (n != null) {
                ordered.put(level, n);
            }
        }
        return ordered;
    }

    /** Calls {@code each} with every row, in worklist order. */
    void rows(LineConsumer each) throws IOException {
        rowKeys.sort(ROW_ORDER);
        read(rows, rowKeys, each);
    }

    /** Calls {@code each} with every patient's issues line, by patient id. */
    void issues(LineConsumer each) throws IOException {
        issueKeys.sort(Comparator.comparing(Key::patient));
        read(issues, issueKeys, each);
    }

    private static void read(FileChannel channel, List<Key> keys, LineConsumer each) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (Key k : keys) {
            if (buffer.capacity() < k.length()) {
                buffer = ByteBuffer.allocate(k.length());
            }
            buffer.clear().limit(k.length());
            long position = k.offset();
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("the worklist's spill file ended early");
                }
                position += n;
            }
            each.accept(new String(buffer.array(), 0, k.length(), StandardCharsets.UTF_8));
        }
    }

    /** Receives lines; may write them. */
    @FunctionalInterface
    interface LineConsumer {
        void accept(String line) throws IOException;
    }

    /** Writes a line and its newline. */
    static void line(Writer w, String line) throws IOException {
        w.write(line);
        w.write('\n');
    }

    @Override
    public void close() throws IOException {
        try (rows) {
            issues.close();
        }
    }
}
