package io.switchboard.simulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * One server instance on its own event loop. Several instances listen on the same port; Vert.x spreads
 * connections across them. HTTP/1.1 and h2c with prior knowledge are served on the one port.
 */
final class SimulatorVerticle extends VerticleBase {
    private final SimulatorState state;
    private final int port;
    private HttpServer server;

    SimulatorVerticle(SimulatorState state, int port) {
        this.state = state;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHttp2ClearTextEnabled(true)
                .setHandle100ContinueAutomatically(true)
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                // No WebSockets are served; without these Vert.x adds a WebSocket extension handler that inspects
                // every HTTP request and response.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
        server = vertx.createHttpServer(options).requestHandler(new RequestRouter(state, vertx));
        // listen(port, host) rather than options: a negative port (a random port shared by all instances asking
        // for the same negative number) is accepted here but not by HttpServerOptions.setPort.
        return server.listen(port, state.config.host());
    }

    int actualPort() { return server.actualPort(); }
}
