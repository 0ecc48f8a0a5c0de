package io.courtside.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.kernel.ApiErrorCode;
import io.courtside.api.ApiErrors;
import io.courtside.kernel.ApiException;
import io.courtside.api.RpcReply;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one door to the API ({@code /}) and {@code /files}: bounds the request (body bytes, parameter count and
 * size), authenticates the caller by its AccessKey signature, applies the caller's rate limit, and hands the
 * request on with the verified AccessKeyId in the {@value #CALLER_HEADER} header (any value a caller sent under
 * that name is dropped), and the parameters the signature covers in the request attribute
 * {@link VerifiedParameters#ATTRIBUTE}: the API reads those and nothing else (no header). {@code /files} takes only
 * its own link signature ({@link FilesLinks}), {@code /} only the API's (RPC or ACS3), so neither can be used at the
 * other. The body is read once here and replayed to the API, because the ACS3 signature covers it. The console's
 * static pages and the actuator are outside; everything else needs a signature.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ApiGate extends OncePerRequestFilter {

    /** Header the API route reads the authenticated caller from. */
    public static final String CALLER_HEADER = "CourtsideCaller";
    public static final String ANONYMOUS = "anonymous";

    private final CallerAuthentication authentication;
    private final AccessKeys keys;
    private final ApiSecurityProperties properties;
    private final RateLimiter rateLimiter;
    private final ApiErrors errors;
    private final ObjectMapper json = new ObjectMapper();

    public ApiGate(CallerAuthentication authentication, AccessKeys keys, ApiSecurityProperties properties,
                   ApiErrors errors) {
        this.authentication = authentication;
        this.keys = keys;
        this.properties = properties;
        this.rateLimiter = new RateLimiter(properties.rateLimitPerSecond(), properties.rateLimitBurst());
        this.errors = errors;
    }

    /** The path as Tomcat maps it: decoded and normalised, so /console/../files is /files. */
    private static String mappedPath(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = mappedPath(request);
        return path.equals("/console") || path.startsWith("/console/") || path.startsWith("/actuator/")
                || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest admitted;
        try {
            admitted = admit(request);
        } catch (ApiException refused) {
            RpcReply reply = errors.reply(refused);
            response.setStatus(reply.httpStatus());
            response.setContentType("application/json");
            response.getOutputStream().write(json.writeValueAsBytes(reply.body()));
            return;
        }
        chain.doFilter(admitted, response);
    }

    private HttpServletRequest admit(HttpServletRequest request) throws IOException {
        // /files streams uploads of up to courtside.input.max-bytes; its parameters are in the query only.
        boolean files = mappedPath(request).equals("/files");
        byte[] body = files ? new byte[0] : readBody(request);
        Map<String, List<String>> query = decode(request.getQueryString());
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        Map<String, List<String>> form = !files && type.startsWith("application/x-www-form-urlencoded")
                ? decode(new String(body, StandardCharsets.UTF_8)) : Map.of();
        checkSizes(query, form);
        String caller = ANONYMOUS;
        SignedRequest signed = new SignedRequest(request.getMethod(), request.getRequestURI(), query, form,
                request::getHeader, body);
        Map<String, String> verified = null;
        if (files) {
            if (keys.enabled()) {
                caller = authentication.authenticateFilesLink(signed);
            }
        } else if (keys.enabled()) {
            CallerAuthentication.Verified call = authentication.authenticate(signed);
            caller = call.accessKeyId();
            verified = call.parameters();
        } else {
            verified = CallerAuthentication.unsigned(signed);
        }
        if (!rateLimiter.tryAcquire(caller, System.nanoTime())) {
            throw new ApiException(ApiErrorCode.REQUESTS_TOO_FREQUENT, "More than "
                    + properties.rateLimitPerSecond() + " calls a second from AccessKey " + caller
                    + " (courtside.security.rate-limit-*); slow down and retry.");
        }
        if (files) {
            return new Admitted(request, caller, null, null);
        }
        Admitted admitted = new Admitted(request, caller, body, merge(query, form));
        admitted.setAttribute(VerifiedParameters.ATTRIBUTE, Collections.unmodifiableMap(verified));
        return admitted;
    }

    private byte[] readBody(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodyBytes().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(ApiErrorCode.REQUEST_TOO_LARGE, "The request body is larger than " + limit
                + " bytes (courtside.security.max-body-bytes); send media through object storage, not in the call.");
    }

    private void checkSizes(Map<String, List<String>> query, Map<String, List<String>> form) {
        int count = 0;
        for (Map<String, List<String>> source : List.of(query, form)) {
            for (Map.Entry<String, List<String>> e : source.entrySet()) {
                if (e.getKey().equalsIgnoreCase(CALLER_HEADER)) {
                    throw ApiException.invalid(e.getKey(), "is a reserved name");
                }
                for (String value : e.getValue()) {
                    count++;
                    if (value.getBytes(StandardCharsets.UTF_8).length > properties.maxParameterBytes()
                            || e.getKey().length() > 128) {
                        throw ApiException.invalid(e.getKey().length() > 128 ? e.getKey().substring(0, 128) + "..."
                                : e.getKey(), "is longer than " + properties.maxParameterBytes()
                                + " bytes (courtside.security.max-parameter-bytes)");
                    }
                }
            }
        }
        if (count > properties.maxParameterCount()) {
            throw new ApiException(ApiErrorCode.INVALID_PARAMETER, "The request has " + count + " parameters; at most "
                    + properties.maxParameterCount() + " are accepted (courtside.security.max-parameter-count).");
        }
    }

    static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ApiErrorCode.INVALID_PARAMETER,
                        "The query or form is not valid URL encoding (" + e.getMessage() + ").");
            }
        }
        return parameters;
    }

    private static Map<String, String[]> merge(Map<String, List<String>> query, Map<String, List<String>> form) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        query.forEach((k, v) -> all.computeIfAbsent(k, n -> new ArrayList<>()).addAll(v));
        form.forEach((k, v) -> all.computeIfAbsent(k, n -> new ArrayList<>()).addAll(v));
        Map<String, String[]> merged = new LinkedHashMap<>();
        all.forEach((k, v) -> merged.put(k, v.toArray(String[]::new)));
        return Collections.unmodifiableMap(merged);
    }

    /** The request as admitted: the caller's identity set by us, the body (when read here) replayable. */
    private static final class Admitted extends HttpServletRequestWrapper {
        private final String caller;
        private final byte[] body;
        private final Map<String, String[]> parameters;

        Admitted(HttpServletRequest request, String caller, byte[] body, Map<String, String[]> parameters) {
            super(request);
            this.caller = caller;
            this.body = body;
            this.parameters = parameters;
        }

        @Override
        public String getHeader(String name) {
            return CALLER_HEADER.equalsIgnoreCase(name) ? caller : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return CALLER_HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(caller))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String name = e.nextElement();
                if (!CALLER_HEADER.equalsIgnoreCase(name)) {
                    names.add(name);
                }
            }
            names.add(CALLER_HEADER);
            return Collections.enumeration(names);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                return super.getInputStream();
            }
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return body == null ? super.getReader()
                    : new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public String getParameter(String name) {
            if (parameters == null) {
                return super.getParameter(name);
            }
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters == null ? super.getParameterMap() : parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return parameters == null ? super.getParameterNames() : Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters == null ? super.getParameterValues(name) : parameters.get(name);
        }
    }
}
