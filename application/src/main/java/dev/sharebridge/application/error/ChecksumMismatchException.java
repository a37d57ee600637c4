package dev.sharebridge.application.error;

/** An expected outcome: the bytes that arrived are not those the client's checksum describes; none were kept. */
public final class ChecksumMismatchException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public ChecksumMismatchException(String detail) {
        super(detail);
    }

    @Override
    public String code() {
        return "checksum_mismatch";
    }
}
