package io.switchboard.engine.policy;

import io.vertx.core.Vertx;
import java.time.Duration;

/** {@link Timers} on Vert.x: the task runs on the event loop of the context that scheduled it. */
public record VertxTimers(Vertx vertx) implements Timers {
    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
        return () -> vertx.cancelTimer(id);
    }
}
