package org.ketaminecds.cds;

import java.util.List;
import java.util.Objects;

/**
 * CDS Hooks suggestion: a labelled option the clinician may accept. Actions are descriptions of what accepting
 * means for the record ({@code create}, {@code update} or {@code delete}); none carries a FHIR resource yet.
 *
 * @param label required
 * @param uuid identifier reported back in feedback
 * @param isRecommended whether this is the recommended option
 * @param actions what accepting does
 * @since 0.1.0
 */
public record Suggestion(String label, String uuid, boolean isRecommended, List<Action> actions) {
    public Suggestion {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(uuid, "uuid");
        actions = List.copyOf(actions);
    }

    /**
     * A CDS Hooks action.
     *
     * @param type {@code create}, {@code update} or {@code delete}
     * @param description required human-readable description
     */
    public record Action(String type, String description) {
        public Action {
            if (!List.of("create", "update", "delete").contains(type)) {
                throw new IllegalArgumentException("action.type must be create, update or delete, was '" + type + "'");
            }
            Objects.requireNonNull(description, "description");
        }
    }
}
