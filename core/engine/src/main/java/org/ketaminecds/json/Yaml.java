package org.ketaminecds.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.ketaminecds.fact.InvalidFactException;

/**
 * YAML reading for policy and scenario files, kept apart so that the optional {@code jackson-dataformat-yaml} is only
 * needed when a YAML file is read. Not part of the public API.
 */
public final class Yaml {
    private Yaml() {}

    /**
     * @throws InvalidFactException if the text is not valid YAML (with its line)
     * @throws IllegalStateException if jackson-dataformat-yaml is not on the class path
     */
    public static JsonNode readTree(String text) {
        try {
            return new YAMLMapper().readTree(text);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(
                    "YAML files need com.fasterxml.jackson.dataformat:jackson-dataformat-yaml"
                            + " on the class path; add it, or write the file as JSON",
                    e);
        } catch (JsonProcessingException e) {
            throw new InvalidFactException(
                    "$",
                    "is not valid YAML (line "
                            + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
    }

    /** Whether a file name says YAML ({@code .yaml} or {@code .yml}). */
    public static boolean isYaml(String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml");
    }
}
