package io.courtside.kernel;

import java.util.List;

/** A validated job request: what to analyse, what to produce, whom to tell. */
public record JobSpec(InputConfig input, OutputConfig output, UserData userData) {

    public record InputConfig(String sportsCategory, MediaSource inputMedia, List<FaceRegistration> faces,
                              List<MediaSource> slowMotionLogos, List<NameTransfer> nameTransfers) {
    }

    public record FaceRegistration(String name, List<MediaSource> faceUrls) {
    }

    public record NameTransfer(String originalName, String transferName) {

        /** Original name to the name to show and say, in the request's order: the one reading of TransferNameRegister. */
        public static java.util.Map<String, String> map(List<NameTransfer> transfers) {
            java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
            if (transfers != null) {
                transfers.forEach(t -> names.put(t.originalName(), t.transferName()));
            }
            return names;
        }
    }

    /**
     * Where and what to render. {@code mediaUrlTemplate} holds {@code {index}}; width/height 0 mean the source's.
     * {@code targets.get(i)} is where output i is uploaded.
     */
    public record OutputConfig(String mediaUrlTemplate, int count, int width, int height, Double maxDuration,
                               List<ObjectLocation> targets) {

        public String mediaUrl(int index) {
            return mediaUrlTemplate.replace("{index}", Integer.toString(index));
        }
    }

    /** The caller's UserData as given (echoed back), and where to send the callback, if anywhere. */
    public record UserData(String json, String notifyAddress) {

        /** The UserData field that says where the callback goes. */
        public static final String NOTIFY_ADDRESS = "NotifyAddress";

        /**
         * The NotifyAddress of a UserData object as the caller wrote it, trimmed: null when absent, null or blank;
         * {@code ""} when it is there but not text (which the submit refuses). The one reading of NotifyAddress.
         */
        public static String notifyAddressIn(com.fasterxml.jackson.databind.JsonNode userData) {
            com.fasterxml.jackson.databind.JsonNode address = userData == null ? null : userData.get(NOTIFY_ADDRESS);
            if (address == null || address.isNull()) {
                return null;
            }
            return !address.isTextual() ? "" : address.asText().isBlank() ? null : address.asText().trim();
        }

        /** Whether a NotifyAddress is an http(s) URL (else it names a queue). */
        public static boolean isHttp(String address) {
            return address.regionMatches(true, 0, "http://", 0, 7) || address.regionMatches(true, 0, "https://", 0, 8);
        }
    }
}
