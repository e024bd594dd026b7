package org.ketaminecds.fact;

import java.time.Instant;

/**
 * What is planned after this session.
 *
 * @param nextSessionAt next scheduled ketamine session, absent = none scheduled
 * @param followUpAt next scheduled follow-up assessment or visit, absent = none scheduled
 * @since 0.1.0
 */
public record CoursePlan(Instant nextSessionAt, Instant followUpAt) {}
