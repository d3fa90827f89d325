package io.switchboard.core.chain;

import java.util.concurrent.CompletionStage;

/** The rest of the chain after the current {@link Policy}. */
public interface Chain {
    /** Hands {@code call} to the next policy. May be called more than once (fallback, retry). */
    CompletionStage<Reply> proceed(Call call);

    /** The stage of the policy that will run on {@link #proceed}, for policies that want to assert their position. */
    Stage nextStage();
}
