package org.ketaminecds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.json.CdsJson;

/**
 * A CDS Hooks feedback request read into events, or the 400 that names its first bad entry: at most
 * {@value CdsHooksHandler#MAX_FEEDBACK_ENTRIES} entries; the card and accepted suggestions UUIDs; an outcome of
 * accepted or overridden; an override reason a Coding without spaces or control characters; an ISO-8601 outcome
 * timestamp with an offset. Free text (the user comment) is never kept: only whether one was given.
 */
final class FeedbackRequests {
    private FeedbackRequests() {}

    /** The events, or the error response (exactly one is set). */
    record Parsed(List<FeedbackEvent> events, HookResponse error) {}

    private static Parsed invalid(String diagnostics) {
        return new Parsed(null, CdsHooksHandler.outcome(400, "invalid", diagnostics));
    }

    static Parsed parse(String serviceId, String json) {
        JsonNode root;
        try {
            root = CdsJson.readTree(json);
        } catch (InvalidFactException e) {
            return invalid("malformed JSON: " + e.getMessage());
        }
        JsonNode list = root.path("feedback");
        if (!list.isArray() || list.isEmpty()) {
            return invalid("feedback must be a non-empty array");
        }
        if (list.size() > CdsHooksHandler.MAX_FEEDBACK_ENTRIES) {
            return invalid("feedback holds more than " + CdsHooksHandler.MAX_FEEDBACK_ENTRIES + " entries");
        }
        List<FeedbackEvent> events = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode f = list.get(i);
            String where = "feedback[" + i + "]";
            String card = f.path("card").asText("");
            if (!f.path("card").isTextual()
                    || !HookRequests.UUID_PATTERN.matcher(card).matches()) {
                return invalid(where + ".card must be the uuid of a card");
            }
            String outcome = f.path("outcome").asText("");
            if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
                return invalid(where + ".outcome must be accepted or overridden");
            }
            List<String> accepted = new ArrayList<>();
            for (JsonNode s : f.path("acceptedSuggestions")) {
                String id = s.path("id").asText("");
                if (!s.path("id").isTextual()
                        || !HookRequests.UUID_PATTERN.matcher(id).matches()) {
                    return invalid(where + ".acceptedSuggestions entries need a uuid id");
                }
                accepted.add(id);
            }
            if (!accepted.isEmpty() && !outcome.equals("accepted")) {
                return invalid(where + ".acceptedSuggestions is only allowed with outcome accepted");
            }
            String reason = null;
            boolean comment = false;
            if (f.has("overrideReason")) {
                if (!outcome.equals("overridden")) {
                    return invalid(where + ".overrideReason is only allowed with outcome overridden");
                }
                JsonNode r = f.get("overrideReason");
                JsonNode coding = r.path("reason");
                if (coding.isObject()) {
                    String code = coding.path("code").asText("");
                    String system = coding.path("system").asText("");
                    if (!HookRequests.TOKEN.matcher(code).matches()
                            || !HookRequests.TOKEN.matcher(system).matches()) {
                        return invalid(where + ".overrideReason.reason must be a Coding with system and "
                                + "code (no spaces or control characters)");
                    }
                    reason = system + "|" + code;
                }
                comment = r.hasNonNull("userComment")
                        && !r.get("userComment").asText().isBlank();
            }
            Instant at;
            try {
                at = OffsetDateTime.parse(f.path("outcomeTimestamp").asText("")).toInstant();
            } catch (DateTimeParseException e) {
                return invalid(where + ".outcomeTimestamp must be an ISO-8601 instant with an offset");
            }
            events.add(new FeedbackEvent(serviceId, card, outcome, accepted, reason, comment, at));
        }
        return new Parsed(List.copyOf(events), null);
    }
}
