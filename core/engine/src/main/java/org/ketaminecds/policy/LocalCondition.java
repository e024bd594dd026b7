package org.ketaminecds.policy;

import java.util.List;
import org.ketaminecds.fact.ConditionCategory;
import org.ketaminecds.fact.InvalidFactException;

/**
 * A site's addition to the condition-code table: local codes or names that put a problem-list entry into a
 * screening category.
 *
 * @param category the screening category
 * @param system code system URI of {@code codes} (e.g. a local one); required when codes are given
 * @param codes codes in that system (exact; a trailing {@code *} matches by prefix)
 * @param names names matched on whole words
 * @param reason why the site adds them (shown in the policy report)
 * @since 0.1.0
 */
public record LocalCondition(
        ConditionCategory category, String system, List<String> codes, List<String> names, String reason) {
    public LocalCondition {
        if (category == null) {
            throw new InvalidFactException("category", "is required");
        }
        codes = codes == null ? List.of() : List.copyOf(codes);
        names = names == null ? List.of() : List.copyOf(names);
        if (codes.isEmpty() && names.isEmpty()) {
            throw new InvalidFactException("codes", "a local condition needs codes or names");
        }
        if (!codes.isEmpty() && (system == null || system.isBlank())) {
            throw new InvalidFactException("system", "is required with codes");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidFactException("reason", "a local condition needs a written reason");
        }
    }
}
