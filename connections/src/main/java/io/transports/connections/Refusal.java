package io.transports.connections;

/**
 * Why a connection cannot be opened (bad query parameter, unknown codec, access denied), with the
 * WebSocket close code that says so; the SSE servlet maps it to an HTTP status instead.
 */
final class Refusal extends Exception {
    static final int POLICY = 1008;       // bad parameters, access denied
    static final int SERVER_ERROR = 1011; // the access hook failed

    final int code;

    Refusal(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    int httpStatus() {
        return code == SERVER_ERROR ? 500 : getMessage().startsWith("access denied") ? 403 : 400;
    }
}
