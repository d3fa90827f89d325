package io.switchboard.engine.cost;

import io.switchboard.core.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prices per model, in USD per million tokens. Immutable: the {@code with...} methods return a new catalog.
 *
 * <p>A model name is resolved to a catalog entry in this order: the exact id; an alias
 * ({@code claude-haiku-4-5} → {@code claude-haiku-4-5-20251001}); the same after dropping a
 * {@code provider/} prefix; the same after dropping an OpenAI snapshot date ({@code gpt-4o-mini-2024-07-18}
 * → {@code gpt-4o-mini}). Only a trailing {@code -YYYY-MM-DD} is dropped, never an arbitrary suffix, so
 * {@code gpt-4o-mini} can never be priced as {@code gpt-4o}; snapshots whose price differs from their
 * family (such as {@code gpt-4o-2024-05-13}) have their own entry, which wins because exact ids come first.
 *
 * <p>A model that resolves to nothing is handled by the {@link UnknownModelPolicy}: refused with
 * {@link UnknownModelException} (the default) or charged a configured default price; never free.
 */
public final class PriceCatalog {

    private static final String BUNDLED = "prices.json";
    private static final Pattern OPENAI_SNAPSHOT_DATE = Pattern.compile("-\\d{4}-\\d{2}-\\d{2}$");

    private final Map<String, ModelPrice> prices;
    private final Map<String, String> aliases;
    private final UnknownModelPolicy unknownModelPolicy;
    private final String source;
    private final LocalDate asOf;

    PriceCatalog(Map<String, ModelPrice> prices, Map<String, String> aliases, UnknownModelPolicy unknownModelPolicy,
                 String source, LocalDate asOf) {
        this.prices = Map.copyOf(prices);
        this.aliases = Map.copyOf(aliases);
        this.unknownModelPolicy = Objects.requireNonNull(unknownModelPolicy, "unknownModelPolicy");
        this.source = source == null ? "" : source;
        this.asOf = asOf;
        this.aliases.forEach((alias, target) -> {
            if (!this.prices.containsKey(target)) {
                throw new IllegalArgumentException("alias '" + alias + "' points at unpriced model '" + target + "'");
            }
        });
    }

    /** The catalog shipped with Switchboard ({@code prices.json}), refusing unknown models. */
    public static PriceCatalog bundled() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IllegalStateException("bundled " + BUNDLED + " is missing from the classpath");
            return PriceFileReader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a catalog in the bundled file's JSON shape; unknown models are refused. */
    public static PriceCatalog fromJson(InputStream json) { return PriceFileReader.read(json); }

    /** A catalog of exactly these prices and aliases; unknown models are refused. */
    public static PriceCatalog of(Map<String, ModelPrice> prices, Map<String, String> aliases) {
        return new PriceCatalog(prices, aliases, UnknownModelPolicy.refuse(), "configured", null);
    }

    /**
     * This catalog with {@code overrides} replacing or adding prices. A key that is an alias overrides the
     * model the alias points at, so overriding {@code claude-haiku-4-5} also reprices its dated id.
     */
    public PriceCatalog withOverrides(Map<String, ModelPrice> overrides) {
        Map<String, ModelPrice> merged = new LinkedHashMap<>(prices);
        overrides.forEach((model, price) -> merged.put(aliases.getOrDefault(model, model),
                Objects.requireNonNull(price, () -> "override for '" + model + "' is null")));
        return new PriceCatalog(merged, aliases, unknownModelPolicy, source, asOf);
    }

    /** This catalog with extra aliases; each must point at a priced model. */
    public PriceCatalog withAliases(Map<String, String> extraAliases) {
        Map<String, String> merged = new LinkedHashMap<>(aliases);
        merged.putAll(extraAliases);
        return new PriceCatalog(prices, merged, unknownModelPolicy, source, asOf);
    }

    public PriceCatalog withUnknownModelPolicy(UnknownModelPolicy policy) {
        return new PriceCatalog(prices, aliases, policy, source, asOf);
    }

    /** The catalog id {@code model} is priced under, or empty when it is unknown. */
    public Optional<String> resolve(String model) {
        if (model == null || model.isBlank()) return Optional.empty();
        String found = lookup(model);
        if (found == null) {
            int slash = model.lastIndexOf('/');
            if (slash >= 0 && slash < model.length() - 1) found = lookup(model.substring(slash + 1));
        }
        return Optional.ofNullable(found);
    }

    /** The price of {@code model} if the catalog knows it; the unknown-model policy is not applied. */
    public Optional<ModelPrice> find(String model) { return resolve(model).map(prices::get); }

    /**
     * The price to charge for {@code model}: its catalog entry, else the unknown-model policy's default.
     *
     * @throws UnknownModelException when the model is unknown and the policy is to refuse
     */
    public ModelPrice price(String model) {
        Optional<ModelPrice> known = find(model);
        if (known.isPresent()) return known.get();
        return switch (unknownModelPolicy) {
            case UnknownModelPolicy.DefaultPrice d -> d.price();
            case UnknownModelPolicy.Refuse r -> throw new UnknownModelException(model);
        };
    }

    /**
     * What {@code usage} on {@code model} costs; see {@link ModelPrice#cost} for the accounting.
     *
     * @throws UnknownModelException when the model is unknown and the policy is to refuse
     */
    public Cost cost(String model, Usage usage, boolean batch) {
        return price(model).cost(resolve(model).orElse(model), usage, batch);
    }

    /** The catalog's own model ids (aliases excluded). */
    public Set<String> models() { return prices.keySet(); }

    public UnknownModelPolicy unknownModelPolicy() { return unknownModelPolicy; }

    /** Where the prices come from, as written in the price file. */
    public String source() { return source; }

    /** The date the prices were read, or empty for a catalog built in code. */
    public Optional<LocalDate> asOf() { return Optional.ofNullable(asOf); }

    private String lookup(String name) {
        String found = exactOrAlias(name);
        if (found != null) return found;
        String undated = OPENAI_SNAPSHOT_DATE.matcher(name).replaceFirst("");
        return undated.equals(name) ? null : exactOrAlias(undated);
    }

    private String exactOrAlias(String name) {
        if (prices.containsKey(name)) return name;
        return aliases.get(name);
    }
}
