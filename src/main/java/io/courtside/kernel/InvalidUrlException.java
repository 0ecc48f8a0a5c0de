package io.courtside.kernel;

/** A caller-given URL we will not use; the message says why, for an InvalidParameter answer. */
public class InvalidUrlException extends RuntimeException {
    public InvalidUrlException(String message) {
        super(message);
    }
}
