/**
 * Which upstream serves a request: {@link io.switchboard.engine.routing.ModelRouter} resolves aliases and
 * model names to targets, {@link io.switchboard.engine.routing.FallbackRoutePolicy} tries them in order.
 */
package io.switchboard.engine.routing;
