package io.courtside.storage;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Input media from the web and its size, {@code courtside.input.*} (config/application.yaml documents each key). */
@ConfigurationProperties("courtside.input")
public record InputProperties(List<String> allowedHosts, DataSize maxBytes, boolean allowPrivateAddresses) {

    /** The one message for an input over {@code max-bytes}, wherever it is found out. */
    public String tooLarge(String what) {
        return what + " is larger than " + maxBytes.toBytes() + " bytes (courtside.input.max-bytes).";
    }
}
