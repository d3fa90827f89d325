package io.switchboard.bench.load;

/**
 * One target the gateway is judged on, against what this run measured.
 *
 * @param goal     the target in words
 * @param scenario the run it is read from
 * @param measured the value, in words
 * @param value    the value as a number, in {@code unit} (null when not measured)
 * @param limit    the target's bound, in {@code unit}
 * @param unit     us, ratio or MiB
 * @param result   pass, miss, invalid (the baseline itself failed) or "not measured"
 */
record Check(String goal, String scenario, String measured, Double value, double limit, String unit, String result) {}
