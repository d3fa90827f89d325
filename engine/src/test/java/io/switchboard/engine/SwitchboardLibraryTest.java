package io.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Stage;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.Message;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.config.UpstreamConfig;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.Scenario;
import io.switchboard.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java face against a real simulator, over h2c and over HTTP/1.1 to the upstream. */
class SwitchboardLibraryTest {
    static ProviderSimulator simulator;

    @BeforeAll
    static void startSimulator() { simulator = ProviderSimulator.start(SimulatorConfig.builder().port(0).instances(1).build()); }

    @AfterAll
    static void stopSimulator() { simulator.close(); }

    @AfterEach
    void clearFaults() { simulator.clearScenario(); }

    private final AtomicLong now = new AtomicLong();

    private Switchboard engine(boolean http2) {
        GatewayConfig config = GatewayConfig.withSimulator(simulator.openAiBaseUrl(), simulator.anthropicBaseUrl()).toBuilder()
                .upstream(UpstreamConfig.builder().http2(http2).requestTimeoutMs(60_000).build()).build();
        return Switchboard.builder().config(config).ticker(now::get).build();
    }

    private static ChatRequest ask(String model) {
        return ChatRequest.builder().model(model).system("Be brief.").maxTokens(50)
                .messages(List.of(Message.user("Describe a mountain"))).build();
    }

    @ParameterizedTest(name = "http2={0}")
    @ValueSource(booleans = {true, false})
    void chatsWithEitherProviderAndAnAlias(boolean http2) {
        try (Switchboard sb = engine(http2)) {
            ChatResponse gpt = sb.chat(ask("gpt-4o-mini")).toCompletableFuture().join();
            ChatResponse claude = sb.chat(ask("claude-haiku-4-5")).toCompletableFuture().join();
            ChatResponse alias = sb.chat(ask("default")).toCompletableFuture().join();

            assertThat(gpt.text()).isNotBlank();
            assertThat(gpt.model()).startsWith("gpt-4o-mini");
            assertThat(claude.text()).isNotBlank().isNotEqualTo(gpt.text());
            assertThat(claude.model()).startsWith("claude-haiku-4-5");
            assertThat(alias.text()).isEqualTo(gpt.text());
            assertThat(gpt.usage().outputTokens()).isPositive();
        }
    }

    @ParameterizedTest(name = "http2={0}")
    @ValueSource(booleans = {true, false})
    void streamsNeutralEventsWhoseTextIsTheChatText(boolean http2) {
        try (Switchboard sb = engine(http2)) {
            for (String model : List.of("gpt-4o-mini", "claude-haiku-4-5")) {
                List<StreamEvent> events = new CopyOnWriteArrayList<>();
                sb.stream(ask(model), events::add).get(20, TimeUnit.SECONDS);

                StringBuilder text = new StringBuilder();
                events.forEach(e -> { if (e instanceof StreamEvent.TextDelta d) text.append(d.text()); });
                assertThat(events.getFirst()).isInstanceOf(StreamEvent.MessageStart.class);
                assertThat(events.getLast()).isInstanceOf(StreamEvent.MessageStop.class);
                assertThat(text.toString()).isEqualTo(sb.chat(ask(model)).toCompletableFuture().join().text());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDefaultRouteFallsBackWhenTheFirstProviderIsDown() {
        simulator.setScenario(Scenario.parse("{\"rules\":[{\"provider\":\"openai\",\"fault\":\"status:503\"}]}"));
        try (Switchboard sb = engine(true)) {
            ChatResponse r = sb.chat(ask("default")).toCompletableFuture().join();
            assertThat(r.model()).startsWith("claude-haiku-4-5");

            assertThatThrownBy(() -> sb.chat(ask("gpt-4o-mini")).toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ProviderException.class)
                    .satisfies(e -> assertThat(((ProviderException) e.getCause()).error().kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        }
    }

    @Test
    void unknownModelsAndPassedDeadlinesFailWithoutAnUpstreamCall() {
        try (Switchboard sb = engine(true)) {
            assertThatThrownBy(() -> sb.chat(ask("nope-1")).toCompletableFuture().join())
                    .hasCauseInstanceOf(ProviderException.class)
                    .satisfies(e -> assertThat(((ProviderException) e.getCause()).error().kind()).isEqualTo(ErrorKind.NOT_FOUND));

            simulator.resetStats();
            Call call = sb.newCall(WireFormatId.OPENAI_CHAT).model("gpt-4o-mini").body(null, "{}".getBytes()).build();
            now.addAndGet(TimeUnit.SECONDS.toNanos(61));
            Reply reply = sb.handle(call).toCompletableFuture().join();
            assertThat(reply.status()).isEqualTo(504);
            assertThat(new String(((Reply.Complete) reply).body(), StandardCharsets.UTF_8)).contains("deadline");
            assertThat(simulator.stats().total()).isZero();
            assertThat(sb.stages()).containsExactly(Stage.ROUTE, Stage.BREAKER, Stage.TIMEOUT, Stage.TRANSPORT);
        }
    }
}
