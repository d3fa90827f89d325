package io.switchboard.engine.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.Tool;
import java.io.IOException;
import java.util.Objects;

/**
 * The worst-case cost of a call before it is made: input tokens counted with the model's tokenizer
 * (see {@link TokenCounter}), output at {@code maxTokens} or, when unset, the model's maximum output,
 * priced from the {@link PriceCatalog} with no cache discount. Used to reserve budget up front.
 *
 * <p>Tokenizing is CPU work proportional to the prompt (about a millisecond per 10k tokens): call it off
 * the event loop for large bodies. Thread-safe.
 */
public final class CostEstimator {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where each wire format keeps its output limit, in the order they are looked for. */
    private static final String[] MAX_TOKENS_FIELDS = {"max_completion_tokens", "max_tokens", "max_output_tokens"};

    private final PriceCatalog catalog;
    private final EstimatorSettings settings;
    private final TokenCounter counter;

    public CostEstimator(PriceCatalog catalog) { this(catalog, EstimatorSettings.DEFAULTS); }

    public CostEstimator(PriceCatalog catalog, EstimatorSettings settings) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.counter = new TokenCounter(settings.privateTokenizerMargin());
    }

    /**
     * Estimates a neutral request: system prompt, messages (text, tool calls and results, images) and
     * tool schemas. The neutral model carries no cache markers, so no cache write is assumed.
     *
     * @throws UnknownModelException when the catalog refuses the model
     * @throws ProviderException (400) when the request names no model
     */
    public Estimate estimate(ChatRequest request) {
        String model = requireModel(request.model());
        ModelPrice price = catalog.price(model);
        TokenCounter.ModelTokens tokens = counter.forModel(model);
        long text = tokens.count(request.system());
        int framed = request.system() == null ? 0 : 1;
        int attachments = 0;
        for (Message message : request.messages()) {
            framed++;
            for (ContentPart part : message.parts()) {
                switch (part) {
                    case ContentPart.Text t -> text += tokens.count(t.text());
                    case ContentPart.ToolCall c -> text += tokens.count(c.name()) + tokens.count(c.argumentsJson());
                    case ContentPart.ToolResult r -> text += tokens.count(r.content());
                    case ContentPart.Thinking th -> text += tokens.count(th.text());
                    case ContentPart.Image i -> attachments++;
                }
            }
        }
        for (Tool tool : request.tools()) {
            text += tokens.count(tool.name()) + tokens.count(tool.description())
                    + (tool.parameters() == null ? 0 : tokens.count(tool.parameters().toString()));
        }
        if (request.responseFormat() != null && request.responseFormat().schema() != null) {
            text += tokens.count(request.responseFormat().schema().toString());
        }
        long input = tokens.withMargin(text) + framing(framed, request.tools().size(), attachments);
        long output = outputTokens(request.maxTokens() == null ? null : request.maxTokens().longValue(), price);
        return priced(model, price, input, output, false);
    }

    /**
     * Estimates a raw JSON body in any supported wire format (pass-through requests) by counting its text
     * fields. {@code model} is the upstream model the call will go to, or null to read the body's own.
     * Output is {@code max_completion_tokens}, {@code max_tokens} or {@code max_output_tokens}, times {@code n}.
     */
    public Estimate estimateJson(String model, JsonNode body) { return fromBody(model, body, -1); }

    /**
     * A loose upper bound of {@link #estimateJson(String, JsonNode)} that tokenizes nothing: every byte of the
     * request body counts as one input token. The BPE tokenizers of GPT and Claude models emit at least one byte
     * per token, and the body holds each text field's UTF-8 bytes (or longer escapes), so no text field can have
     * more tokens than the body has bytes. Attachments, framing and output are counted as in the tight estimate.
     * Costs a walk of the tree instead of about 100 µs of tokenizing per kilobyte of prompt.
     */
    public Estimate boundJson(String model, JsonNode body, long bodyBytes) {
        if (bodyBytes < 0) throw new IllegalArgumentException("bodyBytes must be >= 0, got " + bodyBytes);
        return fromBody(model, body, bodyBytes);
    }

    /** The text tokenized ({@code bodyBytes} < 0), or bounded by {@code bodyBytes}; the rest is the same for both. */
    private Estimate fromBody(String model, JsonNode body, long bodyBytes) {
        Objects.requireNonNull(body, "body");
        String target = requireModel(model != null ? model : body.path("model").asText(null));
        ModelPrice price = catalog.price(target);
        TokenCounter.ModelTokens tokens = bodyBytes < 0 ? counter.forModel(target) : null;
        RequestBodyTally tally = RequestBodyTally.of(body, tokens);
        long text = tokens == null ? bodyBytes : tokens.withMargin(tally.textTokens());
        long input = text + framing(tally.messages(), tally.tools(), tally.attachments());
        long choices = Math.max(1, body.path("n").asLong(1));
        long output = outputTokens(requestedMaxTokens(body), price) * choices;
        return priced(target, price, input, output, tally.asksForCaching());
    }

    /** As {@link #estimateJson(String, JsonNode)}, parsing {@code body} first; malformed JSON is a 400. */
    public Estimate estimateJson(String model, byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            throw ProviderException.invalid("request body is not valid JSON", null);
        }
        if (tree == null || !tree.isObject()) throw ProviderException.invalid("request body must be a JSON object", null);
        return estimateJson(model, tree);
    }

    /**
     * Tokens in {@code text} for {@code model}, scaled up by the safety margin where the model's tokenizer is
     * not public: how the gateway estimates output it saw but the provider never reported (a cut stream).
     */
    public long countTokens(String model, String text) {
        TokenCounter.ModelTokens tokens = counter.forModel(model);
        return tokens.withMargin(tokens.count(text));
    }

    private long framing(int messages, int tools, int attachments) {
        return (long) messages * settings.perMessageTokens() + settings.replyPrimingTokens()
                + (long) tools * settings.perToolTokens() + (long) attachments * settings.imageTokens();
    }

    private static Long requestedMaxTokens(JsonNode body) {
        for (String field : MAX_TOKENS_FIELDS) {
            JsonNode v = body.get(field);
            if (v != null && v.canConvertToLong() && v.isIntegralNumber()) return v.asLong();
        }
        return null;
    }

    /** The requested maximum, or the model's when unset; never above the model's (the provider caps it). */
    private static long outputTokens(Long requested, ModelPrice price) {
        if (requested == null || requested < 0) return price.maxOutputTokens();
        return Math.min(requested, price.maxOutputTokens());
    }

    private static Estimate priced(String model, ModelPrice price, long input, long output, boolean mayWriteCache) {
        return new Estimate(model, input, output, mayWriteCache,
                Money.forTokens(input, price.highestInputPrice(mayWriteCache)),
                Money.forTokens(output, price.output()));
    }

    private static String requireModel(String model) {
        if (model == null || model.isBlank()) throw ProviderException.invalid("a model is required", "model");
        return model;
    }
}
