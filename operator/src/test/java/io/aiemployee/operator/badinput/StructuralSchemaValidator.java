package io.aiemployee.operator.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a custom resource against the openAPIV3Schema of a generated CRD the way the Kubernetes API
 * server does for the keywords our CRD uses: type (object, array, string, integer, number, boolean,
 * x-kubernetes-int-or-string), enum, minimum, maximum, pattern, maxLength, required, items,
 * additionalProperties. The Fabric8 mock server does not validate, so the bad-input tests use this to
 * show which invalid resources the real API server rejects. Fields the schema does not declare are
 * reported separately: the API server prunes them, or rejects them under strict field validation
 * ({@code kubectl apply} since Kubernetes 1.27).
 */
final class StructuralSchemaValidator {

    record Result(List<String> errors, List<String> unknownFields) {
        boolean rejected() {
            return !errors.isEmpty();
        }
    }

    private final JSONSchemaProps root;

    StructuralSchemaValidator(JSONSchemaProps root) {
        this.root = root;
    }

    static StructuralSchemaValidator fromCrd(Path crdFile) throws IOException {
        try (InputStream in = Files.newInputStream(crdFile)) {
            CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
            return new StructuralSchemaValidator(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
        }
    }

    /** Validates the {@code spec} (and anything else) of a whole resource given as JSON. */
    Result validate(JsonNode resource) {
        var errors = new ArrayList<String>();
        var unknown = new ArrayList<String>();
        // apiVersion, kind and metadata are validated by the API server itself, not by the CRD schema
        Iterator<Map.Entry<String, JsonNode>> fields = resource.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (List.of("apiVersion", "kind", "metadata").contains(field.getKey()) || field.getValue().isNull()) {
                continue;
            }
            JSONSchemaProps schema = root.getProperties().get(field.getKey());
            if (schema == null) {
                unknown.add(field.getKey());
            } else {
                check(field.getValue(), schema, field.getKey(), errors, unknown);
            }
        }
        return new Result(errors, unknown);
    }

    private void check(JsonNode value, JSONSchemaProps schema, String path, List<String> errors, List<String> unknown) {
        if (value == null || value.isNull()) {
            if (!Boolean.TRUE.equals(schema.getNullable())) {
                errors.add(path + ": Invalid value: \"null\": must not be null");
            }
            return;
        }
        if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(path + ": Invalid value: " + describe(value) + ": must be an integer or a string");
            }
            return;
        }
        String type = schema.getType();
        if (type != null && !hasType(value, type)) {
            errors.add(path + ": Invalid value: \"" + nodeType(value) + "\": " + path + " in body must be of type "
                    + type + ": \"" + nodeType(value) + "\"");
            return;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()
                && schema.getEnum().stream().noneMatch(e -> e.equals(value))) {
            errors.add(path + ": Unsupported value: " + describe(value) + ": supported values: " + schema.getEnum());
        }
        if (value.isNumber()) {
            if (schema.getMinimum() != null && value.asDouble() < schema.getMinimum()) {
                errors.add(path + ": Invalid value: " + value + ": " + path + " in body should be greater than or equal to "
                        + schema.getMinimum().longValue());
            }
            if (schema.getMaximum() != null && value.asDouble() > schema.getMaximum()) {
                errors.add(path + ": Invalid value: " + value + ": " + path + " in body should be less than or equal to "
                        + schema.getMaximum().longValue());
            }
        }
        if (value.isTextual()) {
            if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(value.asText()).find()) {
                errors.add(path + ": Invalid value: " + describe(value) + ": " + path + " in body should match '"
                        + schema.getPattern() + "'");
            }
            if (schema.getMaxLength() != null && value.asText().length() > schema.getMaxLength()) {
                errors.add(path + ": Too long: may not be longer than " + schema.getMaxLength());
            }
        }
        if (value.isObject()) {
            if (schema.getRequired() != null) {
                for (String required : schema.getRequired()) {
                    if (!value.has(required)) {
                        errors.add(path + "." + required + ": Required value");
                    }
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String fieldPath = path + "." + field.getKey();
                JSONSchemaProps fieldSchema = schema.getProperties() == null ? null : schema.getProperties().get(field.getKey());
                if (fieldSchema == null && schema.getAdditionalProperties() != null
                        && schema.getAdditionalProperties().getSchema() != null) {
                    fieldSchema = schema.getAdditionalProperties().getSchema();
                }
                if (fieldSchema != null) {
                    check(field.getValue(), fieldSchema, fieldPath, errors, unknown);
                } else if (!Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
                    unknown.add(fieldPath);
                }
            }
        }
        if (value.isArray() && schema.getItems() != null && schema.getItems().getSchema() != null) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.getItems().getSchema(), path + "[" + i + "]", errors, unknown);
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            // like the API server's JSON decoding: 3.0 is an integer, 1.5 is not
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static String nodeType(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        return value.isNumber() ? "number" : value.getNodeType().name().toLowerCase();
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
