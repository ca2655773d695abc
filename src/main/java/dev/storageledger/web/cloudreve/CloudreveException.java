package dev.storageledger.web.cloudreve;

/** A failure that the Cloudreve surface answers with one of Cloudreve's codes. */
final class CloudreveException extends RuntimeException {

    private final int code;

    CloudreveException(int code, String msg) {
        super(msg, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }
}
