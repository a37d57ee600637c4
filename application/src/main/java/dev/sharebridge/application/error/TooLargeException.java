package dev.sharebridge.application.error;

/**
 * An expected outcome: the content is larger than what is allowed (the server's largest upload, a
 * quota, or more bytes than the upload announced); nothing of it was kept.
 */
public final class TooLargeException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public TooLargeException(String detail) {
        super(detail);
    }

    @Override
    public String code() {
        return "payload_too_large";
    }
}
