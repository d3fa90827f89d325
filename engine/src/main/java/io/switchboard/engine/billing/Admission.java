package io.switchboard.engine.billing;

import io.switchboard.core.chain.Call;
import io.switchboard.engine.cost.Estimate;
import io.switchboard.engine.cost.Reservation;
import java.util.Map;

/**
 * A call let through by the budgets: the call as it will be sent (its {@code max_tokens} lowered or its model
 * downgraded, if that is what it took), the money held for it, and the worst-case estimate per model the route
 * may use. {@code adjustment} says what was changed for the response headers, or is null. {@code bounded}: the
 * estimates are loose upper bounds (nothing tokenized), fine to hold but not to bill from.
 */
record Admission(Call call, Reservation reservation, Map<String, Estimate> estimates, Estimate worst, Adjustment adjustment,
                 boolean bounded) {

    /** What was changed so the call fits, reported to the client in a header. */
    record Adjustment(String header, String value) {}
}
