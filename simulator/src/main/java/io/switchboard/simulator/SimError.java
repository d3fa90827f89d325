package io.switchboard.simulator;

/**
 * A request the simulated provider refuses (validation, auth, not found). The wire class that throws it
 * knows the provider; the server renders it with that provider's error body and status.
 */
public final class SimError extends RuntimeException {
    private final int status;
    private final String type;
    private final String param;
    private final String code;

    public SimError(int status, String type, String message, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    public int status() { return status; }
    public String type() { return type; }
    public String param() { return param; }
    public String code() { return code; }
}
