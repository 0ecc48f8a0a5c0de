package io.courtside.notify;

/** A finished job's callback: where it goes (an http(s) URL or a queue name) and the JSON it carries. */
public record Callback(String jobId, String address, String json) {

    public boolean byHttp() {
        return address.regionMatches(true, 0, "http://", 0, 7) || address.regionMatches(true, 0, "https://", 0, 8);
    }
}
