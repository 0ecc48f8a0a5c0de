package io.courtside.notify;

import org.apache.camel.http.common.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Which message headers the callback's camel-http endpoint sends ({@code headerFilterStrategy=#callbackHeaderFilter}):
 * as camel-http's own filter (no Camel* headers), and none of Courtside's bookkeeping ({@code Courtside*}, e.g. the
 * retry count the notify route carries). Headers a user sets in the route (X-Tenant, ...) go out.
 */
@Component("callbackHeaderFilter")
public class CallbackHeaderFilter extends HttpHeaderFilterStrategy {

    public CallbackHeaderFilter() {
        setOutFilterPattern("(?i)courtside.*");
    }
}
