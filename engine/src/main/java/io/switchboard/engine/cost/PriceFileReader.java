package io.switchboard.engine.cost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a price file (the shape of the bundled {@code prices.json}) into a {@link PriceCatalog}.
 * Prices are read as exact decimals, never through {@code double}.
 */
final class PriceFileReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private PriceFileReader() {}

    static PriceCatalog read(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("price file is not valid JSON", e);
        }
        if (root == null || !root.path("models").isObject()) {
            throw new IllegalArgumentException("price file has no 'models' object");
        }
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        root.path("models").properties().forEach(e -> prices.put(e.getKey(), price(e.getKey(), e.getValue())));
        Map<String, String> aliases = new LinkedHashMap<>();
        root.path("aliases").properties().forEach(e -> aliases.put(e.getKey(), e.getValue().asText()));
        return new PriceCatalog(prices, aliases, UnknownModelPolicy.refuse(),
                root.path("source").asText(""), asOf(root.path("as_of").asText(null)));
    }

    private static ModelPrice price(String model, JsonNode node) {
        try {
            ModelPrice.Builder b = ModelPrice.builder()
                    .input(decimal(node, "input", true))
                    .output(decimal(node, "output", true))
                    .maxOutputTokens(node.path("max_output_tokens").asInt(-1))
                    .contextWindow(node.path("context_window").asInt(0));
            BigDecimal cached = decimal(node, "cached_input", false);
            if (cached != null) b.cachedInput(cached);
            BigDecimal write5m = decimal(node, "cache_write_5m", false);
            if (write5m != null) b.cacheWrite5m(write5m);
            b.cacheWrite1h(decimal(node, "cache_write_1h", false));
            BigDecimal batch = decimal(node, "batch_multiplier", false);
            if (batch != null) b.batchMultiplier(batch);
            return b.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad price for model '" + model + "': " + e.getMessage(), e);
        }
    }

    private static BigDecimal decimal(JsonNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new IllegalArgumentException("'" + field + "' is required");
            return null;
        }
        if (v.isNumber()) return v.decimalValue();
        if (v.isTextual()) return new BigDecimal(v.asText());
        throw new IllegalArgumentException("'" + field + "' must be a number");
    }

    private static LocalDate asOf(String text) {
        if (text == null) return null;
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'as_of' must be an ISO date, got '" + text + "'", e);
        }
    }
}
