/**
 * Which upstream serves a request: {@link io.switchboard.engine.routing.ModelRouter} resolves aliases and
 * model names to targets; {@link io.switchboard.engine.routing.RoutePolicy} ranks them (priority, weight),
 * settles the timeout tier and the request's one deadline, and walks them with fallback, a spill cap and
 * budgeted retries.
 */
package io.switchboard.engine.routing;
