package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Clients may speak HTTP/2 without TLS (h2c, prior knowledge) to the gateway, streams included. */
class GatewayHttp2Test {
    @Test
    void streamsOverH2c() {
        try (GatewayServer gateway = GatewayServer.startOffline(GatewayOptions.builder().masterKey("k").instances(1).build())) {
            HttpClient client = gateway.engine().vertx().createHttpClient(new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
            String body = """
                    {"model":"default","stream":true,"messages":[{"role":"user","content":"hi"}]}""";
            AtomicReference<HttpClientResponse> response = new AtomicReference<>();
            Buffer received = client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                            .setPort(gateway.port()).setURI("/v1/chat/completions").addHeader("authorization", "Bearer k"))
                    .compose(r -> r.send(body))
                    .compose(r -> {
                        response.set(r);
                        return r.body();
                    })
                    .toCompletionStage().toCompletableFuture().join();

            assertThat(response.get().version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(response.get().statusCode()).isEqualTo(200);
            assertThat(response.get().getHeader("x-request-id")).matches("req_[0-9a-f]{32}");
            // Every event carries its resume token first (docs/streams.md).
            assertThat(received.toString()).startsWith("id: 0\ndata: ").containsPattern("id: \\d+\ndata: \\[DONE\\]\n\n$");
            client.close();
        }
    }
}
