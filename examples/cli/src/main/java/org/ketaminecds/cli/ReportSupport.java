package org.ketaminecds.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.json.CdsJson;

/** The report command's reading of a course folder, for other code (and tests). */
public final class ReportSupport {
    private ReportSupport() {}

    /** A folder of one course's snapshots as one context (see the report command). */
    public static SessionContext course(Path folder) throws IOException {
        return CdsJson.readContext(ReportCommand.course(folder).toString());
    }
}
