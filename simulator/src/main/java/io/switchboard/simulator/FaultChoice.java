package io.switchboard.simulator;

/**
 * The fault chosen for one request, with an optional retry-after override (milliseconds, null = default).
 */
record FaultChoice(Fault fault, Long retryAfterMs) {}
