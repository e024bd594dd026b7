package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps one resource type into the draft of facts. A mapper reports what it cannot use and never depends on another
 * mapper (ArchUnit checks it); what several share (values, medication concepts, dosages) is in helpers.
 */
interface ResourceMapper {
    /** The resource types it maps. */
    java.util.Set<String> types();

    /**
     * Maps a resource of one of its types.
     *
     * @return whether the resource was used (mapped); if not, an issue says why
     * @throws IllegalArgumentException or {@link org.ketaminecds.fact.InvalidFactException} when a value cannot be
     *     read; the reader reports the resource as not mapped, with the message
     */
    boolean map(JsonNode resource, ReadContext read);
}
