package io.courtside.notify;

import io.courtside.kernel.JobSpec;
/** A finished job's callback: where it goes (an http(s) URL or a queue name) and the JSON it carries. */
public record Callback(String jobId, String address, String json) {

    public boolean byHttp() {
        return JobSpec.UserData.isHttp(address);
    }
}
