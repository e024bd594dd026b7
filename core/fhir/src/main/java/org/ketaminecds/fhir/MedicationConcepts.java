package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.Coding;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationStatus;
import org.ketaminecds.fact.ProductIngredient;

/**
 * What medicine an order, statement or administration is about: {@code medicationCodeableConcept}, the R4B/R5
 * {@code medication} CodeableReference, or the Medication its reference points to; a Medication without a code of
 * its own is read by its {@code ingredient[].item} (CodeableConcept, Substance or Medication reference), as
 * compounding pharmacies and many EHRs send compounded and combination products. Stateless.
 */
final class MedicationConcepts {
    /**
     * A medicine as the record describes it.
     *
     * @param code the RxNorm coding of the product, or null
     * @param text its text or display, or null
     * @param ingredients its ingredients when the product is described by them
     * @param form the Medication's dose form in words ("Troche"), or null
     */
    record Described(Coding code, String text, List<ProductIngredient> ingredients, String form) {
        /** Whether anything identifies the medicine. */
        boolean identified() {
            return code != null || text != null || !ingredients.isEmpty();
        }

        /** An active medication entry of it, for recognising it in the vocabulary. */
        Medication probe() {
            return new Medication(code, text, null, null, MedicationStatus.ACTIVE, null, null, null, ingredients);
        }
    }

    private MedicationConcepts() {}

    /**
     * The medicine a resource is about, or null when it names none, or its reference is not in the input (see
     * {@link #reference}). A Medication it refers to is noted as used.
     */
    static Described of(JsonNode r, ReadContext read) {
        if (r.has("medicationCodeableConcept")) {
            return concept(r.get("medicationCodeableConcept"), null);
        }
        JsonNode codeableReference = r.path("medication");
        if (codeableReference.has("concept")) {
            return concept(codeableReference.get("concept"), null);
        }
        JsonNode target = read.index.resolve(r, reference(r));
        if (target == null || !target.path("resourceType").asText().equals("Medication")) {
            return null;
        }
        read.index.referenced(target);
        String form = Values.text(target.path("form"));
        Described own = concept(target.path("code"), form);
        if (own.code() != null || own.text() != null) {
            return own;
        }
        return new Described(null, null, ingredients(target, read), form);
    }

    /** The reference to a Medication resource ({@code medicationReference}, or R5 {@code medication.reference}). */
    static String reference(JsonNode r) {
        String ref = r.path("medicationReference").path("reference").asText(null);
        return ref != null
                ? ref
                : r.path("medication").path("reference").path("reference").asText(null);
    }

    private static Described concept(JsonNode concept, String form) {
        return new Described(Values.firstCoding(concept, CodeSystems.RXNORM), Values.text(concept), List.of(), form);
    }

    /**
     * A Medication's ingredients: each {@code itemCodeableConcept} (R4), {@code item.concept} (R5), or the code of the
     * Substance or Medication {@code itemReference} / {@code item.reference} points to: RxNorm coding and name.
     */
    private static List<ProductIngredient> ingredients(JsonNode medication, ReadContext read) {
        List<ProductIngredient> found = new ArrayList<>();
        for (JsonNode ingredient : medication.path("ingredient")) {
            JsonNode concept = ingredient.has("itemCodeableConcept")
                    ? ingredient.get("itemCodeableConcept")
                    : ingredient.path("item").path("concept");
            if (concept.isMissingNode()) {
                String ref = ingredient
                        .path("itemReference")
                        .path("reference")
                        .asText(ingredient
                                .path("item")
                                .path("reference")
                                .path("reference")
                                .asText(null));
                JsonNode target = read.index.resolve(medication, ref);
                if (target == null) {
                    read.issue(
                            medication,
                            "ingredient " + (ref == null ? "without an item" : ref + " is not in the input")
                                    + ": not checked");
                    continue;
                }
                concept = target.path("code");
            }
            Coding rxnorm = Values.firstCoding(concept, CodeSystems.RXNORM);
            String text = Values.text(concept);
            if (rxnorm == null && text == null) {
                read.issue(medication, "an ingredient without an RxNorm coding or a name: not checked");
                continue;
            }
            found.add(new ProductIngredient(rxnorm, text));
        }
        return found;
    }
}
