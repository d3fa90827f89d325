package io.switchboard.engine.routing;

import io.switchboard.core.chain.Call;
import io.switchboard.engine.policy.RouteState;
import io.switchboard.engine.resilience.Deadline;
import io.switchboard.engine.resilience.TimeoutTier;
import java.util.List;

/**
 * What the route policy settled for one request before its first attempt.
 *
 * @param call        the call as attempts see it (tier recorded, deadline cut to the tier)
 * @param route       the route's live state
 * @param candidates  the targets in trying order
 * @param tier        the timeout tier in force
 * @param deadline    the one deadline all attempts share
 * @param retries     whether same-target retries are allowed (false while the error budget says stop)
 * @param startNanos  when the request reached the route policy
 */
record RoutePlan(Call call, RouteState route, List<RankedTarget> candidates, TimeoutTier tier, Deadline deadline,
                 boolean retries, long startNanos) {}
