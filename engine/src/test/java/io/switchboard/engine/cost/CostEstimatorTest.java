package io.switchboard.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ContentPart;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.Tool;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private static final String PROSE = "The quick brown fox jumps over the lazy dog while the committee deliberates "
            + "about tokenization, budgets, and the unreasonable effectiveness of reservations.";

    private final PriceCatalog catalog = PriceCatalog.bundled();
    private final CostEstimator estimator = new CostEstimator(catalog);
    private final EstimatorSettings defaults = EstimatorSettings.DEFAULTS;

    @Test
    void countsOpenAiPromptsWithO200kAndFramesEachMessage() {
        ChatRequest request = ChatRequest.builder().model("gpt-4o").system("Be terse.")
                .messages(List.of(Message.user(PROSE))).maxTokens(100).build();
        Estimate e = estimator.estimate(request);
        long text = O200K.countTokensOrdinary("Be terse.") + O200K.countTokensOrdinary(PROSE);
        assertThat(e.inputTokens()).isEqualTo(text + 2L * defaults.perMessageTokens() + defaults.replyPrimingTokens());
        assertThat(e.outputTokens()).isEqualTo(100);
        assertThat(e.model()).isEqualTo("gpt-4o");
    }

    @Test
    void o200kAndCl100kReallyDifferSoTheChoiceMatters() {
        String multilingual = "Grüße aus Köln! 東京でお会いしましょう。Привет, как дела?";
        assertThat(O200K.countTokensOrdinary(multilingual)).isNotEqualTo(CL100K.countTokensOrdinary(multilingual));
        ChatRequest gpt4o = ChatRequest.builder().model("gpt-4o-mini").messages(List.of(Message.user(multilingual))).build();
        assertThat(estimator.estimate(gpt4o).inputTokens())
                .isEqualTo(O200K.countTokensOrdinary(multilingual) + defaults.perMessageTokens() + defaults.replyPrimingTokens());
    }

    @Test
    void claudeIsCountedWithCl100kPlusTheSafetyMargin() {
        ChatRequest request = ChatRequest.builder().model("claude-haiku-4-5").messages(List.of(Message.user(PROSE)))
                .maxTokens(10).build();
        Estimate e = estimator.estimate(request);
        long scaled = new BigDecimal(CL100K.countTokensOrdinary(PROSE)).multiply(defaults.privateTokenizerMargin())
                .setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        assertThat(e.inputTokens()).isEqualTo(scaled + defaults.perMessageTokens() + defaults.replyPrimingTokens());
        assertThat(e.inputTokens()).isGreaterThan(CL100K.countTokensOrdinary(PROSE));
    }

    @Test
    void worstCaseIsInputAtFullPriceAndOutputAtMaxTokens() {
        ChatRequest request = ChatRequest.builder().model("gpt-4.1").messages(List.of(Message.user(PROSE))).maxTokens(2000).build();
        Estimate e = estimator.estimate(request);
        ModelPrice price = catalog.price("gpt-4.1");
        assertThat(e.inputCost()).isEqualTo(Money.forTokens(e.inputTokens(), price.input()));
        assertThat(e.outputCost()).isEqualTo(Money.forTokens(2000, price.output()));
        assertThat(e.worstCase()).isEqualTo(e.inputCost().plus(e.outputCost()));
        assertThat(e.mayWriteCache()).isFalse();
    }

    @Test
    void withoutMaxTokensTheModelsMaximumOutputIsAssumed() {
        ChatRequest request = ChatRequest.builder().model("claude-sonnet-4-5").messages(List.of(Message.user("hi"))).build();
        assertThat(estimator.estimate(request).outputTokens()).isEqualTo(64_000);
        ChatRequest tooMany = request.toBuilder().maxTokens(1_000_000).build();
        assertThat(estimator.estimate(tooMany).outputTokens()).isEqualTo(64_000);
    }

    @Test
    void toolSchemasToolCallsResultsAndImagesAllCount() throws Exception {
        JsonNode schema = JSON.readTree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");
        ChatRequest bare = ChatRequest.builder().model("gpt-4o").messages(List.of(Message.user("weather?"))).maxTokens(1).build();
        ChatRequest rich = bare.toBuilder()
                .tools(List.of(new Tool("get_weather", "Current weather for a city", schema, null)))
                .messages(List.of(Message.user("weather?"),
                        new Message(Role.ASSISTANT, List.of(new ContentPart.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))),
                        new Message(Role.USER, List.of(new ContentPart.ToolResult("call_1", "18C and sunny", false),
                                new ContentPart.Image("image/png", "iVBORw0KGgo=", null)))))
                .build();
        long expectedExtra = O200K.countTokensOrdinary("get_weather") * 2L + O200K.countTokensOrdinary("Current weather for a city")
                + O200K.countTokensOrdinary(schema.toString()) + O200K.countTokensOrdinary("{\"city\":\"Paris\"}")
                + O200K.countTokensOrdinary("18C and sunny") + defaults.perToolTokens() + defaults.imageTokens()
                + 2L * defaults.perMessageTokens();
        assertThat(estimator.estimate(rich).inputTokens() - estimator.estimate(bare).inputTokens()).isEqualTo(expectedExtra);
    }

    @Test
    void rawChatBodyCountsTheSameTextAsTheNeutralRequest() {
        String body = """
                {"model":"gpt-4o","max_completion_tokens":300,
                 "messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"%s"}]}""".formatted(PROSE);
        Estimate raw = estimator.estimateJson(null, body.getBytes(StandardCharsets.UTF_8));
        Estimate neutral = estimator.estimate(ChatRequest.builder().model("gpt-4o").system("Be terse.")
                .messages(List.of(Message.user(PROSE))).maxTokens(300).build());
        assertThat(raw.inputTokens()).isEqualTo(neutral.inputTokens());
        assertThat(raw.outputTokens()).isEqualTo(300);
        assertThat(raw.worstCase()).isEqualTo(neutral.worstCase());
    }

    @Test
    void rawBodiesSkipPlumbingAndCountBase64ImagesAsImages() {
        String image = "data:image/png;base64," + "A".repeat(100_000);
        String body = """
                {"model":"gpt-4o","max_tokens":10,"user":"someone-with-a-very-long-identifier",
                 "messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},
                                                       {"type":"image_url","image_url":{"url":"%s"}}]}]}""".formatted(image);
        Estimate e = estimator.estimateJson(null, body.getBytes(StandardCharsets.UTF_8));
        assertThat(e.inputTokens()).isEqualTo(O200K.countTokensOrdinary("what is this?") + defaults.imageTokens()
                + defaults.perMessageTokens() + defaults.replyPrimingTokens());
    }

    @Test
    void anthropicBodyAskingForCachingIsPricedAtTheHighestCacheWrite() {
        String body = """
                {"model":"claude-sonnet-4-5","max_tokens":1024,
                 "system":[{"type":"text","text":"%s","cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "messages":[{"role":"user","content":"Hello"}]}""".formatted(PROSE);
        Estimate e = estimator.estimateJson(null, body.getBytes(StandardCharsets.UTF_8));
        assertThat(e.mayWriteCache()).isTrue();
        assertThat(e.inputCost()).isEqualTo(Money.forTokens(e.inputTokens(), new BigDecimal("6.00")));
        assertThat(e.outputTokens()).isEqualTo(1024);
    }

    @Test
    void responsesBodiesUseInstructionsInputAndMaxOutputTokens() {
        String body = """
                {"model":"gpt-5-mini","instructions":"Answer in French.","max_output_tokens":500,
                 "input":[{"role":"user","content":[{"type":"input_text","text":"%s"}]}],
                 "tools":[{"type":"function","name":"lookup","parameters":{"type":"object"}}]}""".formatted(PROSE);
        Estimate e = estimator.estimateJson(null, body.getBytes(StandardCharsets.UTF_8));
        long text = O200K.countTokensOrdinary("Answer in French.") + O200K.countTokensOrdinary(PROSE)
                + O200K.countTokensOrdinary("lookup") + O200K.countTokensOrdinary("{\"type\":\"object\"}");
        assertThat(e.inputTokens()).isEqualTo(text + 2L * defaults.perMessageTokens() + defaults.replyPrimingTokens()
                + defaults.perToolTokens());
        assertThat(e.outputTokens()).isEqualTo(500);
    }

    @Test
    void aPlainStringInputIsOneMessage() {
        String body = "{\"model\":\"gpt-4o\",\"input\":\"%s\",\"max_output_tokens\":5}".formatted(PROSE);
        assertThat(estimator.estimateJson(null, body.getBytes(StandardCharsets.UTF_8)).inputTokens())
                .isEqualTo(O200K.countTokensOrdinary(PROSE) + defaults.perMessageTokens() + defaults.replyPrimingTokens());
    }

    @Test
    void severalChoicesMultiplyTheOutput() {
        String body = "{\"model\":\"gpt-4o-mini\",\"n\":3,\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(estimator.estimateJson(null, body.getBytes(StandardCharsets.UTF_8)).outputTokens()).isEqualTo(300);
    }

    @Test
    void theRoutedModelOverridesTheBodysModel() {
        String body = "{\"model\":\"default\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        Estimate e = estimator.estimateJson("claude-haiku-4-5", body.getBytes(StandardCharsets.UTF_8));
        assertThat(e.model()).isEqualTo("claude-haiku-4-5");
        assertThat(e.outputCost()).isEqualTo(Money.forTokens(100, new BigDecimal("5.00")));
    }

    @Test
    void badInputIsAClientError() {
        assertThatThrownBy(() -> estimator.estimateJson(null, "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        assertThatThrownBy(() -> estimator.estimate(ChatRequest.builder().messages(List.of(Message.user("x"))).build()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("model"));
        assertThatThrownBy(() -> estimator.estimate(ChatRequest.builder().model("nobody-knows")
                .messages(List.of(Message.user("x"))).build())).isInstanceOf(UnknownModelException.class);
    }

    @Test
    void specialTokenTextInPromptsIsCountedNotRejected() {
        ChatRequest request = ChatRequest.builder().model("gpt-4o").messages(List.of(Message.user("<|endoftext|> hi"))).build();
        assertThat(estimator.estimate(request).inputTokens()).isGreaterThan(defaults.perMessageTokens() + defaults.replyPrimingTokens());
    }

    @Test
    void settingsValidateOnTheSpot() {
        assertThatThrownBy(() -> EstimatorSettings.builder().privateTokenizerMargin("0.9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EstimatorSettings.builder().imageTokens(-1)).isInstanceOf(IllegalArgumentException.class);
        CostEstimator generous = new CostEstimator(catalog, EstimatorSettings.builder().privateTokenizerMargin("2").build());
        ChatRequest claude = ChatRequest.builder().model("claude-haiku-4-5").messages(List.of(Message.user(PROSE))).build();
        assertThat(generous.estimate(claude).inputTokens()).isGreaterThan(estimator.estimate(claude).inputTokens());
    }

    @Test
    void theUntokenizedBoundIsNeverBelowTheTokenizersCount() throws Exception {
        String[] texts = {PROSE, "你好，世界。这是一个关于预算和令牌的测试。", "🦊🐕🏰🌅 emoji 🧪🧬🛰️", "1234567890".repeat(20),
                "a b c d e f g h i j k l m n o p", "{\"json\": [1, 2, {\"x\": \"\\u00e9t\\u00e9\"}]}", "\t\n  \n\t", "ÅÄÖ ß ø ł ğ ş"};
        for (String text : texts) {
            String body = JSON.writeValueAsString(JSON.createObjectNode().put("model", "m").put("max_tokens", 10)
                    .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user").put("content", text))));
            JsonNode tree = JSON.readTree(body);
            long bytes = body.getBytes(StandardCharsets.UTF_8).length;
            for (String model : List.of("gpt-4o-mini", "gpt-5", "claude-haiku-4-5")) {
                Estimate bound = estimator.boundJson(model, tree, bytes);
                Estimate tight = estimator.estimateJson(model, tree);
                assertThat(bound.inputTokens()).as("%s on %s", model, text).isGreaterThanOrEqualTo(tight.inputTokens());
                assertThat(bound.outputTokens()).isEqualTo(tight.outputTokens());
                assertThat(bound.worstCase().compareTo(tight.worstCase())).isGreaterThanOrEqualTo(0);
            }
        }
        // Attachments cost their fixed size in the bound too, however short their URL.
        JsonNode image = JSON.readTree("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}]}");
        assertThat(estimator.boundJson("gpt-4o", image, 10).inputTokens())
                .isGreaterThanOrEqualTo(estimator.estimateJson("gpt-4o", image).inputTokens());
    }
}
