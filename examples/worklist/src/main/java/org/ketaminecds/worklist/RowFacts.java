package org.ketaminecds.worklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.knowledge.InstrumentTrajectory;
import org.ketaminecds.knowledge.Trajectories;
import org.ketaminecds.policy.SitePolicy;

/**
 * What a worklist row says besides its cards: who the patient is (name, birth date, MRN, as the export records them),
 * the headline finding and what to do, the other findings by level, the last and next session, and the latest score
 * of the instrument the course is judged on with its change from baseline (the trajectory the rules read, not a
 * second derivation). Facts for a clinic to act on; no clinical decision is made here.
 */
final class RowFacts {
    /** The identifier type code for a medical record number (HL7 v2 table 0203). */
    static final String MR = "MR";

    private RowFacts() {}

    /**
     * Adds {@code name}, {@code birthDate} and {@code mrn} from the Patient resource, each only when recorded.
     *
     * @param mrnSystem the identifier system the site's MRN uses, or null: then the first identifier of use "usual" or
     *     "official", else the first typed MR
     */
    static void identity(ObjectNode row, JsonNode patient, String mrnSystem) {
        if (patient == null) {
            return;
        }
        String name = name(patient.path("name"));
        if (name != null) {
            row.put("name", name);
        }
        if (patient.path("birthDate").isTextual()) {
            row.put("birthDate", patient.path("birthDate").asText());
        }
        String mrn = mrn(patient.path("identifier"), mrnSystem);
        if (mrn != null) {
            row.put("mrn", mrn);
        }
    }

    /** The official name, else the usual one, else the first; its text, else given names and family name. */
    static String name(JsonNode names) {
        JsonNode chosen = null;
        for (String use : List.of("official", "usual")) {
            for (JsonNode n : names) {
                if (chosen == null && use.equals(n.path("use").asText())) {
                    chosen = n;
                }
            }
        }
        if (chosen == null && names.size() > 0) {
            chosen = names.get(0);
        }
        if (chosen == null) {
            return null;
        }
        if (chosen.path("text").isTextual() && !chosen.path("text").asText().isBlank()) {
            return chosen.path("text").asText().strip();
        }
        StringBuilder b = new StringBuilder();
        chosen.path("given").forEach(g -> b.append(b.isEmpty() ? "" : " ").append(g.asText()));
        if (chosen.path("family").isTextual()) {
            b.append(b.isEmpty() ? "" : " ").append(chosen.path("family").asText());
        }
        String name = b.toString().strip();
        return name.isEmpty() ? null : name;
    }

    static String mrn(JsonNode identifiers, String mrnSystem) {
        if (mrnSystem != null) {
            for (JsonNode i : identifiers) {
                if (mrnSystem.equals(i.path("system").asText())
                        && i.path("value").isTextual()) {
                    return i.path("value").asText();
                }
            }
            return null; // the site named its system: no guessing
        }
        for (JsonNode i : identifiers) {
            String use = i.path("use").asText();
            if ((use.equals("usual") || use.equals("official"))
                    && i.path("value").isTextual()) {
                return i.path("value").asText();
            }
        }
        for (JsonNode i : identifiers) {
            for (JsonNode coding : i.path("type").path("coding")) {
                if (MR.equals(coding.path("code").asText()) && i.path("value").isTextual()) {
                    return i.path("value").asText();
                }
            }
        }
        return null;
    }

    /**
     * Adds {@code headline} (the most urgent card: rule, level, summary and its first suggestion as the action, when it
     * offers one) and {@code others} (the other cards counted by level).
     */
    static void findings(ObjectNode row, List<Card> cards) {
        Card top = cards.get(0);
        for (Card c : cards) {
            if (c.indicator().compareTo(top.indicator()) > 0) {
                top = c;
            }
        }
        ObjectNode headline = row.putObject("headline")
                .put("ruleId", top.ruleId())
                .put("indicator", top.indicator().code())
                .put("summary", top.summary());
        if (!top.suggestions().isEmpty()) {
            headline.put("action", top.suggestions().get(0).label());
        }
        Map<Indicator, Integer> others = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (Card c : cards) {
            if (c != top) {
                others.merge(c.indicator(), 1, Integer::sum);
            }
        }
        ObjectNode o = row.putObject("others");
        others.forEach((level, n) -> o.put(level.code(), n));
    }

    /**
     * Adds {@code lastSession} and {@code nextSession} (dates in the offset of the review instant), and
     * {@code latestScore}: the instrument the course is judged on, its latest total and date, the baseline, the
     * improvement from baseline in percent (negative: worse) and the previous total.
     */
    static void course(ObjectNode row, SessionContext c, SitePolicy policy) {
        ZoneOffset zone = c.asOf().getOffset();
        Instant last = null;
        for (PriorSession s : c.priorSessions()) {
            if (s.attendance() == Attendance.COMPLETED && (last == null || s.at().isAfter(last))) {
                last = s.at();
            }
        }
        if (c.session() != null && c.session().doseAt() != null) {
            last = c.session().doseAt();
        }
        if (last != null) {
            row.put("lastSession", last.atOffset(zone).toLocalDate().toString());
        }
        if (c.plan() != null && c.plan().nextSessionAt() != null) {
            row.put(
                    "nextSession",
                    c.plan().nextSessionAt().atOffset(zone).toLocalDate().toString());
        }
        List<InstrumentTrajectory> primary = Trajectories.primary(c, policy);
        if (primary.isEmpty()) {
            return;
        }
        InstrumentTrajectory t = primary.get(0);
        List<Integer> totals = t.totals();
        ObjectNode score = row.putObject("latestScore")
                .put("instrument", t.instrument().label())
                .put("total", totals.get(totals.size() - 1))
                .put("at", t.latestAt().atOffset(zone).toLocalDate().toString());
        if (totals.size() > 1) {
            score.put("baseline", totals.get(0)).put("previous", totals.get(totals.size() - 2));
            if (t.improvementPercent() != null) {
                score.put("improvementPercent", t.improvementPercent());
            }
        }
    }
}
