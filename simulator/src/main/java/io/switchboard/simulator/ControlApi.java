package io.switchboard.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The simulator's own control endpoints (public names): {@code POST /sim/scenario} replaces the active rules
 * (JSON or YAML body), {@code DELETE /sim/scenario} clears them, {@code GET /sim/stats} reports what was received
 * and answered, {@code DELETE /sim/stats} resets the counts. Control calls are not counted in the stats.
 */
final class ControlApi {
    private static final long MAX_SCENARIO_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatorState state;

    ControlApi(SimulatorState state) { this.state = state; }

    void handle(HttpServerRequest req) {
        String path = req.path();
        HttpMethod method = req.method();
        if (path.equals("/sim/scenario") && method.equals(HttpMethod.POST)) {
            BodyReader.read(req, MAX_SCENARIO_BYTES, setScenario(req),
                    () -> answer(req, 413, error("scenario larger than " + MAX_SCENARIO_BYTES + " bytes")));
        } else if (path.equals("/sim/scenario") && method.equals(HttpMethod.DELETE)) {
            state.scenario.clear();
            answer(req, 200, "{\"cleared\":true}");
        } else if (path.equals("/sim/stats") && method.equals(HttpMethod.GET)) {
            answer(req, 200, state.stats.snapshot().toJson());
        } else if (path.equals("/sim/stats") && method.equals(HttpMethod.DELETE)) {
            state.stats.reset();
            answer(req, 200, "{\"reset\":true}");
        } else {
            answer(req, 404, error("unknown control endpoint " + method.name() + " " + path
                    + " (POST|DELETE /sim/scenario, GET|DELETE /sim/stats)"));
        }
    }

    private io.vertx.core.Handler<Buffer> setScenario(HttpServerRequest req) {
        return body -> {
            try {
                Scenario scenario = Scenario.parse(body.toString());
                state.scenario.set(scenario);
                answer(req, 200, "{\"rules\":" + scenario.rules().size() + "}");
            } catch (IllegalArgumentException e) {
                answer(req, 400, error(e.getMessage()));
            }
        };
    }

    private static String error(String message) {
        return JSON.createObjectNode().set("error", JSON.createObjectNode().put("message", message)).toString();
    }

    private static void answer(HttpServerRequest req, int status, String body) {
        HttpServerResponse resp = req.response();
        if (resp.ended() || resp.closed()) return;
        resp.setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }
}
