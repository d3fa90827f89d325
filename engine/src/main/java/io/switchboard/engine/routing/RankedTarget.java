package io.switchboard.engine.routing;

import io.switchboard.core.chain.Target;
import io.switchboard.engine.config.RouteTargetSettings;

/** A route target with its ranking (priority, weight, declared context window). */
public record RankedTarget(Target target, RouteTargetSettings rank) {}
