package org.ketaminecds.worklist;

import java.io.Serializable;

/**
 * The bounds on what one worklist run reads, so that a hostile or broken export costs time and a reported issue, never
 * the memory or disk every other patient needs. Limits of the job, not clinical numbers; each is an option of the
 * {@code worklist} command, with these defaults. A breach is reported in issues.ndjson with the file (and line) and
 * the run goes on.
 *
 * @param lineChars the longest line read (default 16 Mi characters, about 32 MiB in memory: far above any FHIR
 *     resource of a bulk export without attachments); a longer line is reported and skipped
 * @param compressionRatio the most a gzip file may decompress to per compressed byte, checked once 64 MiB have come
 *     out (default 100; NDJSON compresses about 10:1); beyond, the file is a compression bomb and is read no further
 * @param fileBytes the most read from one export file, decompressed (default 64 GiB); the rest of the file is not read,
 *     so that an endless or enormous file cannot fill the disk the job spreads the export over
 * @param resourcesPerPatient resources read per patient (default 200,000: years of vital signs are far fewer); beyond,
 *     the patient is reviewed on what was read and listed as not fully reviewed
 * @param issuesPerKind issue lines written per kind of problem (default 1,000); beyond, they are counted in one line,
 *     so that ten million unreadable lines give a short issues file, not a copy of the export
 */
public record ReadLimits(
        int lineChars, int compressionRatio, long fileBytes, int resourcesPerPatient, int issuesPerKind)
        implements Serializable {
    /** The defaults named above. */
    public static final ReadLimits DEFAULTS = new ReadLimits(16 << 20, 100, 64L << 30, 200_000, 1_000);

    /** Once this much has come out of a gzip file, its compression ratio is checked. */
    static final long RATIO_CHECKED_AFTER = 64L << 20;

    public ReadLimits {
        atLeast("--max-line-chars", lineChars, 1024);
        atLeast("--max-compression-ratio", compressionRatio, 2);
        atLeast("--max-file-size", fileBytes, 1024);
        atLeast("--max-resources-per-patient", resourcesPerPatient, 1);
        atLeast("--max-issues-per-kind", issuesPerKind, 1);
    }

    private static void atLeast(String option, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(option + " must be at least " + least + ", was " + value);
        }
    }
}
