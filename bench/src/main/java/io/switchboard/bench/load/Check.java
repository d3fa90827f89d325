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
 * @param floor    the same figure for the bare Vert.x proxy in the same run, in {@code unit}, or null (not run, or
 *                 not a figure a proxy without policies has)
 */
record Check(String goal, String scenario, String measured, Double value, double limit, String unit, String result, Double floor) {

    Check(String goal, String scenario, String measured, Double value, double limit, String unit, String result) {
        this(goal, scenario, measured, value, limit, unit, result, null);
    }

    Check withFloor(Double floorValue) {
        return new Check(goal, scenario, measured, value, limit, unit, result, floorValue);
    }
}
