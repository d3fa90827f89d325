package io.switchboard.engine;

import io.switchboard.core.chain.Call;
import io.switchboard.core.chain.Policy;
import io.switchboard.core.chain.PolicyChain;
import io.switchboard.core.chain.Reply;
import io.switchboard.core.chain.Stage;
import io.switchboard.core.model.ChatRequest;
import io.switchboard.core.model.ChatResponse;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.model.StreamEvent;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.config.GatewayConfig;
import io.switchboard.engine.policy.ResiliencePolicies;
import io.switchboard.engine.policy.ResilienceRuntime;
import io.switchboard.engine.policy.VertxTimers;
import io.switchboard.engine.resilience.TickerClock;
import io.switchboard.engine.routing.RoutePolicy;
import io.switchboard.engine.routing.ModelRouter;
import io.switchboard.engine.transport.HttpTransport;
import io.switchboard.engine.transport.UpstreamClients;
import io.switchboard.engine.transport.WireFormatLookup;
import io.switchboard.providers.WireFormats;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: one policy chain (see {@link EngineChain}) behind two faces. The gateway hands it wire-level
 * {@link Call}s ({@link #handle}); Java code uses the neutral model ({@link #chat}, {@link #stream}).
 *
 * <pre>{@code
 * try (Switchboard sb = Switchboard.builder().config(GatewayConfig.fromEnvironment(System.getenv())).build()) {
 *     ChatResponse r = sb.chat(ChatRequest.builder().model("default")
 *             .messages(List.of(Message.user("Hello"))).build()).toCompletableFuture().join();
 * }
 * }</pre>
 *
 * Completion callbacks run on Vert.x event-loop threads: do not block in them.
 */
public final class Switchboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Switchboard.class);

    private final GatewayConfig config;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final LongSupplier ticker;
    private final UpstreamClients clients;
    private final PolicyChain chain;
    private final ErrorReplies errors;
    private final LibraryFace library;
    private final ModelRouter router;
    private final ResilienceRuntime resilience;
    private final io.switchboard.engine.billing.Billing billing;
    private final io.switchboard.engine.stream.StreamServices streams;

    private Switchboard(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        this.ownsVertx = b.vertx == null;
        this.vertx = ownsVertx ? newVertx() : b.vertx;
        this.ticker = b.ticker;
        this.router = new ModelRouter(config);
        this.billing = b.billing;
        List<Map.Entry<Stage, Policy>> extra = new ArrayList<>(b.extra);
        if (billing != null) extra.addAll(billing.policies(config, router, b.formats));
        this.clients = new UpstreamClients(vertx, config.upstream(), config.providers().values());
        this.errors = new ErrorReplies(b.formats);
        this.resilience = new ResilienceRuntime(config, ticker, TickerClock.startingNow(ticker), new VertxTimers(vertx));
        extra.addAll(ResiliencePolicies.perAttempt(resilience));
        this.streams = new io.switchboard.engine.stream.StreamServices(b.streams != null ? b.streams : config.streams(),
                vertx, ticker, java.time.Clock.systemUTC(), b.streamStore, errors, call -> resilience.attemptTimeouts(call).idle());
        this.chain = EngineChain.assemble(new RoutePolicy(router, resilience, errors, ThreadLocalRandom.current()),
                new HttpTransport(config, clients, b.formats, ticker, resilience::attemptTimeouts)
                        .streamRecovery(streams.recovery()), extra);
        this.library = new LibraryFace(this, router, b.formats);
    }

    public static Builder builder() { return new Builder(); }

    /**
     * Runs a wire-level call through the chain. Always completes normally: failures become error replies in
     * the call's client format.
     */
    public CompletionStage<Reply> handle(Call call) {
        return chain.execute(call).exceptionally(failure -> {
            Throwable cause = ErrorReplies.causeOf(failure);
            if (!(cause instanceof ProviderException)) LOG.error("request {} failed inside the gateway", call.requestId(), cause);
            return errors.render(call.clientFormat(), ErrorReplies.errorOf(cause));
        });
    }

    /** A call builder with a fresh request id and the configured deadline. */
    public Call.Builder newCall(WireFormatId clientFormat) {
        return Call.builder().clientFormat(clientFormat).requestId(newRequestId())
                .deadlineNanos(ticker.getAsLong() + TimeUnit.MILLISECONDS.toNanos(config.upstream().requestTimeoutMs()));
    }

    /** A non-streamed chat; {@code request.model()} may be a route alias. Fails with a {@code ProviderException}. */
    public CompletionStage<ChatResponse> chat(ChatRequest request) { return library.chat(request); }

    /**
     * A streamed chat: {@code events} receives each neutral event on an event-loop thread. The stage completes
     * when the stream ends; cancelling it (via {@code toCompletableFuture().cancel(..)}) stops the upstream.
     */
    public CompletableFuture<Void> stream(ChatRequest request, Consumer<StreamEvent> events) {
        return library.stream(request, events);
    }

    public GatewayConfig config() { return config; }

    public Vertx vertx() { return vertx; }

    /**
     * A Vert.x instance as the gateway runs on: Netty's native epoll transport where it is available (Linux),
     * Java NIO elsewhere. Vert.x does not prefer it by default; here it was the largest single gain.
     */
    public static Vertx newVertx() { return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)); }

    public LongSupplier ticker() { return ticker; }

    public ModelRouter router() { return router; }

    /** Stream recovery: the journal, client-side resume and upstream recovery (docs/streams.md). */
    public io.switchboard.engine.stream.StreamServices streams() { return streams; }

    /** Routing and storm-control state: breakers, buckets, error budgets, tiers (for the admin endpoint). */
    public ResilienceRuntime resilience() { return resilience; }

    /** Cost control, when the engine was built with {@link Builder#billing}. */
    public java.util.Optional<io.switchboard.engine.billing.Billing> billing() { return java.util.Optional.ofNullable(billing); }

    /** Renders errors in a client format, for refusals made before a call reaches the chain (auth, bad input). */
    public ErrorReplies errors() { return errors; }

    /** The ids of the chain's policies' stages, in execution order (for diagnostics and tests). */
    public List<Stage> stages() { return chain.stages(); }

    @Override
    public void close() {
        var closing = clients.closeAsync();
        streams.close();
        if (ownsVertx) closing.eventually(() -> vertx.close());
    }

    /**
     * {@code req_} and 32 hex digits. A request id must be unique, not secret, so it comes from the thread's own
     * generator rather than {@code UUID.randomUUID()}, which takes the shared SecureRandom on every request.
     */
    public static String newRequestId() {
        // Time first (48 bits of epoch millis), then 80 random bits: ids sort by creation, so the spend ledger's
        // unique index on them grows at one end. Random ids dirtied a different index page per row, about half
        // of the ledger writer's CPU.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "req_" + hex.toHexDigits(System.currentTimeMillis()).substring(4)
                + hex.toHexDigits((short) random.nextInt()) + hex.toHexDigits(random.nextLong());
    }

    public static final class Builder {
        private GatewayConfig config;
        private Vertx vertx;
        private LongSupplier ticker = System::nanoTime;
        private WireFormatLookup formats = WireFormats::of;
        private final List<Map.Entry<Stage, Policy>> extra = new ArrayList<>();
        private io.switchboard.engine.billing.Billing billing;

        public Builder config(GatewayConfig v) { config = v; return this; }

        /** Shares an existing Vert.x; without one the engine creates its own and closes it on {@link #close}. */
        public Builder vertx(Vertx v) { vertx = v; return this; }

        /** The monotonic nano clock for deadlines; {@code System::nanoTime} by default. */
        public Builder ticker(LongSupplier v) { ticker = Objects.requireNonNull(v); return this; }

        private io.switchboard.engine.stream.StreamsConfig streams;
        private io.switchboard.engine.stream.StreamStore streamStore;

        /** Stream journal and recovery settings, overriding the config's {@code streams} section. */
        public Builder streams(io.switchboard.engine.stream.StreamsConfig v) { streams = v; return this; }

        /** A durable copy of the stream journal (closed with the engine); null = memory only. */
        public Builder streamStore(io.switchboard.engine.stream.StreamStore v) { streamStore = v; return this; }

        /** Replaces the codecs (tests). */
        public Builder formats(WireFormatLookup v) { formats = Objects.requireNonNull(v); return this; }

        /** Adds a policy at {@code stage}; at ROUTE or TRANSPORT it replaces the engine's own. */
        public Builder policy(Stage stage, Policy policy) {
            extra.add(new AbstractMap.SimpleImmutableEntry<>(stage, policy));
            return this;
        }

        /**
         * Puts cost control on the request path (virtual-key permissions, budgets, cost headers, the spend
         * ledger). The caller opened {@code billing} and closes it after the engine.
         */
        public Builder billing(io.switchboard.engine.billing.Billing v) { billing = v; return this; }

        public Switchboard build() { return new Switchboard(this); }
    }
}
