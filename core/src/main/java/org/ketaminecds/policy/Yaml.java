package org.ketaminecds.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.ketaminecds.InvalidFactException;

/** YAML reading, kept apart so that the optional {@code jackson-dataformat-yaml} is only needed when used. */
final class Yaml {
    private Yaml() {}

    static JsonNode readTree(String text) {
        final Object mapper;
        try {
            mapper = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("YAML files need com.fasterxml.jackson.dataformat:jackson-dataformat-yaml"
                    + " on the class path; add it, or write the file as JSON", e);
        }
        try {
            return ((com.fasterxml.jackson.dataformat.yaml.YAMLMapper) mapper).readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidFactException("$", "is not valid YAML (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
    }
}
