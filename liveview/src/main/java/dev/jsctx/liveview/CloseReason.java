package dev.jsctx.liveview;

/**
 * Why the server closes a socket: the close code and its fixed reason text. Reasons never carry client text,
 * and each fits the 123 bytes RFC 6455 allows in a close frame.
 */
enum CloseReason {
    TOKEN_INVALID(LiveProtocol.CLOSE_TOKEN_INVALID, "invalid token"),
    TOKEN_EXPIRED(LiveProtocol.CLOSE_TOKEN_EXPIRED, "token expired"),
    HEARTBEAT_TIMEOUT(LiveProtocol.CLOSE_HEARTBEAT_TIMEOUT, "heartbeat timeout"),
    VERSION_MISMATCH(LiveProtocol.CLOSE_VERSION_MISMATCH, "protocol version not supported"),
    VIEW_FAILED(LiveProtocol.CLOSE_VIEW_FAILED, "view failed"),
    NO_ROUTE(LiveProtocol.CLOSE_NO_ROUTE, "no such view"),
    TOO_BIG(LiveProtocol.CLOSE_TOO_BIG, "message too big"),
    GOING_AWAY(LiveProtocol.CLOSE_GOING_AWAY, "server stopping"),
    BINARY(LiveProtocol.CLOSE_UNSUPPORTED_DATA, "binary messages are not supported"),
    ABUSE(LiveProtocol.CLOSE_POLICY_VIOLATION, "too many refused messages"),
    PROTOCOL_ERROR(LiveProtocol.CLOSE_PROTOCOL_ERROR, "protocol error"),
    SOCKETS_PER_CLIENT(LiveProtocol.CLOSE_TOO_MANY, "too many sockets from this client"),
    JOINS_PER_CLIENT(LiveProtocol.CLOSE_TOO_MANY, "too many joins from this client"),
    VIEWS_PER_TOKEN(LiveProtocol.CLOSE_TOO_MANY, "too many views for this token"),
    SERVER_FULL(LiveProtocol.CLOSE_TOO_MANY, "server full"),
    RESUMED_ELSEWHERE(LiveProtocol.CLOSE_RESUMED_ELSEWHERE, "view resumed by another connection"),
    INTERNAL(LiveProtocol.CLOSE_INTERNAL_ERROR, "internal error");

    private final int code;
    private final String reason;

    CloseReason(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }
}
