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
 * @param groundsToSpeak on which grounds for the ketamine topic this service speaks (see
 *     {@link org.ketaminecds.spi.KetamineTopic}): the order checks speak about a ketamine order being placed (or one
 *     that could not be evaluated), the others also about a course on record; for any other record the service
 *     answers with no card
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
        Set<String> topics,
        Set<String> groundsToSpeak) {
    public CdsService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hook, "hook");
        prefetch = Map.copyOf(prefetch);
        required = Set.copyOf(required);
        requiredContext = List.copyOf(requiredContext);
        topics = Set.copyOf(topics);
        groundsToSpeak = Set.copyOf(groundsToSpeak);
    }

    /** Every ground: a session today, a course on record, a ketamine order that could not be evaluated. */
    public static final Set<String> ANY_KETAMINE_GROUND = Set.of(
            org.ketaminecds.spi.KetamineTopic.SESSION_TODAY,
            org.ketaminecds.spi.KetamineTopic.COURSE_ON_RECORD,
            org.ketaminecds.spi.KetamineTopic.UNEVALUATED_ORDER,
            org.ketaminecds.spi.KetamineTopic.ASSUMED);

    /** A ketamine order being placed, or one that could not be evaluated (the order checks). */
    public static final Set<String> KETAMINE_ORDER_GROUNDS = Set.of(
            org.ketaminecds.spi.KetamineTopic.SESSION_TODAY,
            org.ketaminecds.spi.KetamineTopic.UNEVALUATED_ORDER,
            org.ketaminecds.spi.KetamineTopic.ASSUMED);

    /**
     * A service with the standard grounds for its hook: the order hooks speak about ketamine orders only.
     *
     * @param id service id
     * @param hook the hook
     * @param title title
     * @param description description
     * @param prefetch prefetch templates
     * @param required required prefetch keys
     * @param requiredContext required context fields
     * @param topics card topics shown
     */
    public CdsService(
            String id,
            String hook,
            String title,
            String description,
            Map<String, String> prefetch,
            Set<String> required,
            List<String> requiredContext,
            Set<String> topics) {
        this(
                id,
                hook,
                title,
                description,
                prefetch,
                required,
                requiredContext,
                topics,
                hook.startsWith("order-") ? KETAMINE_ORDER_GROUNDS : ANY_KETAMINE_GROUND);
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
