package io.switchboard.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.model.ErrorKind;
import io.switchboard.core.model.ProviderException;
import io.switchboard.core.wire.WireFormatId;
import io.switchboard.engine.config.ProviderConfig;
import io.switchboard.engine.config.UpstreamConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamClientsTest {
    private final Vertx vertx = Vertx.vertx();
    private final ProviderConfig openai = ProviderConfig.builder("openai").baseUrl("http://127.0.0.1:9/v1").build();
    private final UpstreamClients clients = new UpstreamClients(vertx, UpstreamConfig.DEFAULTS, List.of(openai));

    @AfterEach
    void close() throws Exception { vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS); }

    @Test
    void aRequestAfterTheClientsClosedFailsItsFutureInsteadOfThrowing() throws Exception {
        clients.closeAsync().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        var request = clients.request("openai", new RequestOptions().setHost("127.0.0.1").setPort(9).setURI("/v1/chat/completions"));
        assertThat(request.failed()).isTrue();
        assertThat(request.cause()).isInstanceOf(RejectedExecutionException.class).hasMessageContaining("stopping");
    }

    @Test
    void aStreamRecoveryOpenedDuringShutdownFailsAsABadGatewayAttempt() throws Exception {
        // The bench's log showed thousands of "Client is closed" exceptions thrown out of event-loop callbacks:
        // held streams broke as the gateway stopped, and recovery then asked the closed pool for a connection.
        clients.closeAsync().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        UpstreamStreamOpener opener = new UpstreamStreamOpener(clients, openai, clients.endpoint("openai"), id -> null,
                WireFormatId.OPENAI_CHAT, 1_000);
        var opened = opener.open("POST", "/v1/chat/completions", Map.of("content-type", "application/json"), "{}".getBytes())
                .toCompletableFuture();
        assertThat(opened).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(ProviderException.class,
                        e -> {
                            assertThat(e.error().kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
                            assertThat(e).hasCauseInstanceOf(RejectedExecutionException.class);
                        });
    }
}
