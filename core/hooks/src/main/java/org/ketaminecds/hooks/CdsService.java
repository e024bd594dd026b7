package org.ketaminecds.hooks;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One CDS Hooks service of Ketamine CDS: which hook it answers, what it prefetches, and which card topics (hence
 * rules) it shows.
 *
 * @param id service id ({@code {baseUrl}/cds-services/{id}})
 * @param hook the hook, e.g. {@code order-sign}
 * @param title human-readable title
 * @param description what the service does (markdown)
 * @param prefetch prefetch templates, key to FHIR query
 * @param required prefetch keys without which the evaluation cannot run (answered with 412 when they cannot be had)
 * @param requiredContext context fields the hook must send
 * @param topics card topics this service shows (the rules behind them are listed in the README)
 * @since 0.1.0
 */
public record CdsService(
        String id,
        String hook,
        String title,
        String description,
        Map<String, String> prefetch,
        Set<String> required,
        List<String> requiredContext,
        Set<String> topics) {
    public CdsService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hook, "hook");
        prefetch = Map.copyOf(prefetch);
        required = Set.copyOf(required);
        requiredContext = List.copyOf(requiredContext);
        topics = Set.copyOf(topics);
    }

    /**
     * Whether this service shows the cards of {@code rule}: the services of the rule's {@code @hooks} metadata, or else
     * those whose topics include its {@code @topic}.
     */
    public boolean shows(org.ketaminecds.cds.RuleDescription rule) {
        return rule.hooks().isEmpty()
                ? rule.topic() != null && topics.contains(rule.topic())
                : rule.hooks().contains(hook);
    }
}
