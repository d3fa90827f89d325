package io.switchboard.engine.resilience;

/** Observer of a route's posture changes. Called on the thread that read the new posture. */
@FunctionalInterface
public interface PostureListener {
    PostureListener NONE = (route, from, to) -> { };

    void onPostureChange(String route, Posture from, Posture to);
}
