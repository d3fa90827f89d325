package io.switchboard.engine.resilience;

/** State of a {@link TargetBreaker}, independent of the library underneath. */
public enum BreakerState {
    /** Calls flow; outcomes are measured. */
    CLOSED,
    /** Calls are refused until the open wait has passed. */
    OPEN,
    /** A limited number of probe calls decide between CLOSED and OPEN. */
    HALF_OPEN
}
